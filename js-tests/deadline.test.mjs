// One deadline per call: `timeoutMs` and `signal` end the call whatever it waits on (the auth
// function, a hook, a company slot, a fetch that ignores its signal, a body that never ends, a
// retry wait), with the configured timeout in the message; slots come back the moment a call
// settles; nothing is sent with no time left; the auth value is read just before sending.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;
const TIMEOUT = 200;
const never = () => new Promise(() => {});
const slow = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
/** A fetch that ignores its signal and never answers, counting its calls. */
function hungFetch() {
  const fetch = () => {
    fetch.calls += 1;
    return never();
  };
  fetch.calls = 0;
  return fetch;
}
const okFetch = async () => new Response(JSON.stringify(company), { status: 200, headers: { "content-type": "application/json" } });

/** The rejection of `promise`, and how long it took. */
async function timed(promise) {
  const started = Date.now();
  const err = await rejection(promise);
  return { err, ms: Date.now() - started };
}

/** Asserts a RequestTimeoutError naming the configured timeout and what the call waited for, settled "not hung". */
function assertTimedOut({ err, ms }, waitingFor) {
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.match(err.message, new RegExp(`timed out after ${TIMEOUT} ms .*waiting for ${waitingFor}`), err.message);
  assert.ok(ms < 5 * TIMEOUT, `settled after ${ms} ms`);
}

test("a hung or slow authHeader function ends at timeoutMs, the message giving the configured timeout", async () => {
  const hung = ctx.client({ authHeader: never, timeoutMs: TIMEOUT });
  assertTimedOut(await timed(hung.companies.get({ companyId: C })), "the authHeader function");
  const tooSlow = ctx.client({ authHeader: () => slow(2000, API_KEY) });
  assertTimedOut(await timed(tooSlow.companies.get({ companyId: C }, { timeoutMs: TIMEOUT })), "the authHeader function");
  assert.equal(ctx.server.requests.length, 0);
});

test("hooks that never settle end at timeoutMs: beforeRequest, afterSuccess, afterError", async () => {
  ctx.server.otherwise({ json: company });
  const before = ctx.client({ hooks: { beforeRequest: never }, timeoutMs: TIMEOUT });
  assertTimedOut(await timed(before.companies.get({ companyId: C })), "hooks.beforeRequest");
  assert.equal(ctx.server.requests.length, 0);
  const success = ctx.client({ hooks: { afterSuccess: () => slow(2000) }, timeoutMs: TIMEOUT });
  assertTimedOut(await timed(success.companies.get({ companyId: C })), "hooks.afterSuccess");
  ctx.server.otherwise({ status: 404, json: { statusCode: 404, error: "Company not found" } });
  const error = ctx.client({ hooks: { afterError: never }, timeoutMs: TIMEOUT });
  assertTimedOut(await timed(error.companies.get({ companyId: C })), "hooks.afterError");
});

test("at the deadline or an abort, afterError is told but not waited for: a hung hook cannot hold the call past it", async () => {
  const told = [];
  const afterError = (failure) => {
    told.push(failure);
    return never();
  };
  const timedOut = ctx.client({ fetch: hungFetch(), hooks: { afterError }, timeoutMs: TIMEOUT });
  assertTimedOut(await timed(timedOut.companies.get({ companyId: C })), "the response");
  assert.equal(told.length, 1);
  assert.ok(told[0] instanceof sdk.RequestTimeoutError, String(told[0]));
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("shutting down")), 50);
  const aborted = ctx.client({ fetch: hungFetch(), hooks: { afterError } });
  const { err, ms } = await timed(aborted.companies.get({ companyId: C }, { signal: controller.signal }));
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.ok(ms < 5 * TIMEOUT, `settled after ${ms} ms`);
  assert.equal(told.length, 2);
  assert.ok(told[1] instanceof sdk.RequestAbortedError, String(told[1]));
});

test("a custom fetch or httpClient that ignores the signal, and a body that never ends, end at timeoutMs", async () => {
  const fetch = hungFetch();
  assertTimedOut(await timed(ctx.client({ fetch, timeoutMs: TIMEOUT }).companies.get({ companyId: C })), "the response");
  const httpClient = { request: never };
  assertTimedOut(await timed(ctx.client({ httpClient }).companies.get({ companyId: C }, { timeoutMs: TIMEOUT })), "the response");
  const endless = async () => new Response(new ReadableStream({ pull: never }), { status: 200 });
  assertTimedOut(await timed(ctx.client({ fetch: endless, timeoutMs: TIMEOUT }).companies.get({ companyId: C })), "the response body");
});

test("a retry wait past the deadline ends at it, the message giving the configured timeout", async () => {
  ctx.server.otherwise({ status: 503, json: { statusCode: 503, error: "busy" } });
  const retryConfig = { strategy: "backoff", backoff: { initialInterval: 60_000, maxInterval: 60_000 } };
  assertTimedOut(await timed(ctx.client({ retryConfig, timeoutMs: TIMEOUT }).companies.get({ companyId: C })), "the next attempt");
  assert.equal(ctx.server.requests.length, 1);
});

