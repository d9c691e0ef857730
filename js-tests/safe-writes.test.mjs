// Safe writes: the Idempotency-Key on every POST and PATCH and Codat's rules for retrying under
// it, the rate-limit headers, and at most N requests in flight per company. Against servers on
// 127.0.0.1 that write as Codat does (support/write-server.mjs).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";
import { startWriteServer } from "./support/write-server.mjs";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FAST = { strategy: "backoff", backoff: { initialInterval: 2, maxInterval: 10, exponent: 1.5, maxElapsedTime: 5000 }, retryConnectionErrors: true };
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";

let server;
before(async () => {
  server = await startWriteServer();
});
after(() => server.close());
beforeEach(() => {
  server.writes.length = 0;
  server.requests.length = 0;
  server.plan.length = 0;
});

const client = (options = {}) => new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: server.url, retryConfig: FAST, ...options });
const create = (c, name = "Toft stores", options) => c.companies.create({ name }, options);

test("a write that commits and then loses its connection is retried with the same key and lands once", async () => {
  server.plan.push("drop-after-commit");
  const company = await create(client());
  assert.equal(server.writes.length, 1);
  assert.equal(company.id, server.writes[0].id);
  assert.equal(server.requests.length, 2);
  const [first, second] = server.requests;
  assert.match(first.key, GUID);
  assert.equal(second.key, first.key);
});

