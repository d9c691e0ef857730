// The chaos run: the write load of safe-writes.test.mjs, extended with everything callers and a
// network do at once. 2,000 calls at concurrency 64 on two companies (so company slots are
// contended) against the fake API (fake/index.mjs: Codat's idempotency rules, seeded faults:
// resets, drops after commit, stalls, gateway 503s, Codat's own 500s, 429s, malformed bodies),
// two clients in-process and one over a socket; auth functions that hang, are slow, throw or
// return secret-bearing values; hooks that hang, are slow, throw or leave an invalid request;
// small deadlines, aborts at random points, already-aborted signals, serverURLs with a password.
// Beside it, a pushAll of 3,000 date-only transactions, aborted twice and resumed in shuffled
// orders. Then every failed write is resumed under its key.
//
// The choices are seeded (each call's plan, and the sequence each auth function and hook draws
// from); which call meets which draw, and which request which fault, follows the interleaving, so
// the tallies vary a little from run to run while every check holds. Nothing is timed but hangs:
// a call still unsettled long after its own deadline is one.
//
// It fails on a hang; an outcome other than success or one of the client's errors; a request
// sent with no time left; more than maxConcurrentPerCompany requests of a company in flight, or a
// slot still held once everything settled; anything written twice, the resumes included; and a
// secret in any error (message, toString, stack, JSON, cause chain) or debug line.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import { seeded } from "../fake/faults.mjs";
import { startFakeCodat } from "../fake/node.mjs";
import { sdk } from "./support/helpers.mjs";

const SEED = 0xc4a05;
const CALLS = 2000;
const CONCURRENCY = 64;
const COMPANIES = 2;
const CLIENT_TIMEOUT_MS = 1000;
/** How long past its own deadline a call may take to settle before it counts as hung. */
const HANG_MARGIN_MS = 10_000;
const MAX_PER_COMPANY = 10;
const WRITES = ["companies.create", "sourceAccounts.create", "transactions.create"];

/** Every secret carries this mark, but the API key, whose text and base64 are listed apart. */
const MARK = "S3CRET";
const KEY_TEXT = `chaos-api-key-${MARK}`;
const KEY_BASE64 = Buffer.from(KEY_TEXT).toString("base64");
const API_KEY = `Basic ${KEY_BASE64}`;
const SECRETS = [MARK, KEY_TEXT, KEY_BASE64];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RETRIES = { strategy: "backoff", backoff: { initialInterval: 2, maxInterval: 20, exponent: 1.5, maxElapsedTime: 5000 }, retryConnectionErrors: true };

/** One of `weighted`'s names, drawn by weight. @param {() => number} random @param {[string, number][]} weighted */
function pick(random, weighted) {
  let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [name, w] of weighted) {
    r -= w;
    if (r < 0) return name;
  }
  return weighted[weighted.length - 1][0];
}

/** `list` in another order (a seeded Fisher-Yates). */
function shuffled(list, seed) {
  const random = seeded(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const count = (tally, key) => {
  tally[key] = (tally[key] ?? 0) + 1;
};
const never = () => new Promise(() => {});
const sleep = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Every text an error shows, its cause chain's included. */
function everyText(err) {
  const texts = [inspect(err, { depth: 8 })];
  for (let e = err, depth = 0; e != null && depth < 8; e = e.cause, depth++) {
    let json = "";
    try {
      json = JSON.stringify(e) ?? "";
    } catch {}
    texts.push(String(e), e.message ?? "", e.stack ?? "", json);
  }
  return texts.join("\n");
}
const hasSecret = (text) => SECRETS.some((s) => text.includes(s));

/** `promise` settled (`{ ok, value }` or `{ ok: false, error }`), or `{ hung: true }` after `ms`. */
function watched(promise, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ hung: true }), ms);
    const settle = (outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    promise.then(
      (value) => settle({ ok: true, value }),
      (error) => settle({ ok: false, error }),
    );
  });
}

/** A barrier per key that opens once `size` arrived, and stays open. */
function barriers(size) {
  const all = new Map();
  return (key) => {
    let b = all.get(key);
    if (!b) {
      b = { arrived: 0 };
      b.opened = new Promise((resolve) => (b.open = resolve));
      all.set(key, b);
    }
    if (++b.arrived >= size) b.open();
    return b.opened;
  };
}

