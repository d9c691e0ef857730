// The fake API as a web-standard handler, `(Request) => Promise<Response>`: the faults asked for,
// Codat's rate limits, auth and idempotency rules around routing and the route's handler, and
// CORS on every answer. No runtime-specific API, so it runs in-process on any runtime
// (index.mjs) or behind a socket (node.mjs).
//
// A connection that is cut is answered with `Response.error()`, a network error.
import { MAX_BODY_BYTES } from "./constants.mjs";
import { ApiError, badRequest, errorBody, errorReply, notFound } from "./errors.mjs";
import { readBody, toResponse } from "./http.mjs";
import { completePush } from "./pushes.mjs";
import { isDue } from "./rules/push-operations.mjs";
import { rateLimitedReply } from "./rules/rate-limits.mjs";
import { finishSync } from "./syncs.mjs";

/**
 * What the routes work with.
 * @typedef {object} Context
 * @property {ReturnType<typeof import("./state.mjs").createState>} state
 * @property {{ now(): number }} clock
 * @property {string} apiKey the exact Authorization value accepted
 * @property {number} tokenExpiresIn lifetime of company access tokens, in seconds
 * @property {number} pushCompletesAfterMs
 * @property {number} syncCompletesAfterMs
 */

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * @param {object} parts
 * @param {Context} parts.ctx
 * @param {ReturnType<typeof import("./routing.mjs").createRouter>} parts.route
 * @param {ReturnType<typeof import("./rules/idempotency.mjs").createIdempotency>} parts.idempotency
 * @param {ReturnType<typeof import("./rules/rate-limits.mjs").createRateLimits>} parts.rateLimits
 * @param {ReturnType<typeof import("./rules/cors.mjs").createCors>} parts.cors
 * @param {ReturnType<typeof import("./faults.mjs").createFaults>} parts.faults
 * @param {object[]} parts.requests where each request is recorded
 * @param {object[]} parts.writes where each committed write is recorded
 * @param {((line: string) => void) | null} parts.logLine
 * @returns {(request: Request) => Promise<Response>}
 */
export function createHandler({ ctx, route, idempotency, rateLimits, cors, faults, requests, writes, logLine }) {
  /** The route's answer, or the error it amounts to. */
  async function answer(request, url, body, located, principal) {
    try {
      return await dispatch(ctx, request, url, body, located, principal);
    } catch (err) {
      if (err instanceof ApiError) return { status: err.status, json: errorBody(err.status, err.message, err.validation) };
      if (request.signal.aborted) return null; // the client went away mid-request
      console.error("fake Codat API: internal error:", err);
      return errorReply(500, "An internal error occurred in the fake Codat API.");
    }
  }

  /** A committed write, for inspection: a write method whose handler answered 2XX. */
  function noteWrite(record, located, reply) {
    if (!WRITE_METHODS.has(record.method) || !reply || reply.status < 200 || reply.status > 299) return;
    const { companyId = null, connectionId = null, accountId = null, sourceAccountId = null } = located.match?.params ?? {};
    writes.push({
      operation: record.operation,
      method: record.method,
      path: record.path,
      companyId,
      connectionId,
      accountId: accountId ?? sourceAccountId,
      idempotencyKey: record.headers["idempotency-key"] ?? null,
      body: parseJsonOrText(record.body),
      status: reply.status,
      at: ctx.clock.now(),
    });
  }

  /**
   * -> { reply, fault }: the answer under the faults, the rate limits, auth and the request's
   * Idempotency-Key; `reply` null when the connection is cut before an answer.
   */
  async function underRules(request, url, body, located, record, fault) {
    if (fault?.fault === "reset") return { reply: null };
    if (fault?.fault === "unavailable") return { reply: gatewayReply(fault.status ?? 503) };
    const quota = rateLimits.take();
    if (quota.over) return { reply: rateLimitedReply(quota.headers, quota.retryAfterSeconds) };
    const withQuota = (reply) => reply && { ...reply, headers: { ...quota.headers, ...reply.headers } };
    if (fault?.fault === "rateLimited") return { reply: rateLimitedReply({ ...quota.headers, "x-rate-limit-remaining": "0" }, fault.retryAfter ?? 1) };
    // Auth is decided before the request is processed, so its 401 or 403 is never kept under
    // the Idempotency-Key: the same write, retried with a fresh token, runs.
    const principal = authenticate(ctx, request.headers.get("authorization"));
    if (!principal) return { reply: withQuota(errorReply(401, "Unauthorized")), fault };
    if (principal.kind === "token" && !(located.segments?.[0] === "companies" && located.segments[1] === principal.companyId))
      return { reply: withQuota(errorReply(403, "You are using an outdated API key or a key not associated with that resource.")), fault };
    const ticket = idempotency.begin({
      method: record.method,
      key: request.headers.get("idempotency-key"),
      target: url.pathname + url.search,
      body: body.text,
    });
    if (ticket.reply) return { reply: withQuota(ticket.reply), fault };
    const reply =
      fault?.fault === "error"
        ? errorReply(fault.status ?? 500, "An internal error occurred. Please try again later.")
        : await answer(request, url, body, located, principal);
    if (fault?.fault !== "error") noteWrite(record, located, reply);
    // A stalled answer holds its key in progress (a retry under it gets 409) until it is sent.
    if (fault?.fault === "stall") await hold(fault.ms, request.signal);
    ticket.keep(reply);
    return { reply: withQuota(reply), fault };
  }

  return async function handle(request) {
    const started = Date.now();
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const located = locate(url.pathname, method);
    const record = {
      method,
      path: url.pathname,
      search: url.search,
      operation: located.match?.route.operation ?? null,
      headers: Object.fromEntries(request.headers),
      body: "",
      status: 0,
    };
    requests.push(record);
    const body = await readBody(request);
    record.body = body.text;
    if (method === "OPTIONS") return finish(cors.preflight(request));
    const { reply, fault } = await underRules(request, url, body, located, record, faults.next(record.operation));
    if (!reply || fault?.fault === "drop" || request.signal.aborted) return Response.error();
    return finish(fault?.fault === "malformed" ? { ...reply, text: fault.body ?? JSON.stringify(reply.json ?? {}).slice(0, -1) } : reply);

    function finish(reply) {
      record.status = reply.status;
      logLine?.(`${method} ${url.pathname} ${reply.status} ${Date.now() - started}ms`);
      return toResponse(reply, cors.headers(request));
    }
  };

  /** The route for the path and method: `{ segments, matches, match }`, or `{ error }` for a path badly encoded. */
  function locate(pathname, method) {
    try {
      const segments = pathSegments(pathname);
      const matches = route(segments);
      return { segments, matches, match: matches.find((m) => m.route.method === method) };
    } catch (error) {
      return { error };
    }
  }
}