test("a write that commits and stalls times out with its key; a later call with that key gets the cached answer", async () => {
  server.plan.push("stall-after-commit");
  const err = await rejection(create(client(), "Stalled", { timeoutMs: 150 }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.match(err.idempotencyKey, GUID);
  assert.equal(err.idempotencyKey, server.requests[0].key);
  const again = await create(client(), "Stalled", { idempotencyKey: err.idempotencyKey });
  assert.equal(server.writes.length, 1);
  assert.equal(again.id, server.writes[0].id);
  assert.equal(server.requests[1].key, err.idempotencyKey);
});

test("a 409 'in progress' under the key is retried with the same key until the answer comes", async () => {
  server.plan.push("in-progress-409", "in-progress-409");
  const company = await create(client());
  assert.equal(server.writes.length, 1);
  assert.equal(company.id, server.writes[0].id);
  assert.equal(server.requests.length, 3);
  assert.equal(new Set(server.requests.map((r) => r.key)).size, 1);
});

test("an operation with a 409 of its own is not retried on it (runAdHocSync)", async () => {
  server.plan.push("in-progress-409");
  const err = await rejection(client().managedBankFeeds.runAdHocSync({ companyId: C, connectionId: C, sourceAccountId: "a" }));
  assert.ok(err instanceof sdk.ErrorMessage, String(err));
  assert.equal(err.statusCode, 409);
  assert.equal(server.requests.length, 1);
});

test("the same key with another body is the API's 422, not retried", async () => {
  const key = "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708";
  await create(client(), "First", { idempotencyKey: key });
  const err = await rejection(create(client(), "Second", { idempotencyKey: key }));
  assert.ok(err instanceof sdk.ErrorMessage, String(err));
  assert.equal(err.statusCode, 422);
  assert.equal(err.idempotencyKey, key);
  assert.equal(server.writes.length, 1);
  assert.equal(server.requests.length, 2);
});

test("under a key a gateway's 5XX is retried to success, and Codat's own cached 5XX twice at most", async () => {
  server.plan.push("gateway-503");
  await create(client());
  assert.equal(server.writes.length, 1);
  assert.equal(server.requests.length, 2);
  server.requests.length = 0;
  server.plan.push("codat-500");
  const err = await rejection(create(client(), "Broken"));
  assert.equal(err.statusCode, 500);
  assert.match(err.idempotencyKey, GUID);
  assert.equal(server.requests.length, 3, "the first attempt and two retries, all replayed");
  assert.equal(new Set(server.requests.map((r) => r.key)).size, 1);
  assert.equal(server.writes.length, 1);
});

test("a fresh key per call on POST and PATCH, none on GET, PUT and DELETE", async () => {
  const c = client();
  await create(c, "One");
  await create(c, "Two");
  await c.companies.update({ companyId: C, requestBody: { name: "Three" } });
  await c.companies.get({ companyId: C });
  await c.companies.replace({ companyId: C, requestBody: { name: "Four" } });
  await c.companies.delete({ companyId: C });
  const [one, two, patch, get, put, del] = server.requests;
  assert.match(one.key, GUID);
  assert.match(two.key, GUID);
  assert.match(patch.key, GUID);
  assert.notEqual(one.key, two.key);
  assert.deepEqual([get.method, put.method, del.method], ["GET", "PUT", "DELETE"]);
  assert.equal(get.key, undefined);
  assert.equal(put.key, undefined);
  assert.equal(del.key, undefined);
});

test("the key without crypto.randomUUID (a page over plain http) comes from getRandomValues", async () => {
  const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(globalThis.crypto), "randomUUID");
  Object.defineProperty(Object.getPrototypeOf(globalThis.crypto), "randomUUID", { value: undefined, configurable: true });
  try {
    await create(client());
  } finally {
    Object.defineProperty(Object.getPrototypeOf(globalThis.crypto), "randomUUID", original);
  }
  assert.match(server.requests[0].key, GUID);
});

test("options.idempotencyKey must be a GUID; nothing is sent otherwise", async () => {
  for (const idempotencyKey of ["retry-1", "", 42, "3f1a2b4c5d6e4f8091a2b3c4d5e6f708"]) {
    const err = await rejection(create(client(), "x", { idempotencyKey }));
    assert.ok(err instanceof sdk.InvalidRequestError, String(err));
    assert.equal(err.field, "options.idempotencyKey");
  }
  assert.equal(server.requests.length, 0);
});

test("idempotencyKeys: false sends no key, unless the call gives one", async () => {
  const c = client({ idempotencyKeys: false });
  await create(c);
  const key = "0b7e4c2a-9d1f-4e36-8a5b-6c7d8e9f0a1b";
  await create(c, "Mine", { idempotencyKey: key });
  assert.equal(server.requests[0].key, undefined);
  assert.equal(server.requests[1].key, key);
  assert.throws(
    () => client({ idempotencyKeys: "no" }),
    (e) => e.field === "idempotencyKeys",
  );
});

test("the rate-limit headers: sdk.rateLimit and every error's rateLimit", async () => {
  const c = client();
  assert.equal(c.rateLimit, undefined);
  await c.companies.get({ companyId: C });
  const seen = c.rateLimit;
  assert.equal(seen.limit, 1000);
  assert.equal(typeof seen.remaining, "number");
  assert.equal(seen.reset, "2026-12-02T00:00:00Z");
  assert.ok(seen.resetAt instanceof Date);
  assert.equal(seen.resetAt.toISOString(), "2026-12-02T00:00:00.000Z");
  server.plan.push("in-progress-409", "in-progress-409", "in-progress-409", "in-progress-409");
  const err = await rejection(c.companies.create({ name: "x" }, { retries: { strategy: "none" } }));
  assert.equal(err.rateLimit.limit, 1000);
  assert.equal(err.rateLimit.remaining, c.rateLimit.remaining);
});

test("debug lines show the requests remaining", async () => {
  const lines = [];
  await client({ debugLogger: { debug: (l) => lines.push(l) } }).companies.get({ companyId: C });
  assert.match(lines[0], /requests remaining\)$/);
});

const mock = useMockServer();

test("a 429 asking for longer than the policy waits is RateLimitError after one request", async () => {
  mock.server.reply({
    status: 429,
    headers: { "retry-after": "3600", "x-rate-limit-remaining": "0" },
    json: { statusCode: 429, service: "PublicApi", error: "Rate limit exceeded", correlationId: "x", canBeRetried: "Unknown", detailedErrorCode: 0 },
  });
  const c = mock.client();
  const err = await rejection(c.companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.RateLimitError, String(err));
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.equal(err.retryAfterMs, 3_600_000);
  assert.equal(err.rateLimit.remaining, 0);
  assert.equal(err.data.error, "Rate limit exceeded");
  assert.equal(mock.server.requests.length, 1);
});