test("a signal ends the call whatever it waits on; an aborted one calls nothing of the caller's", async () => {
  const called = [];
  const note = (what) => () => {
    called.push(what);
    return never();
  };
  const client = ctx.client({ authHeader: note("authHeader"), fetch: note("fetch"), hooks: { beforeRequest: note("beforeRequest") } });
  const { err, ms } = await timed(client.companies.get({ companyId: C }, { signal: AbortSignal.abort(new Error("gone")) }));
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(err.cause.message, "gone");
  assert.ok(ms < 100, `settled after ${ms} ms`);
  assert.deepEqual(called, []);

  for (const [what, options] of [
    ["authHeader", { authHeader: never }],
    ["beforeRequest", { hooks: { beforeRequest: never } }],
    ["fetch", { fetch: hungFetch() }],
  ]) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error(`stop ${what}`)), 30);
    const aborted = await timed(ctx.client(options).companies.get({ companyId: C }, { signal: controller.signal }));
    assert.ok(aborted.err instanceof sdk.RequestAbortedError, `${what}: ${aborted.err}`);
    assert.equal(aborted.err.cause.message, `stop ${what}`);
    assert.ok(aborted.ms < 1000, `${what}: settled after ${aborted.ms} ms`);
  }
});

test("hung calls give their company slots back when they settle: later calls are not starved", async () => {
  const fetch = hungFetch();
  const hung = ctx.client({ fetch, maxConcurrentPerCompany: 2, timeoutMs: 100 });
  // Two take the slots and hang; eight wait for one and end first, at their own shorter deadline
  // (a waiter with time left when a slot comes back would take it and send).
  const holders = Array.from({ length: 2 }, () => hung.companies.get({ companyId: C }));
  const waiters = Array.from({ length: 8 }, () => hung.companies.get({ companyId: C }, { timeoutMs: 50 }));
  const results = await Promise.allSettled([...holders, ...waiters]);
  assert.ok(results.every((r) => r.status === "rejected" && r.reason instanceof sdk.RequestTimeoutError));
  assert.ok(
    results.slice(2).every((r) => /waiting for a free slot/.test(r.reason.message)),
    String(results[2].reason),
  );
  assert.equal(fetch.calls, 2);
  // Their slots are free again: the next call takes one and sends (and times out on the fetch).
  const next = await rejection(hung.companies.get({ companyId: C }));
  assert.match(next.message, /waiting for the response/);
  assert.equal(fetch.calls, 3);
  // The same client: the slots are free again, so a call that now gets answers succeeds.
  let answer = never;
  const client = ctx.client({
    fetch: (...args) => answer(...args),
    maxConcurrentPerCompany: 1,
  });
  const first = client.companies.get({ companyId: C }, { timeoutMs: 100 });
  // Queued behind the hung call: it gets the slot the moment the first call times out.
  const second = client.companies.get({ companyId: C }, { timeoutMs: 1000 });
  await slow(50);
  answer = okFetch;
  assert.ok((await rejection(first)) instanceof sdk.RequestTimeoutError);
  assert.equal((await second).id, C);
});

test("a call aborted while it waits for a slot frees its place; the holder's slot comes back the moment it settles", async () => {
  let answer = never;
  const client = ctx.client({ fetch: (...args) => answer(...args), maxConcurrentPerCompany: 1 });
  const holder = new AbortController();
  const first = client.companies.get({ companyId: C }, { signal: holder.signal });
  const queued = new AbortController();
  const second = client.companies.get({ companyId: C }, { signal: queued.signal });
  const third = client.companies.get({ companyId: C }, { timeoutMs: 2000 });
  await slow(20);
  queued.abort();
  assert.ok((await rejection(second)) instanceof sdk.RequestAbortedError);
  answer = okFetch;
  const started = Date.now();
  holder.abort();
  assert.ok((await rejection(first)) instanceof sdk.RequestAbortedError);
  assert.equal((await third).id, C);
  assert.ok(Date.now() - started < 500);
});

test("no request is sent with no time left", async () => {
  // The auth function blocks the thread past the deadline: the timer cannot fire, the check does.
  const fetch = hungFetch();
  const authHeader = () => {
    const until = Date.now() + 150;
    while (Date.now() < until);
    return API_KEY;
  };
  const err = await rejection(ctx.client({ authHeader, fetch, timeoutMs: 100 }).companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.match(err.message, /after 100 ms \(timeoutMs\) while waiting for the request to be sent/);
  assert.equal(fetch.calls, 0);
});

test("the auth value is read just before each attempt is sent, after the company slot is taken", async () => {
  const events = [];
  let n = 0;
  let release;
  const fetch = async (_url, init) => {
    events.push(`send ${init.headers.Authorization}`);
    if (events.length === 2) await new Promise((r) => (release = r));
    return okFetch();
  };
  const authHeader = () => {
    n += 1;
    events.push(`auth ${n}`);
    return `Bearer token-${n}`;
  };
  const client = ctx.client({ authHeader, fetch, maxConcurrentPerCompany: 1 });
  const first = client.companies.get({ companyId: C });
  const second = client.companies.get({ companyId: C });
  await slow(30);
  assert.deepEqual(events, ["auth 1", "send Bearer token-1"]);
  release();
  await Promise.all([first, second]);
  assert.deepEqual(events, ["auth 1", "send Bearer token-1", "auth 2", "send Bearer token-2"]);
});

test("waitForOperation's deadline bounds every poll, the message giving its timeoutMs", async () => {
  const client = ctx.client({ authHeader: never });
  const started = Date.now();
  const err = await rejection(client.transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { timeoutMs: TIMEOUT }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.match(err.message, new RegExp(`after ${TIMEOUT} ms`));
  assert.ok(Date.now() - started < 5 * TIMEOUT);
});
