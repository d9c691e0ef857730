// Faults on the wire: each ends in its documented outcome, the client keeps working after it,
// and a load of mixed faults settles every call with the attempts the policy allows.

import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { company, unavailable } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const ID = company.id;
const get = (client, options) => client.companies.get({ companyId: ID }, options);
const NO_RETRY = { retries: { strategy: "none" } };

test("a refused connection is ConnectionError, retried per the policy", async () => {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const port = srv.address().port;
  await new Promise((r) => srv.close(r));
  const client = ctx.client({ serverURL: `http://127.0.0.1:${port}` });
  let calls = 0;
  const counting = ctx.client({
    serverURL: `http://127.0.0.1:${port}`,
    fetch: (u, i) => {
      calls++;
      return fetch(u, i);
    },
  });
  const err = await rejection(get(client, NO_RETRY));
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.equal(err.statusCode, undefined);
  const retried = await rejection(
    get(counting, { retries: { strategy: "backoff", backoff: { initialInterval: 5, maxInterval: 5, exponent: 1, maxElapsedTime: 60 } } }),
  );
  assert.ok(retried instanceof sdk.ConnectionError);
  assert.ok(calls >= 3, `attempts: ${calls}`);
});

test("a reset before the headers is ConnectionError and is retried", async () => {
  ctx.server.reply({ destroy: true }, { json: company });
  assert.deepEqual(await get(ctx.client()), company);
  assert.equal(ctx.server.requests.length, 2);
});

test("a reset mid-body is ConnectionError carrying the status, and is retried", async () => {
  ctx.server.reply({ resetMidBody: '{"id":"0498e9' });
  const err = await rejection(get(ctx.client(), NO_RETRY));
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.equal(err.statusCode, 200);
  ctx.server.reply({ resetMidBody: '{"id":' }, { json: company });
  assert.deepEqual(await get(ctx.client()), company);
});

test("a stall before the headers ends at the timeout", async () => {
  ctx.server.reply({ delayMs: 1500, json: company });
  const err = await rejection(get(ctx.client({ timeoutMs: 100 })));
  assert.ok(err instanceof sdk.RequestTimeoutError);
});

test("a 503 burst is ridden out; a 502 HTML page ends as CodatBankFeedsError with the page", async () => {
  ctx.server.reply(...Array.from({ length: 6 }, () => ({ status: 503, json: unavailable })), { json: company });
  assert.deepEqual(await get(ctx.client()), company);
  assert.equal(ctx.server.requests.length, 7);

  const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  ctx.server.reset();
  ctx.server.otherwise({ status: 502, body: html, headers: { "content-type": "text/html" } });
  const err = await rejection(get(ctx.client({ retryConfig: { strategy: "backoff", backoff: { initialInterval: 2, maxInterval: 2, maxElapsedTime: 300 } } })));
  assert.equal(err.constructor, sdk.CodatBankFeedsError);
  assert.equal(err.statusCode, 502);
  assert.equal(err.body, html);
  assert.equal(err.headers["content-type"], "text/html");
  assert.ok(ctx.server.requests.length > 1);
});

test("a 200 with truncated JSON, an empty body, or a wrong Content-Type", async () => {
  ctx.server.reply({ body: JSON.stringify(company).slice(0, 40), headers: { "content-type": "application/json" } });
  const truncated = await rejection(get(ctx.client()));
  assert.ok(truncated instanceof sdk.ResponseValidationError);
  assert.equal(truncated.body, JSON.stringify(company).slice(0, 40));
  assert.equal(ctx.server.requests.length, 1, "a decoding failure is not retried");

  ctx.server.reply({ body: "", headers: { "content-type": "application/json" } });
  assert.ok((await rejection(get(ctx.client()))) instanceof sdk.ResponseValidationError);

  // The body is what is checked: valid JSON under text/plain still decodes.
  ctx.server.reply({ body: JSON.stringify(company), headers: { "content-type": "text/plain" } });
  assert.deepEqual(await get(ctx.client()), company);
  ctx.server.reply({ body: "<html>not json</html>", headers: { "content-type": "text/html" } });
  assert.ok((await rejection(get(ctx.client()))) instanceof sdk.ResponseValidationError);
});

