//! `transactions.pushAll`: any number of bank transactions pushed in date order, in chunks,
//! never twice. Its public types (`types`), its checks (`checks`, of the options and the request
//! at once, of the transactions a slice at a time) and its date rules (`plan`); js/push.js
//! orders the checked transactions, a slice at a time too, and runs the plan over the group's
//! own `create` and `waitForOperation`, so the run's waits cost the `.wasm` no state machine of
//! its own. The method is hand-written on the generated transactions group.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use crate::bindings::push_chunks;
use crate::groups::TransactionsApi;

mod checks;
mod plan;
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
    /// `waitForOperation` does, and the next chunk is sent only after `Success`. The checks,
    /// the sort and the digest run a slice at a time, letting the event loop run between them.
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
            // At most 1,000.
            Ok(push_chunks(
                group,
                &request,
                &options,
                &items,
                chunk_size as u32,
            ))
        })
    }

    /// `pushAll`'s checks of `items[start..end]`, which js/push.js makes a slice at a time: the
    /// length of each `date`'s local date-time, or the refusal as the client's error.
    #[wasm_bindgen(js_name = _pushAllSlice, skip_typescript)]
    pub fn push_all_slice(&self, items: &Array, start: u32, end: u32) -> Result<Vec<u32>, JsValue> {
        checks::slice(items, start..end).map_err(|error| self.client.js_error(&error, None))
    }
}
