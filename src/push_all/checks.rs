//! `transactions.pushAll`'s checks, all made before anything is sent: the options, the
//! request, and then, a slice at a time (js/push.js asks for each), every transaction against
//! its schema and each `date` one that sorts.

use std::ops::Range;

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

use super::plan::local_date_time;
use super::types::{MAX_PUSH, PUSH_OPTIONS, REQUEST_FIELDS};
use crate::bindings::get;
use crate::error::Error;
use crate::models::BankTransaction;
use crate::operation::validate;
use crate::options::{absent, timeout, Arg, Config};
use crate::request::json_body;
use crate::schema::is_date;
use crate::text::int_text;

const WHO: &str = "transactions.pushAll";
const IDS: [&str; 3] = ["companyId", "connectionId", "accountId"];
const REQUEST: Arg = Arg {
    who: WHO,
    name: "request",
    nested: false,
};

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
        arg.option(options, name, timeout)?;
    }
    arg.option(options, "onProgress", |v| {
        v.dyn_ref::<Function>()
            .map(drop)
            .ok_or("must be a function".into())
    })?;
    let size = arg.option(options, "chunkSize", |v| match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=MAX_PUSH as f64).contains(&n) => Ok(n as usize),
        _ => Err("must be a whole number from 1 to 1000 (Codat's most per push)".into()),
    })?;
    Ok(size.unwrap_or(MAX_PUSH))
}

/// Checks the request's own fields and gives its transactions, not yet checked (`slice`
/// checks them). The per-request fields (`timeoutInMinutes`, `allowSyncOnPushComplete`) are
/// checked by each chunk's `create`, before its request is sent.
pub(super) fn request(request: &JsValue) -> Result<Array, Error> {
    REQUEST.object(
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
            return Err(REQUEST.bad(name, reason));
        }
    }
    let batch_id = get(request, "batchId");
    if !batch_id.is_undefined() && batch_id.as_string().is_none_or(|s| s.is_empty()) {
        return Err(REQUEST.bad("batchId", "must be a non-empty string"));
    }
    let transactions = get(request, "transactions");
    if !Array::is_array(&transactions) {
        return Err(REQUEST.bad("transactions", "must be an array of bank transactions"));
    }
    Ok(transactions.into())
}

/// Checks `items[range]`, each against its schema and its `date` (an error names the index in
/// `items`): the length of each `date`'s local date-time (`plan::local_date_time`), which the
/// run is ordered by.
pub(super) fn slice(items: &Array, range: Range<u32>) -> Result<Vec<u32>, Error> {
    let mut local = Vec::with_capacity(range.len());
    for i in range {
        let item = items.get(i);
        let field = ["transactions[", &int_text(i.into()), "]"].concat();
        let bad = |name: &str, reason: &str| REQUEST.bad(name, reason);
        json_body(&item, validate::<BankTransaction>, &field, &bad)?;
        let date = get(&item, "date").as_string().unwrap_or_default();
        if !is_date(&date) {
            let reason = "must be an ISO 8601 date or local date-time, such as 2023-08-22T10:21:00 (pushAll pushes in date order)";
            return Err(bad(&[&field, ".date"].concat(), reason));
        }
        // In UTF-16 units, as JS slices: the local part is ASCII.
        local.push(local_date_time(&date).len() as u32);
    }
    Ok(local)
}
