// The JS half of the client: error classes users `instanceof`, one fetch attempt with its
// timeout and abort wiring, and abortable sleeps. Everything decided (what to retry, how long to
// wait, how to decode) is in Rust; this file only touches runtime APIs.

function define(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/** Base class of every error the client throws. */
export class CodatBankFeedsError extends Error {
  constructor(message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    /** HTTP status of the response, when there was one. */
    this.statusCode = details.statusCode;
    /** Response headers (lower-case names), when there was a response. */
    this.headers = details.headers;
    /** Raw response body text, when there was a response. Never lost, even when it does not decode. */
    this.body = details.body;
    // Kept off JSON.stringify(error): a Response object does not serialise usefully.
    define(this, "rawResponse", details.rawResponse);
  }
}

/** The API answered with its documented error body (`ErrorMessage` schema); `data` holds it. */
export class ErrorMessage extends CodatBankFeedsError {
  constructor(message, details = {}) {
    super(message, details);
    this.data = details.data;
  }
}

/** A 2xx response whose body does not match the operation's documented type. */
export class ResponseValidationError extends CodatBankFeedsError {
  constructor(message, details = {}) {
    super(message, details);
    /** Why the body did not decode, with the path of the offending field. */
    this.reason = details.reason;
  }
}

/** The request never got a complete response: refused, reset, DNS failure, body cut short. */
export class ConnectionError extends CodatBankFeedsError {}

/** The call's `timeoutMs` elapsed before it settled. */
export class RequestTimeoutError extends CodatBankFeedsError {}

/** The caller's `signal` aborted the call. */
export class RequestAbortedError extends CodatBankFeedsError {}

/** The request or an option was rejected before anything was sent; `field` names the culprit. */
export class InvalidRequestError extends CodatBankFeedsError {
  constructor(message, details = {}) {
    super(message, details);
    this.field = details.field;
  }
}

/**
 * `sourceAccounts.createBatch` answered 409: `data` is the per-item array of results and errors.
 */
export class SourceAccountBatchConflictError extends CodatBankFeedsError {
  constructor(message, details = {}) {
    super(message, details);
    this.data = details.data;
  }
}

const classes = {
  ErrorMessage,
  ResponseValidationError,
  ConnectionError,
  RequestTimeoutError,
  RequestAbortedError,
  InvalidRequestError,
  SourceAccountBatchConflictError,
  CodatBankFeedsError,
};
// Minifiers rename classes, so `name` is set from the exported name.
for (const [kind, cls] of Object.entries(classes)) define(cls.prototype, "name", kind);

export function createError(kind, message, details) {
  return new classes[kind](message, details);
}

/** The name of the client's error class `value` is an instance of (subclasses first). */
export function errorKind(value) {
  for (const [kind, cls] of Object.entries(classes)) if (value instanceof cls) return kind;
  return undefined;
}

function describe(err) {
  if (err instanceof Error) return err.message;
  return String(err);
}

function abortedError(signal) {
  return new RequestAbortedError("The request was aborted by the caller's signal", { cause: signal.reason });
}

/**
 * One HTTP attempt. Resolves to the response with its body read as text, or rejects with a
 * ConnectionError, RequestTimeoutError or RequestAbortedError.
 */
export async function fetchOnce(fetchFn, url, method, headers, body, timeoutMs, signal) {
  if (signal?.aborted) throw abortedError(signal);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer =
    timeoutMs >= 0
      ? globalThis.setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  let response;
  try {
    response = await fetchFn(url, { method, headers, body, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), text, response };
  } catch (err) {
    const details = response
      ? { cause: err, statusCode: response.status, headers: Object.fromEntries(response.headers), rawResponse: response }
      : { cause: err };
    if (timedOut) throw new RequestTimeoutError(`The request timed out after ${timeoutMs} ms`, details);
    if (signal?.aborted) throw abortedError(signal);
    throw new ConnectionError(`Unable to complete the request: ${describe(err)}`, details);
  } finally {
    if (timer !== undefined) globalThis.clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Waits `ms` on a JS timer; rejects with RequestAbortedError the moment `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = () => {
      globalThis.clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = globalThis.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Whether `value` can be sent as a body unchanged. */
export function isRawBody(value) {
  return (
    typeof value === "string" ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== "undefined" && value instanceof Blob)
  );
}

const V2_ACCOUNT_TYPES = new Set(["checking", "savings", "loan", "creditCard", "prepaidCard"]);

/** Whether a source account is version 2 (see errors.d.ts). */
export function isSourceAccountV2(account) {
  return (
    account != null &&
    ("routingInfo" in account || "accountInfo" in account || V2_ACCOUNT_TYPES.has(account.accountType))
  );
}
