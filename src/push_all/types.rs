//! The public types of `transactions.pushAll` (its request, options, progress and result, for
//! the `.d.ts`), and the fields each object may have.

use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::retry::RetryConfig;

/// Codat's most transactions per push (the spec's `maxItems`).
pub(super) const MAX_PUSH: usize = 1000;

// The fields of `PushAllRequest` and `PushAllOptions`, by JS name: an object's other keys are
// refused (the host tests hold each list to its type's fields).
pub(super) const REQUEST_FIELDS: &[&str] = &[
    "companyId",
    "connectionId",
    "accountId",
    "transactions",
    "batchId",
    "timeoutInMinutes",
    "allowSyncOnPushComplete",
];
pub(super) const PUSH_OPTIONS: &[&str] = &[
    "retries",
    "timeoutMs",
    "signal",
    "intervalMs",
    "maxIntervalMs",
    "chunkSize",
    "onProgress",
];

#[wasm_bindgen(typescript_custom_section)]
const PUSH_ALL_TRANSACTION: &str = r#"
/**
 * A bank transaction as `transactions.pushAll` takes it: as `transactions.create` takes one
 * (its decimals as numbers, numeric strings or decimal objects), with `date` required.
 */
export type PushAllTransaction = WithDecimals<BankTransaction> & { date: string };
"#;

/// The request of `transactions.pushAll`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllRequest {
    /// Unique identifier for a company.
    pub company_id: String,
    /// Unique identifier for a connection.
    pub connection_id: String,
    /// Unique identifier for the source account the transactions are of.
    pub account_id: String,
    /// Any number of transactions, in any order: checked, sorted by `date` (offsets ignored)
    /// and pushed in chunks of at most 1,000, one chunk at a time. Same-dated transactions go
    /// in `id` order (as `<` compares strings; any with no `id` first, by their JSON), not in
    /// yours, so the same set always makes the same chunks and batch. Their `balance`s are
    /// read in that order: when same-dated transactions carry a running balance, give their
    /// `date` a time, or give them ids that sort as the balance runs.
    #[tsify(type = "PushAllTransaction[]")]
    pub transactions: JsValue,
    /// Names the run: each chunk's `Idempotency-Key` is derived from it and the chunk's index.
    /// Default: a digest of the company, connection, account and the sorted transactions, so
    /// the same batch run again within 90 minutes, in any order, replays instead of pushing
    /// twice.
    #[tsify(optional)]
    pub batch_id: Option<String>,
    /// Minutes each push may run before it times out.
    #[tsify(optional)]
    pub timeout_in_minutes: Option<f64>,
    /// Whether a sync may start once each push completes.
    #[tsify(optional)]
    pub allow_sync_on_push_complete: Option<bool>,
}

/// The options of `transactions.pushAll`. None of them changes the order of the run: by `date`,
/// same-dated transactions by `id` (see `PushAllRequest.transactions`), so a run resumed with
/// the same transactions in another order replays what was pushed.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllOptions {
    /// Retry policy of every request of the run.
    #[tsify(optional)]
    pub retries: Option<RetryConfig>,
    /// Upper bound in ms on the whole run: pushes, polls, waits and `onProgress`.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Stops the run between or during chunks (`onProgress` included) with `RequestAbortedError`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
    /// First wait between polls of a chunk's push operation in ms (default 1000).
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls in ms (default 30000).
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// Transactions per push, 1 to 1,000 (default 1,000).
    #[tsify(optional)]
    pub chunk_size: Option<f64>,
    /// Called after each chunk's push succeeded; a promise it returns is awaited before the
    /// next chunk is sent (a place to record progress), within the run's `timeoutMs` and
    /// `signal`. A throw stops the run with `HookError` (`hook: "onProgress"`).
    #[tsify(optional, type = "(progress: PushProgress) => void | Promise<void>")]
    pub on_progress: Option<JsValue>,
}

/// What `onProgress` is told after each chunk.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushProgress {
    /// The run's batch (see `PushAllResult.batchId`): record progress under it.
    pub batch_id: String,
    /// The chunk just pushed, from 1.
    pub chunk: f64,
    /// How many chunks the run has.
    pub chunks: f64,
    /// Transactions pushed so far.
    pub pushed: f64,
    /// Transactions in the run.
    pub total: f64,
    /// The chunk's final push operation.
    #[tsify(type = "PushOperation")]
    pub operation: JsValue,
}

/// What `transactions.pushAll` resolves to.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllResult {
    /// The run's batch: the same request (or this id) pushes nothing twice within 90 minutes.
    pub batch_id: String,
    /// Transactions pushed.
    pub pushed: f64,
    /// The final push operation of each chunk, in order.
    #[tsify(type = "PushOperation[]")]
    pub operations: JsValue,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declared::{fields, sorted};

    #[test]
    fn each_list_of_fields_is_its_types_fields() {
        assert_eq!(sorted(REQUEST_FIELDS), fields::<PushAllRequest>());
        assert_eq!(sorted(PUSH_OPTIONS), fields::<PushAllOptions>());
    }
}
