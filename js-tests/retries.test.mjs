// The retry policy, Retry-After, the call timeout, abort, and the token function.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company, notFound, unavailable } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const ID = company.id;
const get = (client, options) => client.companies.get({ companyId: ID }, options);

test("408, 429 and 5XX are retried until success", async () => {
  ctx.server.reply(
    { status: 503, json: unavailable },
    { status: 408, body: "" },
    { status: 429, json: unavailable },
    { status: 500, body: "oops" },
    { json: company },
  );
  assert.deepEqual(await get(ctx.client()), company);
  assert.equal(ctx.server.requests.length, 5);
  for (const req of ctx.server.requests) assert.equal(req.rawPath, `/companies/${ID}`);
});

test("retries stop at maxElapsedTime and the last error is thrown", async () => {
  ctx.server.otherwise({ status: 503, json: unavailable });
  const retryConfig = { strategy: "backoff", backoff: { initialInterval: 20, maxInterval: 20, exponent: 1, maxElapsedTime: 100 } };
  const err = await rejection(get(ctx.client({ retryConfig })));
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.equal(err.statusCode, 503);
  // Waits of 15–25 ms within 100 ms: at most 8 attempts, and more than one (it did retry). How
  // many fit depends on how long each attempt takes on a loaded machine; the budget's arithmetic
  // is decide()'s, tested on the host with the clock given (src/retry/mod.rs).
  const n = ctx.server.requests.length;
  assert.ok(n >= 2 && n <= 8, `attempts: ${n}`);
});

test("strategy none sends exactly one request, globally or per call", async () => {
  ctx.server.otherwise({ status: 503, json: unavailable });
  const err = await rejection(get(ctx.client(), { retries: { strategy: "none" } }));
  assert.equal(err.statusCode, 503);
  assert.equal(ctx.server.requests.length, 1);
  await rejection(get(ctx.client({ retryConfig: { strategy: "none" } })));
  assert.equal(ctx.server.requests.length, 2);
});

test("connection errors are retried, and can be excluded", async () => {
  ctx.server.reply({ destroy: true }, { destroy: true }, { json: company });
  assert.deepEqual(await get(ctx.client()), company);
  assert.equal(ctx.server.requests.length, 3);

  ctx.server.reset();
  ctx.server.reply({ destroy: true }, { json: company });
  const retries = { strategy: "backoff", backoff: { initialInterval: 5 }, retryConnectionErrors: false };
  const err = await rejection(get(ctx.client(), { retries }));
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.equal(err.statusCode, undefined);
  assert.equal(ctx.server.requests.length, 1);
});

test("Retry-After in seconds overrides the backoff", async () => {
  // A 10 s backoff would outlast the 3 s timeout; Retry-After: 0 retries at once.
  ctx.server.reply({ status: 429, json: unavailable, headers: { "retry-after": "0" } }, { json: company });
  const retryConfig = { strategy: "backoff", backoff: { initialInterval: 10_000, maxInterval: 10_000 } };
  assert.deepEqual(await get(ctx.client({ retryConfig, timeoutMs: 3000 })), company);
  assert.equal(ctx.server.requests.length, 2);
});

test("Retry-After as an HTTP date is honoured", async () => {
  const past = new Date(Date.now() - 60_000).toUTCString();
  ctx.server.reply({ status: 503, json: unavailable, headers: { "retry-after": past } }, { json: company });
  const retryConfig = { strategy: "backoff", backoff: { initialInterval: 10_000, maxInterval: 10_000 } };
  assert.deepEqual(await get(ctx.client({ retryConfig, timeoutMs: 3000 })), company);

  // A date 30 s ahead means waiting past a 300 ms timeout.
  const future = new Date(Date.now() + 30_000).toUTCString();
  ctx.server.reply({ status: 503, json: unavailable, headers: { "retry-after": future } }, { json: company });
  const err = await rejection(get(ctx.client({ retryConfig: { strategy: "backoff", backoff: { initialInterval: 1 } }, timeoutMs: 300 })));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.equal(ctx.server.requests.length, 3);
});

test("timeoutMs bounds the whole call: a stalled response ends in RequestTimeoutError", async () => {
  ctx.server.reply({ delayMs: 2000, json: company });
  const started = Date.now();
  const err = await rejection(get(ctx.client({ timeoutMs: 150 })));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.ok(Date.now() - started < 1500);
  assert.equal(ctx.server.requests.length, 1);
});

