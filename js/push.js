// transactions.pushAll's run. Rust (src/push_all/) has checked the request and options; this
// has Rust check the transactions, orders them and digests the batch, a slice at a time so that
// timers and I/O run between slices, then pushes the chunks one at a time over the group's own
// `create` and `waitForOperation`, so every request goes through the one request path (retries,
// hooks, rate limits) and the `.wasm` carries no state machine for the run.

import { deadline as callDeadline } from "./deadline.js";
import { decimalJson } from "./decimal.js";
import { ABORTED, CodatBankFeedsError, HookError, InvalidRequestError, PushFailedError, RequestAbortedError, RequestTimeoutError } from "./errors.js";
import { describe } from "./fetch.js";
import { guidFrom } from "./guid.js";

const WHO = "transactions.pushAll";
const encoder = new TextEncoder();
/** Transactions per slice of work: each slice is a few ms (about 5 ms per 1,000 to check). */
const SLICE = 1000;

/**
 * A GUID from the SHA-256 of `name` (text, or its UTF-8 bytes) (WebCrypto): RFC 9562's version
 * 8, name-based, so the same name always gives the same `Idempotency-Key`.
 */
export async function derivedGuid(name) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new CodatBankFeedsError(
      `${WHO}: needs WebCrypto (crypto.subtle) to derive its idempotency keys, which this runtime lacks (a page served over plain http?)`,
    );
  }
  const digest = await subtle.digest("SHA-256", typeof name === "string" ? encoder.encode(name) : name);
  return guidFrom(new Uint8Array(digest, 0, 16), 8);
}

/** Throws `RequestAbortedError` once `signal` has aborted. */
function stopIfAborted(signal) {
  if (signal?.aborted) throw new RequestAbortedError(ABORTED, { cause: signal.reason });
}

/** A turn of the event loop (a timer: the timers and I/O that are due run first), unless `signal` aborts. */
async function pause(signal) {
  stopIfAborted(signal);
  await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
  stopIfAborted(signal);
}

/** A transaction's JSON as it is sent (decimals as their digits). */
const sentJson = (value) => decimalJson(value) ?? JSON.stringify(value);

/**
 * The order of the run, a function of the set of transactions (whatever order they came in),
 * so that a run resumed in another order makes the same chunks, keys and batch: by local
 * date-time (offsets ignored), then by `id`, any with no `id` first, by their JSON. Rust checks
 * each slice first (schema, `date`) and gives each `date`'s local part; no `id` may repeat.
 */
async function ordered(group, items, signal) {
  const n = items.length;
  // Each transaction's local date-time, and what orders those of one date.
  const dates = new Array(n);
  const ties = new Array(n);
  const seen = new Map();
  for (let start = 0; start < n; start += SLICE) {
    await pause(signal);
    const end = Math.min(start + SLICE, n);
    const local = group._pushAllSlice(items, start, end);
    for (let i = start; i < end; i++) {
      const { id, date } = items[i];
      if (typeof id === "string" && seen.has(id)) {
        const field = `transactions[${i}].id`;
        throw new InvalidRequestError(`${WHO}: \`${field}\` repeats transactions[${seen.get(id)}].id (\`${id}\`): each transaction is pushed once`, { field });
      }
      if (typeof id === "string") seen.set(id, i);
      dates[i] = date.slice(0, local[i - start]);
      ties[i] = typeof id === "string" ? `1${id}` : `0${sentJson(items[i])}`;
    }
  }
  // A bottom-up merge sort (stable): each pass moves every index once (a few ms per 50,000).
  let order = Array.from(dates, (_, i) => i);
  let merged = new Array(n);
  let moved = 0;
  const before = (a, b) => dates[a] < dates[b] || (dates[a] === dates[b] && ties[a] < ties[b]);
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const mid = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      for (let slot = start, left = start, right = mid; slot < end; slot++) {
        merged[slot] = right < end && (left >= mid || before(order[right], order[left])) ? order[right++] : order[left++];
      }
    }
    [order, merged] = [merged, order];
    moved += n;
    if (moved >= SLICE * 50) {
      moved = 0;
      await pause(signal);
    }
  }
  return order.map((i) => items[i]);
}

/**
 * What the batch's id is the digest of: where the transactions go, a line each, then `sorted` as
 * JSON, as sent; in UTF-8, written a slice at a time (a Blob joins the slices' text).
 */
async function batchName({ companyId, connectionId, accountId }, sorted, signal) {
  const parts = [`${companyId}\n${connectionId}\n${accountId}\n[`];
  for (let i = 0; i < sorted.length; i += SLICE) {
    await pause(signal);
    parts.push(`${i ? "," : ""}${sentJson(sorted.slice(i, i + SLICE)).slice(1, -1)}`);
  }
  parts.push("]");
  return new Blob(parts).arrayBuffer();
}

/**
 * Codat's reasons for a failed push, for the error's message: the operation's `errorMessage`
 * and its first validation error, and how many more there are (all of them are in `failed`).
 */