const companyOf = (url) => new URL(url).pathname.split("/")[2];

/**
 * The run's shared state: its phase ("chaos", "barrier" for the slot check, then "calm"), the
 * tallies, and every client's `fetch`, which counts each company's requests in flight and any
 * request sent on a signal already aborted (with no time left).
 */
function createRun() {
  const run = { phase: "calm", tally: { auth: {}, hooks: {} }, maxInFlight: 0, sentTooLate: 0, barrier: barriers(MAX_PER_COMPANY) };
  run.fetch = (name, inner) => {
    const inFlight = new Map();
    return async (url, init) => {
      if (init?.signal?.aborted) run.sentTooLate++;
      const key = companyOf(url);
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      if (key !== undefined && name !== "setup") run.maxInFlight = Math.max(run.maxInFlight, now);
      try {
        return await inner(url, init);
      } finally {
        inFlight.set(key, inFlight.get(key) - 1);
      }
    };
  };
  return run;
}

/** An `authHeader` function that misbehaves as drawn from `random` in the chaos phase. */
function chaoticAuth(run, random) {
  let wrongTokens = 0;
  return async ({ reason, attempt }) => {
    assert.ok(reason === "initial" || reason === "unauthorized", reason);
    assert.ok(Number.isInteger(attempt) && attempt >= 1, String(attempt));
    if (run.phase !== "chaos") return API_KEY;
    const mode = pick(random, [
      ["ok", 55],
      ["slow", 15],
      ["hang", 6],
      ["throw", 7],
      ["wrong token", 9],
      ["CR LF", 4],
      ["not Latin-1", 4],
    ]);
    count(run.tally.auth, `${reason} ${mode}`);
    switch (mode) {
      case "slow":
        return sleep(Math.floor(random() * 400), API_KEY);
      case "hang":
        return never();
      case "throw":
        throw new Error("the token service is down");
      case "wrong token":
        return `Bearer expired-${MARK}-${++wrongTokens}`;
      case "CR LF":
        return `Bearer ${MARK}\r\nX-Injected: 1`;
      case "not Latin-1":
        return `Bearer ${MARK}-\u20ac`;
      default:
        return API_KEY;
    }
  };
}

/**
 * Hooks that misbehave as drawn from `random` in the chaos phase (when `chaotic`). In the
 * barrier phase `beforeRequest` holds each request until `MAX_PER_COMPANY` requests of its
 * company are held at once: the barrier opens only when every one of the company's slots is free.
 */
function hooksOf(run, name, random, chaotic) {
  const misbehave = (which, request) => {
    const extra = /** @type {[string, number][]} */ ([
      ["CR LF header", 3],
      ["credentials in the URL", 2],
      ["not an object", 2],
    ]);
    const mode = pick(random, [["ok", 78], ["slow", 8], ["hang", 4], ["throw", 4], ...(which === "beforeRequest" ? extra : [])]);
    count(run.tally.hooks, `${which} ${mode}`);
    switch (mode) {
      case "slow":
        return sleep(Math.floor(random() * 300), undefined);
      case "hang":
        return never();
      case "throw":
        throw new Error(`${which} broke`);
      case "CR LF header":
        return { ...request, headers: { ...request.headers, "x-chaos": `${MARK}\r\nX-Injected: 1` } };
      case "credentials in the URL":
        return { ...request, url: request.url.replace("://", `://user:${MARK}@`) };
      case "not an object":
        return 42;
      default:
        return undefined;
    }
  };
  const chaos = (which) => (value) => (run.phase === "chaos" && chaotic ? misbehave(which, value) : undefined);
  return {
    beforeRequest: async (request) => {
      if (run.phase === "barrier") await run.barrier(`${name} ${companyOf(request.url)}`);
      return chaos("beforeRequest")(request);
    },
    afterSuccess: chaos("afterSuccess"),
    afterError: chaos("afterError"),
  };
}

