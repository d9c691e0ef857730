// Beyond the incumbent: paging iterators, hooks and logging, waiting for push operations and
// syncs, verified webhooks.

import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import { company, notFound, unavailable } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;

const pageOf = (n, total, size, hasNext) => ({
  results: Array.from({ length: n }, (_, i) => ({ ...company, id: `c-${i}` })),
  pageNumber: 0, // set by the responder
  pageSize: size,
  totalResults: total,
  _links: { self: { href: "/companies" }, current: { href: "/companies" }, ...(hasNext ? { next: { href: "/companies?page=next" } } : {}) },
});
/** Serves `total` companies in pages of `size`, numbered from the request's page. */
function servePages(total, size, { failOn } = {}) {
  ctx.server.otherwise((req) => {
    const page = Number(req.query.page);
    if (page === failOn) return { status: 404, json: notFound };
    const start = (page - 1) * size;
    const n = Math.max(0, Math.min(size, total - start));
    const body = pageOf(n, total, size, start + n < total);
    body.pageNumber = page;
    body.results = body.results.map((c, i) => ({ ...c, id: `c-${start + i}` }));
    return { json: body };
  });
}
const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
};

test("listAll: no items means one request and nothing yielded", async () => {
  servePages(0, 100);
  assert.deepEqual(await collect(ctx.client().companies.listAll()), []);
  assert.equal(ctx.server.requests.length, 1);
});

test("listAll: exactly one full page is one request", async () => {
  servePages(3, 3);
  const ids = (await collect(ctx.client().companies.listAll({ pageSize: 3 }))).map((c) => c.id);
  assert.deepEqual(ids, ["c-0", "c-1", "c-2"]);
  assert.equal(ctx.server.requests.length, 1);
  assert.equal(ctx.server.requests[0].search, "?page=1&pageSize=3");
});

test("listAll: pages on demand to a partial last page, query kept", async () => {
  servePages(5, 2);
  const ids = (await collect(ctx.client().companies.listAll({ pageSize: 2, query: "name=x" }))).map((c) => c.id);
  assert.deepEqual(ids, ["c-0", "c-1", "c-2", "c-3", "c-4"]);
  assert.deepEqual(
    ctx.server.requests.map((r) => r.search),
    ["?page=1&pageSize=2&query=name%3Dx", "?page=2&pageSize=2&query=name%3Dx", "?page=3&pageSize=2&query=name%3Dx"],
  );
});

test("listAll: an error on page 3 is thrown after the items already yielded", async () => {
  servePages(10, 2, { failOn: 3 });
  const seen = [];
  const err = await rejection(
    (async () => {
      for await (const c of ctx.client().companies.listAll({ pageSize: 2 })) seen.push(c.id);
    })(),
  );
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.deepEqual(seen, ["c-0", "c-1", "c-2", "c-3"]);
});

test("listAll: a break sends no further request; listPages yields whole pages", async () => {
  servePages(10, 2);
  for await (const c of ctx.client().companies.listAll({ pageSize: 2 })) {
    assert.equal(c.id, "c-0");
    break;
  }
  assert.equal(ctx.server.requests.length, 1);
  ctx.server.reset();
  servePages(3, 2);
  const pages = await collect(ctx.client().companies.listPages({ pageSize: 2 }));
  assert.deepEqual(
    pages.map((p) => [p.pageNumber, p.results.length]),
    [
      [1, 2],
      [2, 1],
    ],
  );
});

test("listAll: pages are retried by the policy, and the signal stops paging", async () => {
  let n = 0;
  servePages(4, 2);
  const inner = ctx.server.requests;
  ctx.server.reply({ status: 503, json: unavailable });
  assert.equal((await collect(ctx.client().companies.listAll({ pageSize: 2 }))).length, 4);
  assert.equal(inner.length, 3);
  const controller = new AbortController();
  const err = await rejection(
    (async () => {
      for await (const _ of ctx.client().companies.listAll({ pageSize: 2 }, { signal: controller.signal })) {
        n++;
        controller.abort();
      }
    })(),
  );
  assert.ok(err instanceof sdk.RequestAbortedError);
  assert.equal(n, 2);
});

test("hooks run once per attempt in order; beforeRequest and afterSuccess can change things", async () => {
  const calls = [];
  const hooks = {
    beforeRequest: async (req) => {
      calls.push(["beforeRequest", req.method, req.url.endsWith(`/companies/${C}`), req.headers.Authorization === API_KEY]);
      return { ...req, headers: { ...req.headers, "x-trace-id": "t-1" } };
    },
    afterSuccess: (res) => {
      calls.push(["afterSuccess", res.status]);
      return { ...res, body: JSON.stringify({ ...JSON.parse(res.body), name: "Changed" }) };
    },
    afterError: (failure) => calls.push(["afterError", failure.status]),
  };
  ctx.server.reply({ status: 503, json: unavailable }, { json: company });
  const result = await ctx.client({ hooks }).companies.get({ companyId: C });
  assert.equal(result.name, "Changed");
  assert.deepEqual(calls, [
    ["beforeRequest", "GET", true, true],
    ["afterError", 503],
    ["beforeRequest", "GET", true, true],
    ["afterSuccess", 200],
  ]);
  assert.ok(ctx.server.requests.every((r) => r.headers["x-trace-id"] === "t-1"));
});

