//! `transactions.pushAll`'s checks and plan, all made before anything is sent: the request and
//! options checked, every transaction against its schema, no `id` twice, the transactions in
//! date order and cut into chunks (the decisions are `batch`'s). js/push.js runs the plan over
//! the group's own `create` and `waitForOperation`, so the run's waits cost the `.wasm` no
//! state machine of its own.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::batch::{chunks, first_duplicate, is_iso_date, order};
use crate::bindings::get;
use crate::error::Error;
use crate::models::BankTransaction;
use crate::operation::validate;
use crate::options::{check_keys, Config};
use crate::request::json_body;

const WHO: &str = "transactions.pushAll";
const FIELDS: &[&str] = &[
    "companyId",
    "connectionId",
    "accountId",
    "transactions",
    "batchId",
    "timeoutInMinutes",
    "allowSyncOnPushComplete",
];
const IDS: [&str; 3] = ["companyId", "connectionId", "accountId"];

/// A checked run: the transactions in date order, and where each chunk ends in that order.
pub(crate) struct Plan {
    pub sorted: Array,
    pub ends: Vec<u32>,
}

/// Checks a `transactions.pushAll` request and its options and plans the run. The
/// per-request fields (`timeoutInMinutes`, `allowSyncOnPushComplete`) are checked by each
/// chunk's `create`, before its request is sent.
pub(crate) fn plan(config: &Config, request: &JsValue, options: &JsValue) -> Result<Plan, Error> {
    let chunk_size = config.push_chunk_size(WHO, options)?;
    let bad = |field: &str, reason: &str| Error::invalid(WHO, field, reason);
    if !request.is_object() {
        return Err(bad("request", "must be an object"));
    }
    check_keys(request, FIELDS).map_err(|key| bad(&key, "is not a field of this request"))?;
    for name in IDS {
        let value = get(request, name);
        if value.as_string().is_none_or(|s| s.is_empty()) {
            let reason = if value.is_undefined() {
                "is required"
            } else {
                "must be a non-empty string"
            };
            return Err(bad(name, reason));
        }
    }
    let batch_id = get(request, "batchId");
    if !batch_id.is_undefined() && batch_id.as_string().is_none_or(|s| s.is_empty()) {
        return Err(bad("batchId", "must be a non-empty string"));
    }
    let transactions = get(request, "transactions");
    if !Array::is_array(&transactions) {
        return Err(bad("transactions", "must be an array of bank transactions"));
    }
    json_body(
        &transactions,
        validate::<Vec<BankTransaction>>,
        "transactions",
        &bad,
    )?;
    let items = Array::from(&transactions);
    let mut ids = Vec::with_capacity(items.length() as usize);
    let mut dates = Vec::with_capacity(ids.capacity());
    for (i, item) in items.iter().enumerate() {
        ids.push(get(&item, "id").as_string());
        let date = get(&item, "date").as_string().unwrap_or_default();
        if !is_iso_date(&date) {
            let reason = "must be an ISO 8601 date or local date-time, such as 2023-08-22T10:21:00 (pushAll pushes in date order)";
            return Err(bad(&format!("transactions[{i}].date"), reason));
        }
        dates.push(date);
    }
    if let Some((first, again)) = first_duplicate(&ids) {
        let id = ids[again].as_deref().unwrap_or_default();
        let reason =
            format!("repeats transactions[{first}].id (`{id}`): each transaction is pushed once");
        return Err(bad(&format!("transactions[{again}].id"), &reason));
    }
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    let sorted: Array = order(&dates)
        .into_iter()
        .map(|i| items.get(i as u32))
        .collect();
    // At most 2^32 - 1 items in a JS array, so every end fits.
    let ends = chunks(dates.len(), chunk_size)
        .into_iter()
        .map(|range| range.end as u32)
        .collect();
    Ok(Plan { sorted, ends })
}