/** The companies, connections and accounts everything runs on, made before the chaos starts. */
async function setUp(client) {
  const companies = [];
  for (let i = 0; i < COMPANIES; i++) {
    const company = await client.companies.create({ name: `Chaos ${i}` });
    const connection = await client.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
    const targets = await client.bankAccounts.list({ companyId: company.id, connectionId: connection.id });
    companies.push({ companyId: company.id, connectionId: connection.id, accountIds: targets.results.map((a) => a.id) });
  }
  const company = await client.companies.create({ name: "Chaos pushAll" });
  const connection = await client.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
  const account = { id: "chaos-pushall", accountName: "Checking", accountType: "checking", accountNumber: "12345670", currency: "GBP", balance: 0 };
  await client.sourceAccounts.create({ companyId: company.id, connectionId: connection.id, requestBody: account });
  return { companies, push: { companyId: company.id, connectionId: connection.id, accountId: account.id } };
}

/** What call `i` does, on which client, and how it is bounded: all drawn from `random`. */
function planCall(i, random) {
  const op = pick(random, [
    ["transactions.create", 35],
    ["sourceAccounts.create", 15],
    ["companies.create", 8],
    ["companies.get", 27],
    ["connections.list", 15],
  ]);
  const client = pick(random, [
    ["verbose", 45],
    ["quiet", 45],
    ["plain", 10],
  ]);
  const timeoutMs = pick(random, [
    ["the client's", 30],
    ["30", 10],
    ["100", 20],
    ["250", 20],
    ["600", 20],
  ]);
  const abort = pick(random, [
    ["none", 55],
    ["AbortSignal.timeout", 17],
    ["controller", 20],
    ["already aborted", 5],
    ["serverURL with a password", 3],
  ]);
  return {
    i,
    op,
    client,
    company: Math.floor(random() * COMPANIES),
    account: Math.floor(random() * 3),
    timeoutMs: timeoutMs === "the client's" ? undefined : Number(timeoutMs),
    abort,
    abortAfterMs: Math.floor(random() * 500),
  };
}

/** The call `plan` describes (a write of `unique`, for writes), with `options`. */
function call(c, plan, setup, options) {
  const { companyId, connectionId, accountIds } = setup.companies[plan.company];
  const unique = `chaos-${plan.i}`;
  switch (plan.op) {
    case "transactions.create": {
      const accountId = accountIds[plan.account];
      const push = { accountId, transactions: [{ id: unique, date: "2026-11-30", amount: 1, balance: 1, description: "chaos" }] };
      return c.transactions.create({ companyId, connectionId, accountId, requestBody: push }, options);
    }
    case "sourceAccounts.create": {
      const account = { id: unique, accountName: "Chaos", accountType: "checking", accountNumber: "00000000", currency: "GBP", balance: 0 };
      return c.sourceAccounts.create({ companyId, connectionId, requestBody: account }, options);
    }
    case "companies.create":
      return c.companies.create({ name: unique }, options);
    case "companies.get":
      return c.companies.get({ companyId }, options);
    default:
      return c.connections.list({ companyId }, options);
  }
}

/** Starts `plan`'s call with its deadline and abort; the promise, and the deadline it has. */
function startCall(plan, clients, setup, serverURL) {
  const options = {};
  if (plan.timeoutMs !== undefined) options.timeoutMs = plan.timeoutMs;
  let bound = plan.timeoutMs ?? CLIENT_TIMEOUT_MS;
  if (plan.abort === "AbortSignal.timeout") options.signal = AbortSignal.timeout(plan.abortAfterMs);
  if (plan.abort === "controller") {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error(`the caller gave up after ${plan.abortAfterMs} ms`)), plan.abortAfterMs);
    options.signal = controller.signal;
  }
  if (options.signal) bound = Math.min(bound, plan.abortAfterMs);
  if (plan.abort === "already aborted") options.signal = AbortSignal.abort(new Error("the caller had already given up"));
  if (plan.abort === "serverURL with a password") options.serverURL = serverURL.replace("://", `://user:pass-${MARK}@`);
  return { promise: call(clients[plan.client], plan, setup, options), bound };
}

/** How often each unique name, account id and transaction id was written. */
function writtenTimes(writes) {
  const times = new Map();
  const note = (id) => times.set(id, (times.get(id) ?? 0) + 1);
  for (const w of writes) {
    const body = /** @type {any} */ (w.body);
    if (w.operation === "companies.create") note(body.name);
    else if (w.operation === "sourceAccounts.create") note(body.id);
    else if (w.operation === "transactions.create") for (const t of body.transactions) note(t.id);
  }
  return times;
}