test("a 50 MB body decodes, and the next call still works", async () => {
  const big = { ...company, description: "x".repeat(50 * 1024 * 1024) };
  ctx.server.reply({ json: big }, { json: company });
  const result = await get(ctx.client());
  assert.equal(result.description.length, 50 * 1024 * 1024);
  assert.deepEqual(await get(ctx.client()), company);
});

test("POSTs are retried like any call unless the caller says none; none sends exactly one", async () => {
  ctx.server.reply({ status: 503, json: unavailable }, { json: company });
  await ctx.client().companies.create({ name: "Toft" });
  assert.equal(ctx.server.requests.length, 2);
  ctx.server.reset();
  ctx.server.otherwise({ status: 503, json: unavailable });
  const err = await rejection(ctx.client().companies.create({ name: "Toft" }, NO_RETRY));
  assert.equal(err.statusCode, 503);
  assert.equal(ctx.server.requests.length, 1);
});

// Seeded faults: the same schedule every run, so the expected attempts of each call are known.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const RETRYABLE = ["503", "502-html", "429", "reset", "reset-mid-body"];
const FINAL = ["truncated-200", "400"];

test("load: 500 calls at concurrency 64, 30% of attempts faulty, every call accounted for", async () => {
  const rand = mulberry32(20261125);
  const schedule = new Map(); // `${call}:${attempt}` -> fault | undefined
  const faultFor = (call, attempt) => {
    const key = `${call}:${attempt}`;
    if (!schedule.has(key)) {
      const r = rand();
      const all = [...RETRYABLE, ...FINAL];
      schedule.set(key, r < 0.3 ? all[Math.floor((r / 0.3) * all.length)] : undefined);
    }
    return schedule.get(key);
  };
  const attempts = new Map();
  ctx.server.otherwise((req) => {
    const call = decodeURIComponent(req.rawPath.split("/")[2]);
    const n = (attempts.get(call) ?? 0) + 1;
    attempts.set(call, n);
    switch (faultFor(call, n)) {
      case "503":
        return { status: 503, json: unavailable };
      case "502-html":
        return { status: 502, body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } };
      case "429":
        return { status: 429, json: unavailable, headers: { "retry-after": "0" } };
      case "reset":
        return { destroy: true };
      case "reset-mid-body":
        return { resetMidBody: '{"id":' };
      case "truncated-200":
        return { body: '{"id":"x","na', headers: { "content-type": "application/json" } };
      case "400":
        return { status: 400, json: { ...unavailable, statusCode: 400, error: "Bad request" } };
      default:
        return { json: { ...company, id: call } };
    }
  });
  const client = ctx.client({
    retryConfig: { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 4, exponent: 2, maxElapsedTime: 20_000 } },
    timeoutMs: 20_000,
  });
  const calls = Array.from({ length: 500 }, (_, i) => `call-${i}`);
  const outcomes = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < calls.length) {
        const call = calls[next++];
        try {
          const r = await client.companies.get({ companyId: call });
          outcomes.set(call, r.id === call ? "ok" : "wrong body");
        } catch (err) {
          outcomes.set(call, err.name);
        }
      }
    }),
  );
  const tally = {};
  for (const call of calls) {
    // Expected: attempts until the first clean or final fault.
    let n = 1;
    while (RETRYABLE.includes(faultFor(call, n))) n++;
    const last = faultFor(call, n);
    const expected = last === undefined ? "ok" : last === "400" ? "ErrorMessage" : "ResponseValidationError";
    assert.equal(outcomes.get(call), expected, call);
    assert.equal(attempts.get(call), n, `${call}: server saw ${attempts.get(call)} attempts, policy allows ${n}`);
    tally[expected] = (tally[expected] ?? 0) + 1;
  }
  const totalAttempts = [...attempts.values()].reduce((a, b) => a + b, 0);
  console.log(`load tally: ${JSON.stringify(tally)}; ${totalAttempts} attempts for 500 calls`);
  assert.equal(outcomes.size, 500);
});