test("timeoutMs bounds attempts and waits together, and is not reset per attempt", async () => {
  ctx.server.otherwise({ status: 503, json: unavailable });
  const retries = { strategy: "backoff", backoff: { initialInterval: 40, maxInterval: 40, exponent: 1 } };
  const started = Date.now();
  const err = await rejection(get(ctx.client(), { retries, timeoutMs: 300 }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.ok(Date.now() - started < 1500);
  assert.ok(ctx.server.requests.length >= 3, `attempts: ${ctx.server.requests.length}`);
});

test("aborting during a retry wait rejects at once with RequestAbortedError", async () => {
  ctx.server.otherwise({ status: 503, json: unavailable });
  const controller = new AbortController();
  const retries = { strategy: "backoff", backoff: { initialInterval: 60_000, maxInterval: 60_000 } };
  const pending = get(ctx.client(), { retries, signal: controller.signal });
  while (ctx.server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  const started = Date.now();
  setTimeout(() => controller.abort(new Error("user left")), 20);
  const err = await rejection(pending);
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(err.cause.message, "user left");
  assert.ok(Date.now() - started < 1000);
  assert.equal(ctx.server.requests.length, 1);
});

test("an already-aborted signal sends nothing; aborting in flight cancels the request", async () => {
  const err = await rejection(get(ctx.client(), { signal: AbortSignal.abort() }));
  assert.ok(err instanceof sdk.RequestAbortedError);
  assert.equal(ctx.server.requests.length, 0);

  ctx.server.reply({ delayMs: 2000, json: company });
  const controller = new AbortController();
  const pending = get(ctx.client(), { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.ok((await rejection(pending)) instanceof sdk.RequestAbortedError);
});

test("the token function is called before every attempt", async () => {
  let n = 0;
  const authHeader = async () => `Bearer token-${n++}`;
  ctx.server.reply({ status: 503, json: unavailable }, { status: 502, body: "" }, { json: company });
  await get(ctx.client({ authHeader }));
  assert.deepEqual(
    ctx.server.requests.map((r) => r.headers.authorization),
    ["Bearer token-0", "Bearer token-1", "Bearer token-2"],
  );
});

test("after a 401 the token function is asked once more; a second 401 is thrown", async () => {
  let n = 0;
  const authHeader = () => `Bearer token-${n++}`;
  ctx.server.reply({ status: 401, json: { ...notFound, statusCode: 401 } }, { json: company });
  assert.deepEqual(await get(ctx.client({ authHeader })), company);
  assert.deepEqual(
    ctx.server.requests.map((r) => r.headers.authorization),
    ["Bearer token-0", "Bearer token-1"],
  );

  ctx.server.reset();
  ctx.server.reply({ status: 401, json: { ...notFound, statusCode: 401 } }, { status: 401, json: { ...notFound, statusCode: 401 } });
  const err = await rejection(get(ctx.client({ authHeader })));
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.equal(err.statusCode, 401);
  assert.equal(ctx.server.requests.length, 2);

  // A static header is never re-sent after a 401.
  ctx.server.reset();
  ctx.server.reply({ status: 401, json: { ...notFound, statusCode: 401 } });
  await rejection(get(ctx.client()));
  assert.equal(ctx.server.requests.length, 1);
});

test("a token function that throws or returns a non-string fails the call with a typed error", async () => {
  const thrown = await rejection(
    get(
      ctx.client({
        authHeader: async () => {
          throw new Error("vault down");
        },
      }),
    ),
  );
  assert.ok(thrown instanceof sdk.CodatBankFeedsError);
  assert.equal(thrown.cause.message, "vault down");
  const rejectedWithString = await rejection(get(ctx.client({ authHeader: () => Promise.reject("nope") })));
  assert.ok(rejectedWithString instanceof sdk.CodatBankFeedsError);
  const wrong = await rejection(get(ctx.client({ authHeader: async () => 42 })));
  assert.ok(wrong instanceof sdk.InvalidRequestError);
  assert.equal(wrong.field, "authHeader");
  assert.equal(ctx.server.requests.length, 0);
});

test("a fetch that rejects with a non-Error becomes ConnectionError", async () => {
  const client = ctx.client({ fetch: () => Promise.reject("socket hang up"), retryConfig: { strategy: "none" } });
  const err = await rejection(get(client));
  assert.ok(err instanceof sdk.ConnectionError);
  assert.match(err.message, /socket hang up/);
});