test("at most 10 requests in flight for one company; the others wait their turn", async () => {
  const slow = await startWriteServer({ holdMs: 50 });
  try {
    const c = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: slow.url });
    await Promise.all(Array.from({ length: 40 }, () => c.companies.get({ companyId: C })));
    assert.equal(slow.maxInFlight, 10);
    assert.equal(slow.requests.length, 40);
  } finally {
    await slow.close();
  }
});

test("40 companies are not held to 10, and maxConcurrentPerCompany changes the limit", async () => {
  for (const [ids, options, expected] of [
    [Array.from({ length: 40 }, (_, i) => `company-${i}`), {}, 40],
    [Array.from({ length: 40 }, () => C), { maxConcurrentPerCompany: 3 }, 3],
    [Array.from({ length: 40 }, () => C), { maxConcurrentPerCompany: Number.POSITIVE_INFINITY }, 40],
  ]) {
    // Each answer is held long enough for all 40 requests to be in flight even on a loaded machine.
    const slow = await startWriteServer({ holdMs: 400 });
    try {
      const c = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: slow.url, ...options });
      await Promise.all(ids.map((companyId) => c.companies.get({ companyId })));
      assert.equal(slow.maxInFlight, expected, JSON.stringify(options));
    } finally {
      await slow.close();
    }
  }
  assert.throws(
    () => client({ maxConcurrentPerCompany: 0 }),
    (e) => e.field === "maxConcurrentPerCompany",
  );
});

test("a call waiting for a slot still honours its timeoutMs and signal, sending nothing", async () => {
  const slow = await startWriteServer({ holdMs: 200 });
  try {
    const c = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: slow.url, maxConcurrentPerCompany: 1 });
    const first = c.companies.get({ companyId: C });
    const timedOut = await rejection(c.companies.get({ companyId: C }, { timeoutMs: 30 }));
    assert.ok(timedOut instanceof sdk.RequestTimeoutError, String(timedOut));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await rejection(c.companies.get({ companyId: C }, { signal: controller.signal }));
    assert.ok(aborted instanceof sdk.RequestAbortedError, String(aborted));
    await first;
    assert.equal(slow.requests.length, 1);
    await c.companies.get({ companyId: C });
    assert.equal(slow.requests.length, 2, "the slot is free again");
  } finally {
    await slow.close();
  }
});

test("write load: hundreds of creates at concurrency 64 under 30% seeded faults write nothing twice", async () => {
  // Seeded: the same faults every run.
  let seed = 0x5eed;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const faults = ["drop-after-commit", "gateway-503", "in-progress-409", "429", "reset-before", "codat-500"];
  server.otherwise(() => (random() < 0.3 ? faults[Math.floor(random() * faults.length)] : "ok"));
  const c = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: server.url, retryConfig: FAST, maxConcurrentPerCompany: Number.POSITIVE_INFINITY });
  const names = Array.from({ length: 300 }, (_, i) => `Load ${i}`);
  const outcomes = new Array(names.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < names.length) {
        const i = next++;
        outcomes[i] = await c.companies.create({ name: names[i] }).then(
          (company) => ({ ok: true, company }),
          (error) => ({ ok: false, error }),
        );
      }
    }),
  );
  server.otherwise(() => "ok");
  const written = new Map();
  for (const w of server.writes) {
    const name = JSON.parse(w.body).name;
    written.set(name, (written.get(name) ?? 0) + 1);
  }
  const twice = [...written].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], "no name written twice");
  const tally = { calls: names.length, succeeded: 0, failed: {}, writes: server.writes.length, attempts: server.requests.length };
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.ok) {
      tally.succeeded++;
      assert.equal(written.get(names[i]), 1, `${names[i]} succeeded and was written once`);
      assert.equal(outcome.company.name, names[i]);
    } else {
      const kind = `${outcome.error.name} ${outcome.error.statusCode ?? ""}`.trim();
      tally.failed[kind] = (tally.failed[kind] ?? 0) + 1;
      assert.match(outcome.error.idempotencyKey, GUID, "every failed write names its key");
    }
  }
  assert.equal(tally.succeeded + Object.values(tally.failed).reduce((a, b) => a + b, 0), names.length, "every call accounted for");
  console.log(`write load tally: ${JSON.stringify(tally)}`);
});
