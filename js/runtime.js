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

async function runHook(hooks, name, value) {
  try {
    return await hooks[name](value);
  } catch (err) {
    throw new HookError(`hooks.${name} threw: ${describe(err)}`, { hook: name, cause: err });
  }
}

/**
 * One HTTP attempt, with the caller's hooks around it (beforeRequest, then fetch, then
 * afterSuccess for a 2xx or afterError otherwise). Resolves to the response with its body read
 * (as bytes for wasm and as text for JSON.parse and errors), or rejects with a ConnectionError,
 * RequestTimeoutError, RequestAbortedError or HookError. A JSON body arrives as its UTF-8 bytes
 * (`json` true): fetch sends them as they are, where a string would be encoded once more; hooks
 * still see it as text.
 */
export async function fetchOnce(fetchFn, url, method, headers, body, json, timeoutMs, signal, hooks) {
  if (signal?.aborted) throw abortedError(signal);
  let request = { method, url, headers: Object.fromEntries(headers), body };
  if (hooks?.beforeRequest) {
    if (json) request.body = bodyText(body);
    request = (await runHook(hooks, "beforeRequest", request)) ?? request;
  }
  // Node's AbortController is costly to make: one only when a timeout needs it.
  let controller;
  let onAbort;
  if (timeoutMs >= 0) {
    controller = new AbortController();
    onAbort = () => controller.abort(signal.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  }
  let timedOut = false;
  const timer =
    controller !== undefined
      ? globalThis.setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  let response;
  let result;
  try {
    response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller ? controller.signal : signal ?? undefined,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    result = { status: response.status, headers: Object.fromEntries(response.headers), text: decoder.decode(bytes), bytes, response };
  } catch (err) {
    const details = response
      ? { cause: err, statusCode: response.status, headers: Object.fromEntries(response.headers), rawResponse: response }
      : { cause: err };
    let error;
    if (timedOut) error = new RequestTimeoutError(`The request timed out after ${timeoutMs} ms`, details);
    else if (signal?.aborted) error = abortedError(signal);
    else error = new ConnectionError(`Unable to complete the request: ${describe(err)}`, details);
    if (hooks?.afterError) await runHook(hooks, "afterError", error);
    throw error;
  } finally {
    if (timer !== undefined) globalThis.clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
  const view = { status: result.status, headers: result.headers, body: result.text, response };
  if (result.status >= 200 && result.status < 300) {
    if (hooks?.afterSuccess) {
      const replaced = await runHook(hooks, "afterSuccess", view);
      if (replaced) {
        const text = replaced.body ?? view.body;
        return { status: replaced.status ?? view.status, headers: replaced.headers ?? view.headers, text, bytes: text === view.body ? result.bytes : utf8(text), response };
      }
    }
  } else if (hooks?.afterError) {
    await runHook(hooks, "afterError", view);
  }
  return result;
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

const decoder = new TextDecoder();

/** A request body as text, for hooks and the verbose log. */
export function bodyText(body) {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return decoder.decode(body);
  return undefined;
}

/**
 * The UTF-8 bytes of a body text. Wasm reads long strings through this native encoder: the
 * generic string hand-over walks the text one char at a time in JS, which cost more than
 * validating the body itself.
 */
export function utf8(text) {
  return encoder.encode(typeof text === "string" ? text : "");
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

/** A `hooks` function threw or rejected; `hook` names it and `cause` is what it threw. */
export class HookError extends CodatBankFeedsError {
  constructor(message, details = {}) {
    super(message, details);
    this.hook = details.hook;
  }
}

/** A webhook failed verification: bad or missing signature headers, stale timestamp, wrong secret. */
export class WebhookVerificationError extends CodatBankFeedsError {}

for (const [name, cls] of Object.entries({ HookError, WebhookVerificationError })) {
  define(cls.prototype, "name", name);
  classes[name] = cls;
}
// Keep the base class last, so errorKind names the most specific class.
delete classes.CodatBankFeedsError;
classes.CodatBankFeedsError = CodatBankFeedsError;

function checkSignal(signal) {
  if (signal?.aborted) throw abortedError(signal);
}

/**
 * Pages of a list operation, fetched on demand: `group[method]` is called with `page` set, from
 * `request.page` (default 1), until a page has no `_links.next` and the pages read cover
 * `totalResults`, or a page comes back empty. Yields whole pages, or their `results` when
 * `items` is set.
 */
export function paginate(group, method, request, options, items) {
  async function* pages() {
    let page = request?.page ?? 1;
    for (;;) {
      checkSignal(options?.signal);
      const result = await group[method]({ ...request, page }, options);
      yield result;
      const results = result?.results ?? [];
      const number = result?.pageNumber ?? page;
      const size = result?.pageSize ?? results.length;
      const more = result?._links?.next !== undefined || number * size < (result?.totalResults ?? 0);
      if (results.length === 0 || !more) return;
      page = number + 1;
    }
  }
  async function* each() {
    for await (const p of pages()) yield* p?.results ?? [];
  }
  return items ? each() : pages();
}

/**
 * Polls `group[method](request)` while the result's `status` is one of `inProgress` (the
 * generator reads those values from the spec), waiting `intervalMs` (growing 1.5x a poll, at
 * most `maxIntervalMs`) on JS timers between polls. Rejects with RequestTimeoutError after
 * `timeoutMs`, RequestAbortedError when `signal` aborts.
 */
export async function poll(group, method, request, inProgress, options = {}) {
  const isFinal = (result) => !inProgress.includes(result?.status);
  const { intervalMs = 1000, maxIntervalMs = 30_000, timeoutMs = 600_000, signal } = options ?? {};
  for (const [name, v] of Object.entries({ intervalMs, maxIntervalMs, timeoutMs })) {
    if (typeof v !== "number" || !(v > 0)) {
      throw new InvalidRequestError(`${method}: \`options.${name}\` must be a positive number of milliseconds`, { field: `options.${name}` });
    }
  }
  const deadline = Date.now() + timeoutMs;
  let wait = intervalMs;
  for (;;) {
    checkSignal(signal);
    const result = await group[method](request, signal ? { signal, timeoutMs: Math.max(1, deadline - Date.now()) } : { timeoutMs: Math.max(1, deadline - Date.now()) });
    if (isFinal(result)) return result;
    const left = deadline - Date.now();
    if (left <= wait) {
      await sleep(Math.max(0, left), signal);
      throw new RequestTimeoutError(`${method}: no final status after ${timeoutMs} ms (last: ${result?.status})`, { cause: result });
    }
    await sleep(wait, signal);
    wait = Math.min(wait * 1.5, maxIntervalMs);
  }
}


const encoder = new TextEncoder();

function header(headers, name) {
  if (typeof headers?.get === "function") return headers.get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  return undefined;
}

function base64ToBytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function equalInConstantTime(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Verifies a Codat (Svix) webhook and returns its event. See index.d.ts for the contract.
 */
export async function verifyWebhook(body, headers, secret, options = {}) {
  const fail = (why) => {
    throw new WebhookVerificationError(`webhook verification failed: ${why}`);
  };
  const toleranceMs = (options?.toleranceSeconds ?? 300) * 1000;
  const now = options?.now ?? Date.now();
  const text = typeof body === "string" ? body : body instanceof Uint8Array || body instanceof ArrayBuffer ? new TextDecoder().decode(body) : fail("body must be the raw request body (string, Uint8Array or ArrayBuffer)");
  const id = header(headers, "svix-id") ?? header(headers, "webhook-id");
  const timestamp = header(headers, "svix-timestamp") ?? header(headers, "webhook-timestamp");
  const signatures = header(headers, "svix-signature") ?? header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) fail("missing svix-id, svix-timestamp or svix-signature header");
  if (!/^\d+$/.test(timestamp)) fail("svix-timestamp is not a number of seconds");
  if (Math.abs(now - Number(timestamp) * 1000) > toleranceMs) fail("timestamp outside the tolerance window (replayed or clock skew)");
  if (typeof secret !== "string" || !secret) fail("secret must be the endpoint's signing secret (whsec_...)");
  let key;
  try {
    key = await crypto.subtle.importKey("raw", base64ToBytes(secret.startsWith("whsec_") ? secret.slice(6) : secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    fail("secret is not valid base64");
  }
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${text}`)));
  let matched = false;
  // Several signatures during secret rotation: any may match; check all in the same time.
  for (const part of signatures.split(" ")) {
    const [version, sig] = part.split(",", 2);
    if (version !== "v1" || !sig) continue;
    let given;
    try {
      given = base64ToBytes(sig);
    } catch {
      continue;
    }
    matched = equalInConstantTime(given, expected) || matched;
  }
  if (!matched) fail("no signature matches");
  try {
    return JSON.parse(text);
  } catch {
    fail("the body is not JSON");
  }
}