test("a hook that throws fails the call with HookError naming it, without retrying", async () => {
  ctx.server.otherwise({ json: company });
  for (const hook of ["beforeRequest", "afterSuccess"]) {
    const err = await rejection(
      ctx
        .client({
          hooks: {
            [hook]: () => {
              throw new Error("boom");
            },
          },
        })
        .companies.get({ companyId: C }),
    );
    assert.ok(err instanceof sdk.HookError && err instanceof sdk.CodatBankFeedsError, String(err));
    assert.equal(err.hook, hook);
    assert.equal(err.cause.message, "boom");
  }
  ctx.server.reply({ status: 503, json: unavailable });
  const err = await rejection(ctx.client({ hooks: { afterError: async () => Promise.reject("nope") } }).companies.get({ companyId: C }));
  assert.equal(err.hook, "afterError");
  assert.throws(
    () => ctx.client({ hooks: { beforeRequest: 1 } }),
    (e) => e.field === "hooks",
  );
  assert.throws(
    () => ctx.client({ hooks: { before: () => {} } }),
    (e) => e.field === "hooks",
  );
});

test("debugLogger: one line per attempt, bodies only when verbose, Authorization never", async () => {
  const secret = "Basic TOP-SECRET-LOGGED-0xBEEF";
  for (const debugLevel of ["basic", "verbose"]) {
    ctx.server.reset();
    const lines = [];
    ctx.server.reply({ status: 503, json: unavailable }, { json: company });
    await ctx
      .client({ authHeader: secret, debugLogger: { debug: (l) => lines.push(l) }, debugLevel })
      .companies.update({ companyId: C, requestBody: { name: "Logged" } });
    const attempts = lines.filter((l) => l.startsWith("codat-bank-feeds:"));
    assert.equal(attempts.length, 2);
    assert.match(
      attempts[0],
      new RegExp(`companies.update PATCH ${ctx.server.url}/companies/${C} -> HTTP 503 \\(attempt 1, retrying in \\d+ ms, \\d+ ms elapsed\\)`),
    );
    assert.match(attempts[1], /-> HTTP 200 \(attempt 2, final, \d+ ms elapsed\)/);
    assert.equal(
      lines.some((l) => l.includes('"name":"Logged"')),
      debugLevel === "verbose",
    );
    assert.ok(
      lines.every((l) => !l.includes("TOP-SECRET")),
      lines.join("\n"),
    );
    if (debugLevel === "verbose") {
      // The headers as sent, in order, the key the same on both attempts.
      const shown = lines.filter((l) => l.startsWith("  request headers: "));
      assert.equal(shown.length, 2);
      const key = ctx.server.requests[0].headers["idempotency-key"];
      assert.equal(
        shown[0],
        `  request headers: Authorization: [redacted], Accept: application/json, Content-Type: application/json, User-Agent: codat-bank-feeds-wasm/0.1.0, Idempotency-Key: ${key}`,
      );
      assert.equal(shown[1], shown[0]);
    }
  }
});

const op = (status) => ({ companyId: C, pushOperationKey: "k-1", dataConnectionKey: C, requestedOnUtc: "2024-01-01T00:00:00Z", status, statusCode: 200 });

test("waitForOperation polls with growing waits to the final status", async () => {
  ctx.server.reply({ json: op("Pending") }, { json: op("Pending") }, { json: op("Success") });
  const started = Date.now();
  const result = await ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 20 });
  assert.equal(result.status, "Success");
  assert.equal(ctx.server.requests.length, 3);
  assert.ok(Date.now() - started >= 20 + 30 - 5, "waits of 20 then 30 ms");
  assert.ok(ctx.server.requests.every((r) => r.rawPath === `/companies/${C}/push/k-1`));
  ctx.server.reply({ json: op("TimedOut") });
  assert.equal((await ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" })).status, "TimedOut");
});

test("waitForOperation times out or aborts with typed errors", async () => {
  ctx.server.otherwise({ json: op("Pending") });
  const timeout = await rejection(ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 10, timeoutMs: 80 }));
  assert.ok(timeout instanceof sdk.RequestTimeoutError, String(timeout));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30);
  const aborted = await rejection(
    ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 10_000, signal: controller.signal }),
  );
  assert.ok(aborted instanceof sdk.RequestAbortedError);
  const bad = await rejection(ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: -1 }));
  assert.ok(bad instanceof sdk.InvalidRequestError);
});

