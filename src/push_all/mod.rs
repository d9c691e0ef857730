//! `transactions.pushAll`: any number of bank transactions pushed in date order, in chunks,
//! never twice. Its public types (`types`), its checks (`checks`) and the run's plan (the
//! decisions are `plan`'s), all made before anything is sent; js/push.js runs the plan over the
//! group's own `create` and `waitForOperation`, so the run's waits cost the `.wasm` no state
//! machine of its own. The method is hand-written on the generated transactions group.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use crate::bindings::push_chunks;
use crate::error::Error;
use crate::groups::TransactionsApi;
use crate::options::Config;

mod checks;
mod plan;
mod types;

pub use types::{PushAllOptions, PushAllRequest, PushAllResult, PushProgress};

/// The run, checked: the transactions in date order, and where each chunk ends in that order.
fn checked_plan(
    config: &Config,
    request: &JsValue,
    options: &JsValue,
) -> Result<(Array, Vec<u32>), Error> {
    let chunk_size = checks::chunk_size(config, options)?;
    let (items, dates) = checks::transactions(request)?;
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    let sorted = plan::order(&dates)
        .into_iter()
        .map(|i| items.get(i as u32))
        .collect();
    // At most 2^32 - 1 items in a JS array, so every end fits.
    let ends = plan::chunks(dates.len(), chunk_size)
        .into_iter()
        .map(|range| range.end as u32)
        .collect();
    Ok((sorted, ends))
}

#[wasm_bindgen]
impl TransactionsApi {
    /// Push any number of bank transactions, in date order, never twice
    ///
    /// Checks everything before sending anything: the request, the options, every transaction
    /// against its schema (an error names your index, as `transactions[2400].amount`) and no
    /// `id` twice. Then sorts the transactions by `date` (offsets ignored, as Codat ignores
    /// them; same-dated ones in your order) and pushes them in chunks of `chunkSize` (at most
    /// 1,000, Codat's limit), one chunk at a time: each chunk's push operation is waited on, as
    /// `waitForOperation` does, and the next chunk is sent only after `Success`.
    ///
    /// Each chunk's `Idempotency-Key` is derived from the batch's id and the chunk's index; the
    /// batch's id is `batchId`, or else a digest of the company, connection, account and the
    /// sorted transactions. So the same batch run again within Codat's 90 minutes replays the
    /// chunks already pushed instead of pushing them twice: calling again after a failure
    /// resumes. (Give your job's own `batchId` when the same transactions may come back with
    /// their fields in another order.)
    ///
    /// Resolves to `{ batchId, pushed, operations }`. A chunk that ends `Failed` or `TimedOut`
    /// throws `PushFailedError` (`failed`, `firstUnpushed`); `signal` and `timeoutMs` bound the
    /// whole run. Every error of a run carries `batchId`, `pushed` and `operations` (the chunks
    /// that succeeded).
    ///
    /// ```ts
    /// const { batchId, pushed } = await sdk.transactions.pushAll(
    ///   { companyId, connectionId, accountId, transactions },
    ///   { onProgress: ({ pushed, total }) => console.log(`${pushed}/${total}`) },
    /// );
    /// ```
    #[wasm_bindgen(js_name = pushAll, unchecked_return_type = "Promise<PushAllResult>")]
    pub fn push_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PushAllRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PushAllOptions")] options: JsValue,
    ) -> Promise {
        self.client.start(|config| {
            let (sorted, ends) = checked_plan(config, &request, &options)?;
            Ok(push_chunks(
                self.handle(),
                &request,
                &options,
                &sorted,
                ends,
            ))
        })
    }
}