/** A gateway's 5XX in front of the API: a page, not an `ErrorMessage`; the API never saw the request. */
const gatewayReply = (status) => ({
  status,
  text: `<html><body><h1>${status}</h1>The service is unavailable.</body></html>`,
  headers: { "content-type": "text/html" },
});

/** Holds an answer `ms` milliseconds, or until the client gives up (no `ms`). */
function hold(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(undefined);
    const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
      { once: true },
    );
  });
}

function parseJsonOrText(text) {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/** Applies the timed transitions due by now (no timers run: they happen as requests come). */
function settleDue({ state, clock }) {
  const now = clock.now();
  for (const op of state.pushOperations.values()) if (isDue(op, now)) completePush(state, op);
  for (const s of state.syncs.values()) if (s.status === "Started" && now >= s.completesAt) finishSync(state, s);
}

/** -> { kind: "apiKey" } | { kind: "token", companyId } | null */
function authenticate({ state, clock, apiKey }, header) {
  if (!header) return null;
  if (header === apiKey) return { kind: "apiKey" };
  const m = /^Bearer (\S+)$/.exec(header);
  if (!m) return null;
  const rec = state.tokens.get(m[1]);
  if (!rec) return null;
  if (clock.now() >= rec.expiresAt) {
    state.tokens.delete(m[1]);
    return null;
  }
  return { kind: "token", companyId: rec.companyId };
}

function pathSegments(pathname) {
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  try {
    return path
      .split("/")
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw badRequest("Error processing request - the path is not correctly URL-encoded.");
  }
}

function parseJson(text) {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Error processing request - the request body is not valid JSON (${err.message}).`);
  }
}

/** The route for the method and path, then its handler. */
async function dispatch(ctx, request, url, { bytes, text, tooLarge }, located, principal) {
  settleDue(ctx);
  const method = request.method.toUpperCase();
  if (tooLarge) throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (located.error) throw located.error;
  if (located.matches.length === 0) throw notFound(`No route matches ${method} ${url.pathname}`);
  if (!located.match) {
    const allow = [...new Set(located.matches.map((m) => m.route.method))].join(", ");
    return errorReply(405, `Method ${method} is not allowed on ${url.pathname}; allowed: ${allow}`, { allow });
  }
  const body = parseJson(text);
  return located.match.route.handler({ params: located.match.params, query: url.searchParams, body, rawBody: bytes, principal, method });
}
