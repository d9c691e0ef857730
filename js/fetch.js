// One HTTP attempt through the runtime's fetch, with the caller's hooks around it, and the
// helpers for what it sends (headers, body text and bytes). Nothing here decides: every
// outcome, failures included, goes back to Rust as data, in the shapes js/boundary.json declares.

import { sentAhead, valueAhead } from "./ahead.js";
import { isStream } from "./body.js";
import { Failure, responseOf } from "./boundary.js";
import { corsHint } from "./cors.js";
import { CONNECTION_FAILED } from "./errors.js";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** An error's message, or what was thrown as text. */
export function describe(err) {
  return err instanceof Error ? err.message : String(err);
}

/** A hook that threw, or left something fetch cannot use: `fetchOnce` reports it as the `hook` failure. */
class HookFailed {
  constructor(hook, cause, what = `threw: ${describe(cause)}`) {
    this.hook = hook;
    this.cause = cause;
    this.message = `hooks.${hook} ${what}`;
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
  return { failure: Failure.HOOK, hook: err.hook, message: err.message, cause: err.cause };
}

/** The call's time is over (js/deadline.js): Rust makes its error. */
const OVER = Object.freeze({ failure: Failure.DEADLINE });

/** Notes what the attempt waits on, for the message of a timeout that ends it there. */
function waiting(deadline, what) {
  if (deadline !== undefined) deadline.step = what;
}

/**
 * Whether fetch refused to build `request`, before sending anything: it rejects with a
 * `TypeError` for that as for a network failure, and building a `Request` of the same parts
 * tells them apart (on the failure path only; a body is stood in for by "", since only its
 * presence can make a request unbuildable). Fetch's own message is not kept: it may quote a
 * header value, a credential.
 */
function refused(request, err) {
  if (!(err instanceof TypeError)) return false;
  try {
    new Request(request.url, { method: request.method, headers: request.headers, body: request.body == null ? undefined : "" });
    return false;
  } catch {
    return true;
  }
}

const UNBUILDABLE = "(a header with CR or LF, a URL that is not absolute or has credentials, a body on GET...): nothing was sent";

/**
 * One HTTP attempt: `beforeRequest`, the fetch, then `afterSuccess` for a 2xx or `afterError`
 * for any other response. Its parameters are js/boundary.json's `attempt`, in order. Never
 * rejects: resolves to the response as an array (`responseOf`, the table's `response` slots),
 * or to a failure `{ failure, message, cause, ... }` (`Failure`). A JSON body arrives as its
 * UTF-8 bytes (`json` true), which fetch sends as they are; hooks see text. Rust races it
 * against the call's deadline; once that is over, no function of the caller's is called again
 * and nothing is sent.
 */
export async function fetchOnce(fetchFn, url, method, auth, userAgent, idempotencyKey, body, json, deadline, hooks) {
  // One async function (no wrapper around another): every await is a hop on every call.
  let request;
  try {
    waiting(deadline, "the request to be sent");
    if (deadline?.over()) return OVER;
    request = { method, url, headers: requestHeaders(auth, body !== undefined, userAgent, idempotencyKey), body };
    const hooked = hooks?.beforeRequest !== undefined;
    if (hooked) {
      if (json) request.body = bodyText(body);
      waiting(deadline, "hooks.beforeRequest");
      request = (await runHook(hooks, "beforeRequest", request)) ?? request;
      if (typeof request !== "object") throw new HookFailed("beforeRequest", undefined, "returned something other than a request or nothing");
      if (deadline?.over()) return OVER;
    }
    waiting(deadline, "the response");
    let response;
    let result;
    try {
      const signal = deadline?.signal();
      response = await (sentAhead(fetchFn, request, signal) ??
        fetchFn(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal,
          // Required of a stream body (Node's fetch throws without it; Firefox has no stream bodies).
          ...(isStream(request.body) && { duplex: "half" }),
        }));
      waiting(deadline, "the response body");
      const bytes = new Uint8Array(await response.arrayBuffer());
      result = { status: response.status, headers: Object.fromEntries(response.headers), text: decoder.decode(bytes), bytes, response };
    } catch (err) {
      if (deadline?.over()) return OVER;
      if (response === undefined && refused(request, err)) {
        if (hooked) throw new HookFailed("beforeRequest", undefined, `left a request that fetch refuses to build ${UNBUILDABLE}`);
        return { failure: Failure.INVALID, message: `this runtime's fetch refused to build the request ${UNBUILDABLE}` };
      }
      if (response === undefined)
        return { failure: Failure.CONNECTION, message: `${CONNECTION_FAILED}: ${describe(err)}${corsHint(request.headers)}`, cause: err };
      const partial = { statusCode: response.status, headers: Object.fromEntries(response.headers), rawResponse: response };
      return { failure: Failure.CONNECTION, message: `${CONNECTION_FAILED}: ${describe(err)}`, cause: err, ...partial };
    }
    const view = { status: result.status, headers: result.headers, body: result.text, response };
    const hook = result.status >= 200 && result.status < 300 ? "afterSuccess" : "afterError";
    if (hooks?.[hook] !== undefined) {
      if (deadline?.over()) return OVER;
      waiting(deadline, `hooks.${hook}`);
      const changed = await runHook(hooks, hook, view);
      if (hook === "afterSuccess" && changed != null) {
        if (typeof changed !== "object") throw new HookFailed(hook, undefined, "returned something other than a response or nothing");
        const text = changed.body ?? view.body;
        return responseOf({
          status: changed.status ?? view.status,
          headers: changed.headers ?? view.headers,
          text,
          bytes: text === view.body ? result.bytes : utf8(text),
          response,
        });
      }
    }
    return responseOf(result);
  } catch (err) {
    if (err instanceof HookFailed) return hookFailure(err);
    return { failure: Failure.CONNECTION, message: `${CONNECTION_FAILED}: ${describe(err)}`, cause: err };
  }
}

/**
 * The `authHeader` function's value for an attempt: it is told why it is called (`AuthContext`),
 * and after a 401 which value was refused. A call's first takes the value asked for ahead of the
 * .wasm for it, if any (js/early.js).
 */
export async function authValue(provider, reason, attempt, refused) {
  if (reason === "initial" && attempt === 1) {
    const ahead = valueAhead(provider);
    if (ahead) return ahead;
  }
  return provider(refused === undefined ? { reason, attempt } : { reason, attempt, refused });
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

/** The runtime's global `fetch` (`undefined` where there is none), read as a client is built. */
export function globalFetch() {
  return globalThis.fetch;
}

/** `fetch` through an `HTTPClient` (`@codat/bank-feeds`'s): its hooks and fetcher see a `Request`. */
export function fetchThrough(httpClient) {
  return (url, init) => httpClient.request(new Request(url, init));
}
