// The fake API as a web-standard handler, `(Request) => Promise<Response>`: Codat's rate limits
// and idempotency rules around auth, routing and the route's handler. No runtime-specific API,
// so it runs in-process on any runtime (index.mjs) or behind a socket (node.mjs).
//
// A connection that Codat would cut is answered with `Response.error()`, a network error.
import { MAX_BODY_BYTES } from "./constants.mjs";
import { ApiError, badRequest, errorBody, errorReply, notFound } from "./errors.mjs";
import { preflightReply, readBody, toResponse } from "./http.mjs";
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
 * @property {number} tokenTtlMs
 * @property {number} pushCompletesAfterMs
 * @property {number} syncCompletesAfterMs
 */

/**
 * @param {object} parts
 * @param {Context} parts.ctx
 * @param {ReturnType<typeof import("./routing.mjs").createRouter>} parts.route
 * @param {ReturnType<typeof import("./rules/idempotency.mjs").createIdempotency>} parts.idempotency
 * @param {ReturnType<typeof import("./rules/rate-limits.mjs").createRateLimits>} parts.rateLimits
 * @param {{ loseWriteResponses: number }} parts.faults
 * @param {object[]} parts.requests where each request is recorded
 * @param {((line: string) => void) | null} parts.logLine
 * @returns {(request: Request) => Promise<Response>}
 */
export function createHandler({ ctx, route, idempotency, rateLimits, faults, requests, logLine }) {
  /** The route's answer, or the error it amounts to. */
  async function answer(request, url, body) {
    try {
      return await dispatch(ctx, route, request, url, body);
    } catch (err) {
      if (err instanceof ApiError) return { status: err.status, json: errorBody(err.status, err.message, err.validation) };
      if (request.signal.aborted) return null; // the client went away mid-request
      console.error("fake Codat API: internal error:", err);
      return errorReply(500, "An internal error occurred in the fake Codat API.");
    }
  }

  /** -> { reply, lost }: the answer under the rate limits and the request's Idempotency-Key. */
  async function underRules(request, url, body) {
    const quota = rateLimits.take();
    if (quota.over) return { reply: rateLimitedReply(quota.headers, quota.retryAfterSeconds) };
    const key = request.headers.get("idempotency-key");
    const ticket = idempotency.begin({ method: request.method.toUpperCase(), key, target: url.pathname + url.search, body: body.text });
    let reply = ticket.reply;
    let lost = false;
    if (!reply) {
      reply = await answer(request, url, body);
      // A write that committed and whose answer is lost on the way back (for the demo and tests).
      if (ticket.keep(reply) && faults.loseWriteResponses > 0) {
        faults.loseWriteResponses--;
        lost = true;
      }
    }
    return { reply: reply && { ...reply, headers: { ...quota.headers, ...reply.headers } }, lost };
  }

  return async function handle(request) {
    const started = Date.now();
    const url = new URL(request.url);
    const record = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      search: url.search,
      headers: Object.fromEntries(request.headers),
      body: "",
      status: 0,
    };
    requests.push(record);
    const body = await readBody(request);
    record.body = body.text;
    const { reply, lost } = record.method === "OPTIONS" ? { reply: preflightReply(request), lost: false } : await underRules(request, url, body);
    if (!reply || lost) return Response.error();
    record.status = reply.status;
    logLine?.(`${record.method} ${url.pathname} ${reply.status} ${Date.now() - started}ms`);
    return toResponse(reply);
  };
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

/** Auth, then the route for the method and path, then its handler. */
async function dispatch(ctx, route, request, url, { bytes, text, tooLarge }) {
  settleDue(ctx);
  const method = request.method.toUpperCase();
  const principal = authenticate(ctx, request.headers.get("authorization"));
  if (!principal) return errorReply(401, "Unauthorized");
  if (tooLarge) throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  const segments = pathSegments(url.pathname);
  if (principal.kind === "token" && !(segments[0] === "companies" && segments[1] === principal.companyId)) {
    throw new ApiError(403, "You are using an outdated API key or a key not associated with that resource.");
  }
  const matches = route(segments);
  if (matches.length === 0) throw notFound(`No route matches ${method} ${url.pathname}`);
  const match = matches.find((m) => m.route.method === method);
  if (!match) {
    const allow = [...new Set(matches.map((m) => m.route.method))].join(", ");
    return errorReply(405, `Method ${method} is not allowed on ${url.pathname}; allowed: ${allow}`, { allow });
  }
  const body = parseJson(text);
  return match.route.handler({ params: match.params, query: url.searchParams, body, rawBody: bytes, principal, method });
}