test("waitForSync polls getSync until the sync is no longer Started", async () => {
  const sync = (status) => ({
    syncId: "s-1",
    clientId: "c",
    companyId: C,
    companyName: "T",
    dataConnectionId: C,
    sourceAccountId: "a",
    periodStartUtc: "x",
    periodEndUtc: "y",
    executionStartUtc: "z",
    status,
  });
  ctx.server.reply({ json: sync("Started") }, { json: sync("SuccessDataPushed") });
  const ids = { companyId: C, connectionId: C, sourceAccountId: "a", syncId: "s-1" };
  assert.equal((await ctx.client().managedBankFeeds.waitForSync(ids, { intervalMs: 5 })).status, "SuccessDataPushed");
  assert.equal(ctx.server.requests.length, 2);
});

// Signatures computed independently with Node's crypto, as Svix documents them.
const key = randomBytes(24);
const SECRET = `whsec_${key.toString("base64")}`;
const sign = (id, ts, body, k = key) => `v1,${createHmac("sha256", k).update(`${id}.${ts}.${body}`).digest("base64")}`;
const event = JSON.stringify({
  id: "743ec94a-8aa4-44bb-8bd4-e1855ee0e74b",
  eventType: "bankFeeds.sourceAccount.connected",
  generatedDate: "2024-09-01T00:00:00Z",
  payload: { companyId: C, connectionId: C, sourceAccount: { id: "acc-1" } },
});

test("verifyWebhook returns the event for a valid signature, including during rotation", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sign("msg_1", ts, event) };
  const verified = await sdk.verifyWebhook(event, headers, SECRET);
  assert.equal(verified.eventType, "bankFeeds.sourceAccount.connected");
  const rotated = { ...headers, "svix-signature": `${sign("msg_1", ts, event, randomBytes(24))} ${sign("msg_1", ts, event)}` };
  assert.deepEqual(await sdk.verifyWebhook(new TextEncoder().encode(event), new Headers(rotated), SECRET), verified);
});

test("verifyWebhook refuses a tampered body, a stale timestamp, a wrong secret, missing headers", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sign("msg_1", ts, event) };
  const stale = String(Math.floor(Date.now() / 1000) - 600);
  const cases = [
    [event.replace("connected", "disconnected"), headers, SECRET, /no signature matches/],
    [event, { ...headers, "svix-timestamp": stale, "svix-signature": sign("msg_1", stale, event) }, SECRET, /tolerance/],
    [event, headers, `whsec_${randomBytes(24).toString("base64")}`, /no signature matches/],
    [event, { "svix-id": "msg_1" }, SECRET, /missing/],
    [event, { ...headers, "svix-id": "msg_2" }, SECRET, /no signature matches/],
  ];
  for (const [body, h, secret, reason] of cases) {
    const err = await rejection(sdk.verifyWebhook(body, h, secret));
    assert.ok(err instanceof sdk.WebhookVerificationError, String(err));
    assert.match(err.message, reason);
    assert.ok(!err.message.includes(secret.slice(6)));
  }
  // A wider tolerance accepts the stale delivery.
  const old = { ...headers, "svix-timestamp": stale, "svix-signature": sign("msg_1", stale, event) };
  assert.ok(await sdk.verifyWebhook(event, old, SECRET, { toleranceSeconds: 900 }));
});

test("calls in flight together each settle with their own result, in any order, and a hook may start a call", async () => {
  // Answers come back in the reverse order of the requests: each call must still get its own.
  ctx.server.otherwise((req) => {
    const id = req.rawPath.split("/")[2];
    const n = Number(id.slice(2));
    return id === "bad" ? { status: 404, json: notFound } : { delayMs: 60 - n, json: { ...company, id } };
  });
  const client = ctx.client();
  const ids = Array.from({ length: 40 }, (_, i) => `c-${i}`);
  const results = await Promise.allSettled([...ids, "bad"].map((companyId) => client.companies.get({ companyId })));
  assert.deepEqual(
    results.slice(0, -1).map((r) => r.value.id),
    ids,
  );
  assert.ok(results.at(-1).reason instanceof sdk.ErrorMessage);
  assert.equal(results.at(-1).reason.statusCode, 404);

  // A call started from inside another call's hook, synchronously, before that call's fetch.
  let inner;
  const hooked = ctx.client({
    hooks: {
      beforeRequest: (request) => {
        if (request.url.endsWith("/c-1")) inner = hooked.companies.get({ companyId: "c-2" });
        return request;
      },
    },
  });
  const outer = await hooked.companies.get({ companyId: "c-1" });
  assert.equal(outer.id, "c-1");
  assert.equal((await inner).id, "c-2");
  // Bad input settles at once, rejected, while other calls are in flight.
  const pending = client.companies.get({ companyId: "c-3" });
  const bad = await rejection(client.companies.get({}));
  assert.ok(bad instanceof sdk.InvalidRequestError);
  assert.equal((await pending).id, "c-3");
});