function reasonOf(operation) {
  const errors = Array.isArray(operation.validation?.errors) ? operation.validation.errors : [];
  const first = errors[0] && [errors[0].itemId, errors[0].message].filter(Boolean).join(": ");
  const reasons = [operation.errorMessage, first].filter(Boolean);
  if (reasons.length === 0) return "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more: see failed.validation.errors)` : "";
  return `. Codat: ${reasons.join(" ")}${more}`;
}

/** The run's `RequestTimeoutError`, giving its configured `timeoutMs`. */
const timedOut = (timeoutMs) => new RequestTimeoutError(`${WHO}: the run timed out after ${timeoutMs} ms`);

/** The ms left before `deadline`; throws `RequestTimeoutError` when none are. */
function left(deadline, timeoutMs) {
  if (deadline === undefined) return undefined;
  const ms = deadline - Date.now();
  if (ms <= 0) throw timedOut(timeoutMs);
  return ms;
}

/**
 * `call()`, a sub-call given the time the run has left. Its `RequestTimeoutError` gives that
 * time, not the `timeoutMs` the caller set, so it is restated as the run's, `part` saying what
 * was running; its fields are kept (`cause`: a poll's last push operation, when it has one).
 * Without the run's `timeoutMs` the sub-call timed out on its own settings, as its message says.
 */
async function within(part, timeoutMs, call) {
  try {
    return await call();
  } catch (thrown) {
    if (timeoutMs === undefined || !(thrown instanceof RequestTimeoutError)) throw thrown;
    throw new RequestTimeoutError(`${WHO}: the run timed out after ${timeoutMs} ms while ${part}`, thrown);
  }
}

/** `onProgress`, awaited within the run's deadline and signal (js/deadline.js): one that never settles cannot hold the run. */
async function report(onProgress, progress, deadline, timeoutMs, signal) {
  const run = callDeadline(left(deadline, timeoutMs) ?? -1, signal);
  try {
    await run.race(onProgress(progress));
  } catch (cause) {
    if (cause === run) {
      stopIfAborted(signal);
      throw timedOut(timeoutMs);
    }
    throw new HookError(`${WHO}: onProgress threw: ${describe(cause)}`, { hook: "onProgress", cause });
  } finally {
    run.close();
  }
}

/**
 * Checks and orders `items`, then pushes them in chunks of `chunkSize`, one at a time: each
 * chunk's push operation is waited on until final, and the next chunk goes only after
 * `Success`. Every error once the transactions are checked leaves with what the run had done
 * (`batchId`, `pushed`, `operations`).
 */
export async function pushChunks(group, request, options, items, chunkSize) {
  const { companyId, connectionId, accountId, timeoutInMinutes, allowSyncOnPushComplete } = request;
  const { retries, timeoutMs, signal, intervalMs, maxIntervalMs, onProgress } = options ?? {};
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  const done = { batchId: undefined, pushed: 0, operations: [] };
  const sorted = await ordered(group, items, signal);
  const ends = [];
  for (let end = chunkSize; end < sorted.length + chunkSize; end += chunkSize) ends.push(Math.min(end, sorted.length));
  let idempotencyKey;
  try {
    done.batchId = request.batchId ?? (await derivedGuid(await batchName(request, sorted, signal)));
    for (let k = 0; k < ends.length; k++) {
      stopIfAborted(signal);
      idempotencyKey = await derivedGuid(`${done.batchId}:${k}`);
      const transactions = sorted.slice(done.pushed, ends[k]);
      const push = { companyId, connectionId, accountId, timeoutInMinutes, allowSyncOnPushComplete, requestBody: { accountId, transactions } };
      const chunk = `chunk ${k + 1} of ${ends.length}`;
      const started = await within(`sending ${chunk}`, timeoutMs, () =>
        group.create(push, { retries, signal, idempotencyKey, timeoutMs: left(deadline, timeoutMs) }),
      );
      const read = { companyId, pushOperationKey: started.pushOperationKey };
      const operation = await within(`waiting for the push operation of ${chunk}`, timeoutMs, () =>
        group.waitForOperation(read, { intervalMs, maxIntervalMs, signal, timeoutMs: left(deadline, timeoutMs) }),
      );
      if (operation.status !== "Success") {
        const message = `${WHO}: the push of ${chunk} ended ${operation.status}; transactions from index ${done.pushed} on (in date order) were not pushed${reasonOf(operation)}`;
        throw new PushFailedError(message, { failed: operation, firstUnpushed: done.pushed });
      }
      done.operations.push(operation);
      done.pushed = ends[k];
      if (onProgress)
        await report(
          onProgress,
          { batchId: done.batchId, chunk: k + 1, chunks: ends.length, pushed: done.pushed, total: sorted.length, operation },
          deadline,
          timeoutMs,
          signal,
        );
    }
    return { ...done };
  } catch (thrown) {
    const error = thrown instanceof CodatBankFeedsError ? thrown : new CodatBankFeedsError(`${WHO}: ${describe(thrown)}`, { cause: thrown });
    error.idempotencyKey ??= idempotencyKey;
    throw Object.assign(error, done);
  }
}
