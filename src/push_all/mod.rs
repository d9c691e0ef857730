//! `transactions.pushAll`: any number of bank transactions pushed in date order, in chunks,
//! never twice. Its public types (`types`), its checks (`checks`) and the run's plan (the
//! decisions are `plan`'s), all made before anything is sent, a slice at a time so that the
//! event loop runs between slices; js/push.js runs the plan over the group's own `create` and
//! `waitForOperation`, so the run's waits cost the `.wasm` no state machine of its own. The
//! method is hand-written on the generated transactions group.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use crate::bindings::{aborted, get, push_chunks, sleep};
use crate::error::Error;
use crate::groups::TransactionsApi;

mod checks;
mod plan;
mod types;

pub use types::{PushAllOptions, PushAllRequest, PushAllResult, PushProgress};

/// Transactions checked per slice: a few ms of work, so no slice holds the event loop for long
/// (about 5 ms per 1,000 on a laptop's Node, schema and dates).
const CHECKED_PER_SLICE: u32 = 1000;
/// Work of the sorts per slice, in indices moved (a merge pass moves each index once; a
/// transaction checked counts as this many moves).
const MOVES_PER_SLICE: usize = 200_000;
const MOVES_PER_CHECK: usize = MOVES_PER_SLICE / CHECKED_PER_SLICE as usize;

/// The work done since the event loop last ran; `step` lets it run once a slice's worth is
/// done, and ends the work with `RequestAbortedError` once the signal has aborted.
struct Pace<'a> {
    signal: &'a JsValue,
    moves: usize,
}

impl Pace<'_> {
    async fn step(&mut self, moves: usize) -> Result<(), Error> {
        self.moves += moves;
        if self.moves >= MOVES_PER_SLICE {
            self.moves = 0;
            // A timer, not a microtask: timers and I/O that are due run first.
            sleep(0.0, self.signal).await?;
        }
        if aborted(self.signal) {
            return Err(Error::Aborted {
                cause: get(self.signal, "reason"),
            });
        }
        Ok(())
    }
}

/// `indices` sorted by `less` (stable), a slice of passes at a time.
async fn sorted(
    indices: Vec<usize>,
    less: &dyn Fn(usize, usize) -> bool,
    pace: &mut Pace<'_>,
) -> Result<Vec<usize>, Error> {
    let mut sort = plan::MergeSort::of(indices);
    while sort.pass(less) {
        pace.step(sort.len()).await?;
    }
    Ok(sort.into_order())
}

/// The order of the run: `items` checked, none with an `id` of another, in the order of their
/// keys (`plan::Key`).
async fn planned(items: &Array, signal: &JsValue) -> Result<Vec<u32>, Error> {
    let mut pace = Pace { signal, moves: 0 };
    pace.step(0).await?;
    let len = items.length();
    let mut keys = Vec::with_capacity(len as usize);
    for start in (0..len).step_by(CHECKED_PER_SLICE as usize) {
        let end = len.min(start + CHECKED_PER_SLICE);
        checks::slice(items, start..end, &mut keys)?;
        pace.step((end - start) as usize * MOVES_PER_CHECK).await?;
    }
    let with_id = (0..keys.len()).filter(|&i| keys[i].id.is_some()).collect();
    let by_id = sorted(with_id, &|a, b| keys[a].id < keys[b].id, &mut pace).await?;
    if let Some(repeat) = plan::first_duplicate(&keys, &by_id) {
        return Err(checks::repeated_id(&keys, repeat));
    }
    let order = sorted(
        (0..keys.len()).collect(),
        &|a, b| keys[a] < keys[b],
        &mut pace,
    )
    .await?;
    // At most 2^32 - 1 items in a JS array, so every index fits.
    Ok(order.into_iter().map(|i| i as u32).collect())
}

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
            Ok(async move {
                let order = planned(&items, &get(&options, "signal")).await?;
                // As `order`: every end fits.
                let ends = plan::chunks(order.len(), chunk_size)
                    .into_iter()
                    .map(|range| range.end as u32)
                    .collect();
                Ok(push_chunks(group, &request, &options, &items, order, ends))
            })
        })
    }
}
