//! Hand-written beside the generated groups (`npm run generate` declares it): the bulk push on
//! the transactions group, over the operations the spec gives that group.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::TransactionsApi;

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
        self.client.push_all(self.handle(), &request, &options)
    }
}