/** n transactions dated by day alone, 100 a day, with a running balance. */
function dateOnly(n) {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 100))).toISOString().slice(0, 10);
    return { id: `p-${String(i).padStart(5, "0")}`, date: day, description: `Transaction ${i}`, amount: 2, balance: 2 * (i + 1), transactionType: "Credit" };
  });
}

/**
 * pushAll of 3,000 transactions under the same faults: aborted while its onProgress hangs after a
 * chunk; resumed in another
 * order and aborted during a chunk (its push or its polls); resumed in a third order to the end.
 */
async function pushAllResumed(client, ids, random) {
  const list = dateOnly(3000);
  const options = { retries: RETRIES, intervalMs: 1, maxIntervalMs: 5, chunkSize: 250, timeoutMs: 30_000 };
  const runs = [];
  const push = async (seed, extra) => {
    const request = { ...ids, transactions: shuffled(list, seed) };
    runs.push(await watched(client.transactions.pushAll(request, { ...options, ...extra }), options.timeoutMs + HANG_MARGIN_MS));
  };
  const betweenAt = 2 + Math.floor(random() * 4);
  const first = new AbortController();
  // Its progress store hangs after that chunk, and the caller gives up.
  const hangThenAbort = ({ chunk }) => {
    if (chunk !== betweenAt) return;
    setTimeout(() => first.abort(new Error("deploying")), 10);
    return never();
  };
  await push(SEED + 1, { signal: first.signal, onProgress: hangThenAbort });
  const duringAfter = 6 + Math.floor(random() * 4);
  const delayMs = Math.floor(random() * 8);
  const second = new AbortController();
  const abortSoon = ({ chunk }) => chunk === duringAfter && setTimeout(() => second.abort(new Error("crashed")), delayMs);
  await push(SEED + 2, { signal: second.signal, onProgress: abortSoon });
  await push(SEED + 3, {});
  return { runs, list, aborted: [`onProgress hung after chunk ${betweenAt}`, `${delayMs} ms after chunk ${duringAfter}`] };
}

/** Checks each outcome is success or one of the client's errors, as its plan allows; tallies them. */
function checkOutcomes(outcomes) {
  const classes = new Set(Object.values(sdk).filter((v) => typeof v === "function" && v.prototype instanceof Error));
  const tally = {};
  for (const { plan, ok, error } of outcomes) {
    if (ok) {
      count(tally, "success");
      continue;
    }
    assert.ok(error instanceof sdk.CodatBankFeedsError && classes.has(error.constructor), `call ${plan.i} ended with ${inspect(error)}`);
    count(tally, `${error.name}${error.statusCode ? ` ${error.statusCode}` : ""}`);
    if (/waiting for a free slot/.test(error.message)) count(tally, "(of which: ended waiting for a company slot)");
    if (plan.abort === "already aborted") assert.ok(error instanceof sdk.RequestAbortedError, `call ${plan.i}: ${error}`);
    if (plan.abort === "serverURL with a password") {
      assert.ok(error instanceof sdk.InvalidRequestError, `call ${plan.i}: ${error}`);
      assert.equal(error.field, "options.serverURL");
    } else if (WRITES.includes(plan.op)) {
      // Every failed write names its key, to resume it under.
      assert.match(error.idempotencyKey ?? "", GUID, `call ${plan.i} (${plan.op}): ${error}`);
    }
  }
  return tally;
}

/**
 * On every client, each company's slots are all free at once (the barrier opens only then), and
 * two calls more queue behind them; what did not succeed.
 */
async function slotsHeld(run, clients, setup) {
  run.phase = "barrier";
  const burst = [];
  for (const [name, c] of Object.entries(clients)) {
    for (const { companyId } of setup.companies) {
      for (let k = 0; k < MAX_PER_COMPANY + 2; k++) {
        burst.push({ name, companyId, outcome: watched(c.companies.get({ companyId }, { timeoutMs: 5000 }), 5000 + HANG_MARGIN_MS) });
      }
    }
  }
  const held = [];
  for (const { name, companyId, outcome } of burst) {
    const o = await outcome;
    if (!o.ok) held.push(`${name} ${companyId}: ${o.hung ? "hung" : o.error}`);
  }
  run.phase = "calm";
  return held;
}

