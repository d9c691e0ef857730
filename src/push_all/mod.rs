//! `transactions.pushAll`: any number of bank transactions pushed in date order, in chunks,
//! never twice. Its public types (`types`), its checks (`checks`) and the run's plan (the
//! decisions are `plan`'s), all made before anything is sent, a slice at a time so that the
//! event loop runs between slices; js/push.js runs the plan over the group's own `create` and
//! `waitForOperation`, so the run's waits cost the `.wasm` no state machine of its own. The
//! method is hand-written on the generated transactions group.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::bindings::{aborted, get, push_chunks, sleep};
use crate::error::Error;
use crate::groups::TransactionsApi;

mod checks;
mod plan;
mod planner;
mod types;

pub use types::{PushAllOptions, PushAllRequest, PushAllResult, PushProgress};

#[wasm_bindgen]
impl TransactionsApi {
    /// Push any number of bank transactions, in date order, never twice
    ///
    /// Checks everything before sending anything: the request, the options, every transaction
    /// against its schema (an error names your index, as `transactions[2400].amount`) and no
    /// `id` twice. Then sorts the transactions by `date` (offsets ignored, as Codat ignores
    /// them), same-dated ones by `id` (whatever order you gave them in: see
    /// `PushAllRequest.transactions`), and pushes them in chunks of `chunkSize` (at most
    /// 1,000, Codat's limit), one chunk at a time: each chunk's push operation is waited on, as
    /// `waitForOperation` does, and the next chunk is sent only after `Success`. The checks
    /// and the sort run a slice at a time, letting the event loop run between slices.
    ///
    /// Each chunk's `Idempotency-Key` is derived from the batch's id and the chunk's index; the
    /// batch's id is `batchId`, or else a digest of the company, connection, account and the
    /// sorted transactions. The order, and so the chunks, keys and batch id, depend on the set
    /// of transactions, not on the order you pass them in: the same batch run again within
    /// Codat's 90 minutes, in any order, replays the chunks already pushed instead of pushing
    /// them twice, so calling again after a failure, an abort or a crash resumes. (Give your
    /// job's own `batchId` when the same transactions may come back with their fields in
    /// another order.)
    ///
    /// Resolves to `{ batchId, pushed, operations }`. A chunk that ends `Failed` or `TimedOut`
    /// throws `PushFailedError` (`failed`, `firstUnpushed`), whose message gives Codat's first
    /// reason and how many more there are; `signal` and `timeoutMs` bound the whole run (an
    /// aborted `signal` ends the checks at once, with nothing sent). Every error of a run
    /// carries `batchId`, `pushed` and `operations` (the chunks that succeeded).
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
        let group = self.handle();
        self.client.start(|config| {
            let chunk_size = checks::chunk_size(config, &options)?;
            let items = checks::request(&request)?;
            let batch_id = get(&request, "batchId");
            Ok(Box::pin(async move {
                let signal = get(&options, "signal");
                let mut planner = planner::Planner::new(items.clone());
                let order = loop {
                    if aborted(&signal) {
                        return Err(Error::Aborted {
                            cause: get(&signal, "reason"),
                        });
                    }
                    if let Some(order) = planner.slice()? {
                        break order;
                    }
                    // A timer, not a microtask: the timers and I/O that are due run first.
                    sleep(0.0, &signal).await?;
                };
                // As `order`: every end fits.
                let ends = plan::chunks(order.len(), chunk_size)
                    .into_iter()
                    .map(|range| range.end as u32)
                    .collect();
                let name = batch_id
                    .is_undefined()
                    .then(|| planner.batch_name(checks::destination(&request), &order));
                Ok(push_chunks(group, &request, &options, &items, order, ends, name).into())
            }))
        })
    }
}
