//! `transactions.pushAll`'s checks, all made before anything is sent: the options, the
//! request, and then, a slice at a time, every transaction against its schema and each `date`
//! one that sorts (`id`s are compared once every slice is in).

use std::ops::Range;

use js_sys::{Array, Function, JSON};
use wasm_bindgen::prelude::*;

use super::plan::{is_iso_date, local_date_time, Key};
use super::types::{MAX_PUSH, PUSH_OPTIONS, REQUEST_FIELDS};
use crate::bindings::{decimal_json, get};
use crate::error::Error;
use crate::models::BankTransaction;
use crate::operation::validate;
use crate::options::{absent, optional, timeout, Arg, Config};
use crate::request::json_body;

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

/// Checks `items[range]`, each against its schema and each `date`, and adds their keys to
/// `keys` (an error names the index in `items`).
pub(super) fn slice(items: &Array, range: Range<u32>, keys: &mut Vec<Key>) -> Result<(), Error> {
    let part = items.slice(range.start, range.end);
    json_body(
        &part,
        validate::<Vec<BankTransaction>>,
        "transactions",
        &|field, reason| REQUEST.bad(&rebased(field, range.start), reason),
    )?;
    for (i, item) in range.zip(part.iter()) {
        let date = get(&item, "date").as_string().unwrap_or_default();
        if !is_iso_date(&date) {
            let reason = "must be an ISO 8601 date or local date-time, such as 2023-08-22T10:21:00 (pushAll pushes in date order)";
            return Err(REQUEST.bad(&format!("transactions[{i}].date"), reason));
        }
        let id = get(&item, "id").as_string();
        // Only a transaction with no `id` needs its content to be told from another.
        let content = id.is_none().then(|| content(&item));
        keys.push(Key {
            date: local_date_time(&date).to_string(),
            id,
            content,
        });
    }
    Ok(())
}

/// A transaction as its JSON is sent (decimals as their digits): what tells apart two of the
/// same date with no `id`.
fn content(item: &JsValue) -> String {
    decimal_json(item)
        .or_else(|| JSON::stringify(item).ok().map(JsValue::from))
        .and_then(|json| json.as_string())
        .unwrap_or_default()
}

/// The field of a slice's `transactions[i]...` as the index in the whole array names it.
fn rebased(field: &str, offset: u32) -> String {
    let index = field
        .strip_prefix("transactions[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, tail)| Some((i.parse::<u32>().ok()?, tail)));
    match index {
        Some((i, tail)) => format!("transactions[{}]{tail}", i + offset),
        None => field.to_string(),
    }
}

/// The error of a repeated `id`: `again` repeats `first`.
pub(super) fn repeated_id(keys: &[Key], (first, again): (usize, usize)) -> Error {
    let id = keys[again].id.as_deref().unwrap_or_default();
    let reason =
        format!("repeats transactions[{first}].id (`{id}`): each transaction is pushed once");
    REQUEST.bad(&format!("transactions[{again}].id"), &reason)
}

#[cfg(test)]
mod tests {
    use super::rebased;

    #[test]
    fn a_slices_field_is_named_by_its_index_in_the_whole() {
        assert_eq!(
            rebased("transactions[3].amount", 2000),
            "transactions[2003].amount"
        );
        assert_eq!(rebased("transactions[0]", 7), "transactions[7]");
        assert_eq!(rebased("transactions", 7), "transactions");
    }
}
