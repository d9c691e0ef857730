// transactions.pushAll's run. Rust (src/push_all/) has checked the request and options and
// planned the run (the order of the transactions, where each chunk ends); this pushes the
// chunks one at a time over the group's own `create` and `waitForOperation`, so every request
// goes through the one request path (retries, hooks, rate limits) and the `.wasm` carries no
// state machine for the run.

import { CodatBankFeedsError, HookError, PushFailedError, RequestAbortedError, RequestTimeoutError } from "./errors.js";
import { guidFrom } from "./fetch.js";

const WHO = "transactions.pushAll";
const encoder = new TextEncoder();

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

/** The ms left before `deadline`; throws `RequestTimeoutError` when none are. */
function left(deadline, timeoutMs) {
  if (deadline === undefined) return undefined;
  const ms = deadline - Date.now();
  if (ms <= 0) throw new RequestTimeoutError(`${WHO}: the run timed out after ${timeoutMs} ms`);
  return ms;
}

async function report(onProgress, progress) {
  try {
    await onProgress(progress);
  } catch (cause) {
    const text = cause instanceof Error ? cause.message : String(cause);
    throw new HookError(`${WHO}: onProgress threw: ${text}`, { hook: "onProgress", cause });
  }
}

/**
 * Pushes `items` in `order` (indices), in the chunks `ends` gives, one at a time: each chunk's
 * push operation is waited on until final, and the next chunk goes only after `Success`. The
 * batch's id is `request.batchId`, or else the digest of `batchName` (where the transactions go
 * and what they are, as JSON bytes). Every error leaves with what the run had done (`batchId`,
 * `pushed`, `operations`).
 */
export async function pushChunks(group, request, options, items, order, ends, batchName) {
  const { companyId, connectionId, accountId, timeoutInMinutes, allowSyncOnPushComplete } = request;
  const { retries, timeoutMs, signal, intervalMs, maxIntervalMs, onProgress } = options ?? {};
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  const done = { batchId: undefined, pushed: 0, operations: [] };
  const sorted = Array.from(order, (i) => items[i]);
  let idempotencyKey;
  try {
    done.batchId = request.batchId ?? (await derivedGuid(batchName));
    for (let k = 0; k < ends.length; k++) {
      if (signal?.aborted) throw new RequestAbortedError("The request was aborted by the caller's signal", { cause: signal.reason });
      idempotencyKey = await derivedGuid(`${done.batchId}:${k}`);
      const transactions = sorted.slice(done.pushed, ends[k]);
      const push = { companyId, connectionId, accountId, timeoutInMinutes, allowSyncOnPushComplete, requestBody: { accountId, transactions } };
      const started = await group.create(push, { retries, signal, idempotencyKey, timeoutMs: left(deadline, timeoutMs) });
      const read = { companyId, pushOperationKey: started.pushOperationKey };
      const operation = await group.waitForOperation(read, { intervalMs, maxIntervalMs, signal, timeoutMs: left(deadline, timeoutMs) });
      if (operation.status !== "Success") {
        const message = `${WHO}: the push of chunk ${k + 1} of ${ends.length} ended ${operation.status}; transactions from index ${done.pushed} on (in date order) were not pushed${reasonOf(operation)}`;
        throw new PushFailedError(message, { failed: operation, firstUnpushed: done.pushed });
      }
      done.operations.push(operation);
      done.pushed = ends[k];
      if (onProgress)
        await report(onProgress, { batchId: done.batchId, chunk: k + 1, chunks: ends.length, pushed: done.pushed, total: sorted.length, operation });
    }
    return { ...done };
  } catch (thrown) {
    const error =
      thrown instanceof CodatBankFeedsError
        ? thrown
        : new CodatBankFeedsError(`${WHO}: ${thrown instanceof Error ? thrown.message : String(thrown)}`, { cause: thrown });
    error.idempotencyKey ??= idempotencyKey;
    throw Object.assign(error, done);
  }
}