/** Every failed write again, under its key, as its caller would resume it: the outcomes. */
async function resumeFailedWrites(client, outcomes, setup) {
  const failed = outcomes.filter((o) => !o.ok && WRITES.includes(o.plan.op) && o.error.idempotencyKey !== undefined);
  return Promise.all(
    failed.map(async ({ plan, error }) => ({
      plan,
      ...(await watched(call(client, plan, setup, { idempotencyKey: error.idempotencyKey, timeoutMs: 5000 }), 5000 + HANG_MARGIN_MS)),
    })),
  );
}

test("chaos: hung, slow and throwing auth and hooks, aborts, deadlines and server faults at concurrency 64; pushAll resumed in shuffled orders", {
  timeout: 180_000,
}, async () => {
  const fake = await startFakeCodat({ apiKey: API_KEY, pushCompletesAfterMs: 0, seed: SEED });
  try {
    const run = createRun();
    const lines = [];
    const debugLogger = { debug: (l) => lines.push(l), log: (l) => lines.push(l) };
    const random = seeded(SEED);
    const base = { retryConfig: RETRIES, timeoutMs: CLIENT_TIMEOUT_MS };
    // Two clients call the fake in-process, one over a socket.
    const clients = {
      verbose: new sdk.CodatBankFeeds({
        ...base,
        authHeader: chaoticAuth(run, seeded(SEED + 1)),
        hooks: hooksOf(run, "verbose", seeded(SEED + 2), true),
        fetch: run.fetch("verbose", fake.fetch),
        debugLogger: { debug: debugLogger.debug },
        debugLevel: "verbose",
      }),
      quiet: new sdk.CodatBankFeeds({
        ...base,
        authHeader: chaoticAuth(run, seeded(SEED + 3)),
        hooks: hooksOf(run, "quiet", seeded(SEED + 4), true),
        fetch: run.fetch("quiet", fake.fetch),
      }),
      plain: new sdk.CodatBankFeeds({
        ...base,
        authHeader: API_KEY,
        serverURL: fake.url,
        hooks: hooksOf(run, "plain", seeded(SEED + 5), false),
        fetch: run.fetch("plain", globalThis.fetch),
        debugLogger: { log: debugLogger.log },
      }),
    };
    let refused;
    try {
      new sdk.CodatBankFeeds({ ...base, authHeader: API_KEY, serverURL: fake.url.replace("://", `://admin:${MARK}@`) });
    } catch (err) {
      refused = err;
    }
    assert.ok(refused instanceof sdk.InvalidRequestError, String(refused));

    const setup = await setUp(new sdk.CodatBankFeeds({ ...base, authHeader: API_KEY, fetch: run.fetch("setup", fake.fetch) }));
    fake.faults.add(
      { fault: "reset", probability: 0.04 },
      { fault: "unavailable", probability: 0.04 },
      { fault: "rateLimited", probability: 0.03, retryAfter: 0 },
      { fault: "drop", operation: WRITES, probability: 0.06 },
      { fault: "stall", operation: WRITES, probability: 0.03, ms: 150 },
      // Codat keeps its own 5XX under the key, and a malformed body is not retried: not on
      // pushAll's requests, which must get through on its last resume.
      { fault: "error", operation: ["companies.create", "sourceAccounts.create", "companies.get"], probability: 0.04 },
      { fault: "malformed", operation: ["companies.get", "connections.list"], probability: 0.02 },
    );
    run.phase = "chaos";
    const pushing = pushAllResumed(clients.plain, setup.push, seeded(SEED + 6));
    const plans = Array.from({ length: CALLS }, (_, i) => planCall(i, random));
    const outcomes = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < plans.length) {
          const plan = plans[next++];
          const { promise, bound } = startCall(plan, clients, setup, fake.url);
          outcomes.push({ plan, ...(await watched(promise, bound + HANG_MARGIN_MS)) });
        }
      }),
    );
    const pushed = await pushing;
    run.phase = "calm";
    fake.faults.clear();
    const chaosRequests = fake.requests.length;

    const hung = outcomes.filter((o) => o.hung).map((o) => o.plan);
    assert.deepEqual(hung, [], "every call settled");
    const outcomeTally = checkOutcomes(outcomes);
    assert.equal(run.sentTooLate, 0, "no request sent with no time left");
    assert.ok(run.maxInFlight <= MAX_PER_COMPANY, `at most ${MAX_PER_COMPANY} requests of a company in flight, saw ${run.maxInFlight}`);
    const held = await slotsHeld(run, clients, setup);
    assert.deepEqual(held, [], "every company slot free once the chaos settled");

    const resumed = await resumeFailedWrites(clients.quiet, outcomes, setup);
    const resumedTally = {};
    for (const { plan, ok, error } of resumed) {
      // Codat keeps its own 5XX under the key for 90 minutes: the resume gets it again.
      assert.ok(ok || (error instanceof sdk.ErrorMessage && error.statusCode === 500), `resuming call ${plan.i}: ${error}`);
      count(resumedTally, ok ? "success" : "the kept 500");
    }

    const times = writtenTimes(fake.writes);
    const twice = [...times].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], "nothing written twice");
    for (const { plan, ok } of [...outcomes, ...resumed]) {
      if (ok && WRITES.includes(plan.op)) assert.equal(times.get(`chaos-${plan.i}`), 1, `call ${plan.i} (${plan.op}) succeeded: written once`);
    }

    const errors = [refused, ...[...outcomes, ...resumed, ...pushed.runs].filter((o) => o.error).map((o) => o.error)];
    const secretsIn = errors.map(everyText).filter(hasSecret);
    assert.deepEqual(secretsIn, [], "no secret in any error");
    const secretLines = lines.filter(hasSecret);
    assert.deepEqual(secretLines, [], "no secret in any debug line");

    // pushAll: one batch id on every run; each transaction pushed once, in date order.
    const { runs, list } = pushed;
    assert.ok(
      runs.every((r) => !r.hung),
      "every pushAll run settled",
    );
    assert.ok(runs[2].ok, `the last resume completes: ${runs[2].error}`);
    assert.equal(runs[2].value.pushed, list.length);
    const batchIds = runs.map((r) => (r.ok ? r.value.batchId : r.error.batchId));
    assert.match(batchIds[0], GUID);
    assert.deepEqual(batchIds, [batchIds[0], batchIds[0], batchIds[0]], "one batch id on every run");
    const pushWrites = fake.writes.filter((w) => w.operation === "transactions.create" && w.companyId === setup.push.companyId);
    const pushedTimes = writtenTimes(pushWrites);
    assert.equal(pushedTimes.size, list.length, "every transaction pushed");
    assert.deepEqual(
      [...pushedTimes].filter(([, n]) => n !== 1),
      [],
      "every transaction pushed exactly once",
    );
    const account = fake.state.companies.get(setup.push.companyId).connections.get(setup.push.connectionId).accountMeta.get(setup.push.accountId);
    assert.deepEqual(
      account.transactions.map((t) => t.id),
      list.map((t) => t.id),
      "in date order, same-dated ones by id",
    );

    const answered = {};
    for (const r of fake.requests.slice(0, chaosRequests)) count(answered, r.status === 0 ? "cut" : String(r.status));
    const summary = {
      calls: CALLS,
      concurrency: CONCURRENCY,
      outcomes: outcomeTally,
      auth: run.tally.auth,
      hooks: run.tally.hooks,
      requests: chaosRequests,
      answered,
      maxInFlightPerCompany: run.maxInFlight,
      resumedWrites: resumedTally,
      committedWrites: fake.writes.length,
      debugLines: lines.length,
      hung: hung.length,
      sentWithNoTimeLeft: run.sentTooLate,
      leakedSlots: held.length,
      writtenTwice: twice.length,
      leakedSecrets: secretsIn.length + secretLines.length,
      pushAll: {
        transactions: list.length,
        aborted: pushed.aborted,
        runs: runs.map((r) => (r.ok ? `pushed ${r.value.pushed}` : `${r.error.name} after ${r.error.pushed}`)),
        chunksWritten: pushWrites.length,
        batchIds: new Set(batchIds).size,
      },
    };
    console.log(`chaos tally: ${JSON.stringify(summary)}`);
  } finally {
    await fake.close();
  }
});
