// companyAccessToken: a company access token as the client's `authHeader`, fetched once and
// shared until shortly before it expires, refreshed once for every call a 401 refused; and a
// write refused by a 401 retried under a fresh Idempotency-Key. Against the testing kit's fake.

import assert from "node:assert/strict";
import { test } from "node:test";
import { createFakeCodat } from "../fake/index.mjs";
import { companyAccessToken as fromModule } from "../js/token.js";
import { rejection, sdk } from "./support/helpers.mjs";

const { companyAccessToken } = sdk;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The fake, a company in it, and a token function that counts what it fetches. */
async function setup(fakeOptions = {}) {
  const fake = createFakeCodat(fakeOptions);
  const admin = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
  const { id: companyId } = await admin.companies.create({ name: "Token Co" });
  const { id: connectionId } = await admin.connections.create({ companyId, requestBody: { platformKey: "gbol" } });
  const fetched = [];
  const fetchToken = async () => {
    const token = await admin.companies.getAccessToken({ companyId });
    fetched.push(token.accessToken);
    return token;
  };
  const client = (options = {}) =>
    new sdk.CodatBankFeeds({ authHeader: companyAccessToken(fetchToken), fetch: fake.fetch, retryConfig: { strategy: "none" }, ...options });
  return { fake, admin, companyId, connectionId, fetched, fetchToken, client };
}

const statuses = (fake, operation) => fake.requests.filter((r) => r.operation === operation).map((r) => r.status);

test("the helper is plain JS, exported from the package root and from its own module", async () => {
  assert.equal(typeof fromModule, "function");
  assert.equal(companyAccessToken, (await import("../pkg/token.js")).companyAccessToken);
});

test("one token for many calls; 50 concurrent calls after it expired cause one token request", async () => {
  const { fake, companyId, fetched, client } = await setup({ tokenExpiresIn: 1 });
  const sdkClient = client();
  await sdkClient.companies.get({ companyId });
  await sdkClient.companies.get({ companyId });
  assert.equal(fetched.length, 1);
  // Lifetime 1 s: kept until 10% of it (100 ms) before it expires.
  await sleep(950);
  fake.requests.length = 0;
  const results = await Promise.all(Array.from({ length: 50 }, () => sdkClient.companies.get({ companyId })));
  assert.equal(results.length, 50);
  assert.equal(fetched.length, 2);
  assert.deepEqual(new Set(statuses(fake, "companies.get")), new Set([200]), "no call sent the expired token");
});

test("50 concurrent calls each refused with a 401 cause one refresh, and all succeed", async () => {
  const { fake, companyId, fetched, client } = await setup({ tokenExpiresIn: 3600 });
  const sdkClient = client();
  await sdkClient.companies.get({ companyId });
  assert.equal(fetched.length, 1);
  // The server drops the token while the helper still holds it (revoked, or clocks apart).
  fake.clock.advance(3600_001);
  fake.requests.length = 0;
  await Promise.all(Array.from({ length: 50 }, () => sdkClient.companies.get({ companyId })));
  assert.equal(fetched.length, 2);
  const answered = statuses(fake, "companies.get");
  assert.equal(answered.filter((s) => s === 401).length, 50);
  assert.equal(answered.filter((s) => s === 200).length, 50);
});

test("a 401 for a token already replaced shares the new one instead of refreshing again", async () => {
  const { fake, companyId, fetched, fetchToken } = await setup({ tokenExpiresIn: 3600 });
  // The second call's 401 arrives only after the first call's refresh is done.
  let slow = 0;
  const fetch = async (url, init) => {
    const response = await fake.fetch(url, init);
    if (response.status === 401 && slow++ === 1) await sleep(100);
    return response;
  };
  const sdkClient = new sdk.CodatBankFeeds({ authHeader: companyAccessToken(fetchToken), fetch, retryConfig: { strategy: "none" } });
  await sdkClient.companies.get({ companyId });
  fake.clock.advance(3600_001);
  await Promise.all([sdkClient.companies.get({ companyId }), sdkClient.companies.get({ companyId })]);
  assert.equal(fetched.length, 2);
});

test("the token is never in an error, a log line or the helper's text", async () => {
  const { companyId, fetched, fetchToken, fake } = await setup();
  const lines = [];
  const authHeader = companyAccessToken(fetchToken);
  const sdkClient = new sdk.CodatBankFeeds({
    authHeader,
    fetch: fake.fetch,
    debugLogger: { debug: (line) => lines.push(line) },
    debugLevel: "verbose",
  });
  await sdkClient.companies.get({ companyId });
  const err = await rejection(sdkClient.companies.get({ companyId: "00000000-0000-0000-0000-000000000000" }));
  const token = fetched[0];
  assert.ok(token.length > 8);
  for (const text of [...lines, String(err), err.stack, JSON.stringify(err), String(authHeader), JSON.stringify(authHeader), Object.keys(authHeader).join()]) {
    assert.ok(!String(text).includes(token), text);
  }
  assert.equal(await authHeader(), `Bearer ${token}`);
});

