// One HTTP attempt through the runtime's fetch, with the caller's hooks around it, and the
// helpers for what it sends (headers, body text and bytes). Nothing here decides: every
// outcome, failures included, goes back to Rust as data, in the shapes js/boundary.json declares.

import { isStream } from "./body.js";
import { Failure, responseOf } from "./boundary.js";
import { CONNECTION_FAILED } from "./errors.js";

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
  return { failure: Failure.HOOK, hook: err.hook, message: `hooks.${err.hook} threw: ${describe(err.cause)}`, cause: err.cause };
}

/**
 * One HTTP attempt: `beforeRequest`, the fetch, then `afterSuccess` for a 2xx or `afterError`
 * for any other response. Its parameters are js/boundary.json's `attempt`, in order. Never
 * rejects: resolves to the response as an array (`responseOf`, the table's `response` slots),
 * or to a failure `{ failure, message, cause, ... }` (`Failure`). A JSON body arrives as its
 * UTF-8 bytes (`json` true), which fetch sends as they are; hooks see text.
 */
export async function fetchOnce(fetchFn, url, method, auth, userAgent, idempotencyKey, body, json, timeoutMs, signal, hooks) {
  // One async function (no wrapper around another): every await is a hop on every call.
  try {
    if (signal?.aborted) return { failure: Failure.ABORTED, cause: signal.reason };
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
        // Required of a stream body (Node's fetch throws without it; Firefox has no stream bodies).
        ...(isStream(request.body) && { duplex: "half" }),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      result = { status: response.status, headers: Object.fromEntries(response.headers), text: decoder.decode(bytes), bytes, response };
    } catch (err) {
      const partial = response ? { statusCode: response.status, headers: Object.fromEntries(response.headers), rawResponse: response } : {};
      if (timedOut) return { failure: Failure.TIMEOUT, message: `The request timed out after ${timeoutMs} ms`, cause: err, ...partial };
      if (signal?.aborted) return { failure: Failure.ABORTED, cause: signal.reason };
      return { failure: Failure.CONNECTION, message: `${CONNECTION_FAILED}: ${describe(err)}`, cause: err, ...partial };
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
    return { failure: Failure.CONNECTION, message: `${CONNECTION_FAILED}: ${describe(err)}`, cause: err };
  }
}

/** The headers of one attempt, in the order they are sent and logged. */
export function requestHeaders(auth, hasBody, userAgent, idempotencyKey) {
  const headers = { Authorization: auth, Accept: "application/json" };
  if (hasBody) headers["Content-Type"] = "application/json";
  if (userAgent !== undefined) headers["User-Agent"] = userAgent;
  if (idempotencyKey !== undefined) headers["Idempotency-Key"] = idempotencyKey;
  return headers;
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

/** `fetch` through an `HTTPClient` (`@codat/bank-feeds`'s): its hooks and fetcher see a `Request`. */
export function fetchThrough(httpClient) {
  return (url, init) => httpClient.request(new Request(url, init));
}
