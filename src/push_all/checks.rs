//! `transactions.pushAll`'s checks, all made before anything is sent: the options, the
//! request, every transaction against its schema, each `date` one that sorts, no `id` twice.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

use super::plan::first_duplicate;
use super::types::{MAX_PUSH, PUSH_OPTIONS, REQUEST_FIELDS};
use crate::bindings::get;
use crate::error::Error;
use crate::models::BankTransaction;
use crate::operation::validate;
use crate::options::{absent, optional, timeout, Arg, Config};
use crate::request::json_body;
use crate::schema::is_date;

const WHO: &str = "transactions.pushAll";
const IDS: [&str; 3] = ["companyId", "connectionId", "accountId"];

/// Checks the options (a call's, and the run's own) and settles the chunk size. js/push.js
/// reads the checked options itself.
pub(super) fn chunk_size(config: &Config, options: &JsValue) -> Result<usize, Error> {
    config.call_options_of(WHO, options, PUSH_OPTIONS)?;
    if absent(options) {
        return Ok(MAX_PUSH);
    }
    let arg = Arg {
        who: WHO,
        name: "options",
        nested: true,
    };
    for name in ["intervalMs", "maxIntervalMs"] {
        optional(get(options, name), timeout).map_err(|r| arg.bad(name, &r))?;
    }
    optional(get(options, "onProgress"), |v| {
        v.dyn_ref::<Function>()
            .map(drop)
            .ok_or("must be a function")
    })
    .map_err(|r| arg.bad("onProgress", r))?;
    let size = optional(get(options, "chunkSize"), |v| match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=MAX_PUSH as f64).contains(&n) => Ok(n as usize),
        _ => Err("must be a whole number from 1 to 1000 (Codat's most per push)"),
    })
    .map_err(|r| arg.bad("chunkSize", r))?;
    Ok(size.unwrap_or(MAX_PUSH))
}

/// Checks the request: its transactions, and their dates in the caller's order. The
/// per-request fields (`timeoutInMinutes`, `allowSyncOnPushComplete`) are checked by each
/// chunk's `create`, before its request is sent.
pub(super) fn transactions(request: &JsValue) -> Result<(Array, Vec<String>), Error> {
    let arg = Arg {
        who: WHO,
        name: "request",
        nested: false,
    };
    arg.object(
        request,
        REQUEST_FIELDS,
        "must be an object",
        "is not a field of this request",
    )?;
    for name in IDS {
        let value = get(request, name);
        if value.as_string().is_none_or(|s| s.is_empty()) {
            let reason = if value.is_undefined() {
                "is required"
            } else {
                "must be a non-empty string"
            };
            return Err(arg.bad(name, reason));
        }
    }
    let batch_id = get(request, "batchId");
    if !batch_id.is_undefined() && batch_id.as_string().is_none_or(|s| s.is_empty()) {
        return Err(arg.bad("batchId", "must be a non-empty string"));
    }
    let transactions = get(request, "transactions");
    if !Array::is_array(&transactions) {
        return Err(arg.bad("transactions", "must be an array of bank transactions"));
    }
    json_body(
        &transactions,
        validate::<Vec<BankTransaction>>,
        "transactions",
        &|field, reason| arg.bad(field, reason),
    )?;
    let items = Array::from(&transactions);
    let mut ids = Vec::with_capacity(items.length() as usize);
    let mut dates = Vec::with_capacity(ids.capacity());
    for (i, item) in items.iter().enumerate() {
        ids.push(get(&item, "id").as_string());
        let date = get(&item, "date").as_string().unwrap_or_default();
        if !is_date(&date) {
            let reason = "must be an ISO 8601 date or local date-time, such as 2023-08-22T10:21:00 (pushAll pushes in date order)";
            return Err(arg.bad(&format!("transactions[{i}].date"), reason));
        }
        dates.push(date);
    }
    if let Some((first, again)) = first_duplicate(&ids) {
        let id = ids[again].as_deref().unwrap_or_default();
        let reason =
            format!("repeats transactions[{first}].id (`{id}`): each transaction is pushed once");
        return Err(arg.bad(&format!("transactions[{again}].id"), &reason));
    }
    Ok((items, dates))
}
