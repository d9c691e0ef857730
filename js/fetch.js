// One HTTP attempt through the runtime's fetch, with the caller's hooks around it, and the
// small runtime helpers the Rust side needs (timers, text encoding). Nothing here decides:
// every outcome, failures included, goes back to Rust as data.

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function describe(err) {
  return err instanceof Error ? err.message : String(err);
}

/** A hook that threw: `fetchOnce` reports it as the `hook` failure. */
class HookFailed {
  constructor(hook, cause) {
    this.hook = hook;
    this.cause = cause;
  }
}

async function runHook(hooks, name, value) {
  try {
    return await hooks[name](value);
  } catch (err) {
    throw new HookFailed(name, err);
  }
}

/**
 * Calls `hooks[name](value)`; resolves to `undefined`, or to the `hook` failure when it throws
 * or rejects. (Rust calls `afterError` itself for failures without a response.)
 */
export async function callHook(hooks, name, value) {
  try {
    await runHook(hooks, name, value);
    return undefined;
  } catch (err) {
    return hookFailure(err);
  }
}

function hookFailure(err) {
  return { failure: "hook", hook: err.hook, message: `hooks.${err.hook} threw: ${describe(err.cause)}`, cause: err.cause };
}

/**
 * One HTTP attempt: `beforeRequest`, the fetch, then `afterSuccess` for a 2xx or `afterError`
 * for any other response. Never rejects: resolves to the response as an array (`responseOf`:
 * wasm reads an array by index, without a property name crossing per field), or to a failure
 * `{ failure: "connection" | "timeout" | "aborted" | "hook", message, cause, ... }`. A JSON
 * body arrives as its UTF-8 bytes (`json` true), which fetch sends as they are; hooks see text.
 */
export async function fetchOnce(fetchFn, url, method, auth, userAgent, idempotencyKey, body, json, timeoutMs, signal, hooks) {
  // One async function (no wrapper around another): every await is a hop on every call.
  try {
    if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
    let request = { method, url, headers: requestHeaders(auth, body !== undefined, userAgent, idempotencyKey), body };
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
        signal: controller ? controller.signal : (signal ?? undefined),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      result = { status: response.status, headers: Object.fromEntries(response.headers), text: decoder.decode(bytes), bytes, response };
    } catch (err) {
      const partial = response ? { statusCode: response.status, headers: Object.fromEntries(response.headers), rawResponse: response } : {};
      if (timedOut) return { failure: "timeout", message: `The request timed out after ${timeoutMs} ms`, cause: err, ...partial };
      if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
      return { failure: "connection", message: `Unable to complete the request: ${describe(err)}`, cause: err, ...partial };
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
          return responseOf({
            status: replaced.status ?? view.status,
            headers: replaced.headers ?? view.headers,
            text,
            bytes: text === view.body ? result.bytes : utf8(text),
            response,
          });
        }
      }
    } else if (hooks?.afterError) {
      await runHook(hooks, "afterError", view);
    }
    return responseOf(result);
  } catch (err) {
    if (err instanceof HookFailed) return hookFailure(err);
    return { failure: "connection", message: `Unable to complete the request: ${describe(err)}`, cause: err };
  }
}

/**
 * A response as wasm reads it: status, headers (a plain object of lower-case names), text,
 * bytes, the `Response`, then the headers the retry and rate-limit decisions read (string or
 * undefined): `x-rate-limit-limit`, `-remaining`, `-reset` and `retry-after`.
 */
function responseOf({ status, headers, text, bytes, response }) {
  const h = headers ?? {};
  return [status, headers, text, bytes, response, h["x-rate-limit-limit"], h["x-rate-limit-remaining"], h["x-rate-limit-reset"], h["retry-after"]];
}

/** The headers of one attempt, in the order they are sent and logged. */
export function requestHeaders(auth, hasBody, userAgent, idempotencyKey) {
  const headers = { Authorization: auth, Accept: "application/json" };
  if (hasBody) headers["Content-Type"] = "application/json";
  if (userAgent !== undefined) headers["User-Agent"] = userAgent;
  if (idempotencyKey !== undefined) headers["Idempotency-Key"] = idempotencyKey;
  return headers;
}

/** Waits `ms` on a JS timer; resolves `true`, or `false` the moment `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      globalThis.clearTimeout(timer);
      resolve(false);
    };
    const timer = globalThis.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

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
  return typeof value === "string" || value instanceof Uint8Array || value instanceof ArrayBuffer || (typeof Blob !== "undefined" && value instanceof Blob);
}

/**
 * A new v4 GUID for an `Idempotency-Key`: `crypto.randomUUID`, or from
 * `crypto.getRandomValues` where that is missing (a page served over plain http).
 */
export function newGuid() {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  return guidFrom(globalThis.crypto.getRandomValues(new Uint8Array(16)), 4);
}

/** A GUID of RFC 9562 `version` from 16 bytes (which it changes: version and variant bits). */
export function guidFrom(bytes, version) {
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `fetch` through an `HTTPClient` (`@codat/bank-feeds`'s): its hooks and fetcher see a `Request`. */
export function fetchThrough(httpClient) {
  return (url, init) => httpClient.request(new Request(url, init));
}