test("a token that cannot be had fails the call with AuthProviderError, and the next call asks again", async () => {
  let fail = true;
  const fake = createFakeCodat();
  const admin = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
  const { id: companyId } = await admin.companies.create({ name: "Down Co" });
  const cause = new Error("token endpoint: HTTP 503");
  const authHeader = companyAccessToken(async () => {
    if (fail) throw cause;
    return admin.companies.getAccessToken({ companyId });
  });
  const sdkClient = new sdk.CodatBankFeeds({ authHeader, fetch: fake.fetch });
  const err = await rejection(sdkClient.companies.get({ companyId }));
  assert.ok(err instanceof sdk.AuthProviderError, String(err));
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.equal(err.cause, cause);
  assert.match(err.message, /^companies\.get: the authHeader function failed/);
  fail = false;
  assert.equal((await sdkClient.companies.get({ companyId })).id, companyId);
});

test("what the token function resolves to is checked, without echoing it", async () => {
  const secret = "s3cr3t-t0k3n-value";
  for (const given of [undefined, "Bearer x", { token: secret }, { accessToken: secret, expiresIn: "soon" }, { accessToken: "", expiresIn: 60 }]) {
    const sdkClient = new sdk.CodatBankFeeds({ authHeader: companyAccessToken(async () => given), fetch: async () => new Response("{}") });
    const err = await rejection(sdkClient.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" }));
    assert.ok(err instanceof sdk.AuthProviderError, String(err));
    assert.ok(err.cause instanceof TypeError, String(err.cause));
    assert.match(err.cause.message, /\{ accessToken, expiresIn/);
    assert.ok(!`${err.message} ${err.cause.message}`.includes(secret));
  }
  assert.throws(() => companyAccessToken("Bearer x"), TypeError);
});

test("a write refused by a 401 is retried under a new Idempotency-Key after the refresh, and lands once", async () => {
  const { fake, companyId, connectionId, fetched, client } = await setup({ tokenExpiresIn: 3600 });
  const sdkClient = client();
  await sdkClient.companies.get({ companyId });
  fake.clock.advance(3600_001);
  fake.requests.length = 0;
  const created = await sdkClient.sourceAccounts.create({
    companyId,
    connectionId,
    requestBody: { id: "acc-401", accountName: "Float", accountType: "checking", accountNumber: "12345670", sortCode: "401162", currency: "GBP", balance: 1 },
  });
  assert.equal(created.id, "acc-401");
  assert.equal(fetched.length, 2);
  const attempts = fake.requests.filter((r) => r.operation === "sourceAccounts.create");
  assert.deepEqual(
    attempts.map((r) => r.status),
    [401, 200],
  );
  const [first, second] = attempts.map((r) => r.headers["idempotency-key"]);
  assert.ok(first && second);
  assert.notEqual(second, first, "a 401 wrote nothing: the retry has a key of its own");
  assert.equal(fake.writes.filter((w) => w.operation === "sourceAccounts.create").length, 1);
});

test("after a 401, the caller's own idempotencyKey is kept; the error carries the last attempt's key", async () => {
  const keys = [];
  const fetch = async (_url, init) => {
    keys.push(init.headers["Idempotency-Key"]);
    return new Response(JSON.stringify({ statusCode: 401, error: "Unauthorized" }), { status: 401, headers: { "content-type": "application/json" } });
  };
  const sdkClient = new sdk.CodatBankFeeds({ authHeader: async () => "Bearer t", fetch });
  const err = await rejection(sdkClient.companies.create({ name: "Keyed" }));
  assert.equal(err.statusCode, 401);
  assert.equal(keys.length, 2);
  assert.notEqual(keys[1], keys[0]);
  assert.equal(err.idempotencyKey, keys[1]);

  keys.length = 0;
  const idempotencyKey = "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708";
  const own = await rejection(sdkClient.companies.create({ name: "Keyed" }, { idempotencyKey }));
  assert.deepEqual(keys, [idempotencyKey, idempotencyKey]);
  assert.equal(own.idempotencyKey, idempotencyKey);
});

test("a 401 after an attempt that may have written keeps the key: the refreshed retry gets the kept answer, one write", async () => {
  const fake = createFakeCodat({ faults: [{ fault: "drop", operation: "companies.create" }] });
  const values = [fake.apiKey, "Basic c3RhbGU=", fake.apiKey];
  const client = new sdk.CodatBankFeeds({ authHeader: () => values.shift() ?? fake.apiKey, fetch: fake.fetch });
  const created = await client.companies.create({ name: "Written once" });
  const sent = fake.requests.filter((r) => r.operation === "companies.create");
  assert.deepEqual(
    sent.map((r) => r.status),
    [0, 401, 200],
  );
  assert.equal(new Set(sent.map((r) => r.headers["idempotency-key"])).size, 1, "one key: the first attempt may have written");
  assert.deepEqual(fake.writes.filter((w) => w.body?.name === "Written once").length, 1);
  assert.equal(created.name, "Written once");
});
