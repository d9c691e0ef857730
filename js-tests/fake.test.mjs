// The fake Codat API (fake/) through the real client: in-process over `fake.fetch` (no socket),
// with its clock moved on instead of waited for, and the same fake served on a port.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createClock, createFakeCodat } from "../fake/index.mjs";
import { listen } from "../fake/node.mjs";
import { FAST_RETRIES, rejection, sdk } from "./support/helpers.mjs";

const account = { id: "acc-1", accountName: "Checking", accountType: "checking", accountNumber: "12345670", currency: "GBP", balance: 0 };
const transactions = [
  { id: "t-1", date: "2026-03-01T09:00:00", amount: 5, balance: 5 },
  { id: "t-2", date: "2026-03-01T10:00:00", amount: 5, balance: 10 },
];

test("in-process: the client over fake.fetch, a push Pending until the fake's clock passes its completion", async () => {
  const fake = createFakeCodat({ clock: createClock("2026-03-02T10:00:00Z"), pushCompletesAfterMs: 300 });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
  const company = await client.companies.create({ name: "In process" });
  const connection = await client.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
  const ids = { companyId: company.id, connectionId: connection.id };
  await client.sourceAccounts.create({ ...ids, requestBody: account });
  const pushed = await client.transactions.create({ ...ids, accountId: account.id, requestBody: { accountId: account.id, transactions } });
  assert.equal(pushed.status, "Pending");
  assert.equal(pushed.requestedOnUtc, "2026-03-02T10:00:00.000Z");
  const read = () => client.transactions.getCreateOperation({ companyId: company.id, pushOperationKey: pushed.pushOperationKey });
  fake.clock.advance(299);
  assert.equal((await read()).status, "Pending");
  fake.clock.advance(1);
  const done = await read();
  assert.equal(done.status, "Success");
  assert.equal(done.completedOnUtc, "2026-03-02T10:00:00.300Z");
  assert.deepEqual(
    done.changes?.map((c) => c.recordRef?.id),
    ["t-1", "t-2"],
  );
  assert.deepEqual(
    fake.requests.map((r) => `${r.method} ${r.status}`),
    ["POST 200", "POST 200", "POST 200", "POST 200", "GET 200", "GET 200"],
  );
  assert.ok(fake.requests[0].headers["idempotency-key"], "the client's key is recorded");
});

test("in-process: a write's lost answer rejects fake.fetch as a dropped connection would; the retry under its key lands once", async () => {
  const fake = createFakeCodat({ faults: [{ fault: "drop", operation: "companies.create" }] });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, retryConfig: FAST_RETRIES });
  const company = await client.companies.create({ name: "Lost once" });
  assert.equal(fake.state.companies.size, 1);
  assert.equal(fake.state.companies.get(company.id)?.data.name, "Lost once");
  const [first, second] = fake.requests;
  assert.equal(fake.requests.length, 2);
  assert.equal(first.status, 0, "the first answer was never sent");
  assert.equal(second.status, 200);
  assert.equal(second.headers["idempotency-key"], first.headers["idempotency-key"]);
  assert.deepEqual(fake.faults.pending, []);
  assert.equal(fake.writes.length, 1, "one write committed");
  fake.reset();
  assert.deepEqual([fake.state.companies.size, fake.requests.length, fake.writes.length], [0, 0, 0]);
});

test("listen: the same fake on a port shares its state with fake.fetch", async () => {
  const fake = createFakeCodat();
  const server = await listen(fake);
  try {
    const overSocket = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, serverURL: server.url });
    const company = await overSocket.companies.create({ name: "Over a socket" });
    assert.equal(overSocket.rateLimit?.limit, 1000);
    const inProcess = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
    assert.equal((await inProcess.companies.get({ companyId: company.id })).name, "Over a socket");
  } finally {
    await server.close();
  }
});

const json = (fake, path, { method = "GET", body, headers = {} } = {}) =>
  fake.fetch(`https://api.codat.io${path}`, {
    method,
    headers: { authorization: fake.apiKey, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test("idempotency: a 401 is not kept, so the same write under its key runs once auth is right; a 500 from the API is kept", async () => {
  const fake = createFakeCodat();
  const key = "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708";
  const write = (authorization) => json(fake, "/companies", { method: "POST", body: { name: "Kept" }, headers: { authorization, "idempotency-key": key } });
  assert.equal((await write("Bearer expired")).status, 401);
  const ran = await write(fake.apiKey);
  assert.equal(ran.status, 200);
  assert.equal(fake.writes.length, 1);
  assert.equal((await (await write(fake.apiKey)).json()).id, (await ran.json()).id, "then replayed");
  fake.faults.add({ fault: "error", operation: "companies.create" });
  const other = "0b7e4c2a-9d1f-4e36-8a5b-6c7d8e9f0a1b";
  const failing = () => json(fake, "/companies", { method: "POST", body: { name: "Broken" }, headers: { "idempotency-key": other } });
  assert.equal((await failing()).status, 500);
  assert.equal((await failing()).status, 500, "Codat keeps a 5XX under its key");
  assert.equal(fake.writes.length, 1);
});

test("company access tokens: expiresIn as configured, Bearer accepted on its company until the fake's clock passes it, then 401", async () => {
  const fake = createFakeCodat({ tokenExpiresIn: 60, clock: createClock("2026-03-02T10:00:00Z") });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
  const company = await client.companies.create({ name: "Tokened" });
  const other = await client.companies.create({ name: "Other" });
  const token = await client.companies.getAccessToken({ companyId: company.id });
  assert.deepEqual([token.expiresIn, token.tokenType], [60, "Bearer"]);
  const bearer = new sdk.CodatBankFeeds({ authHeader: `Bearer ${token.accessToken}`, fetch: fake.fetch, retryConfig: { strategy: "none" } });
  assert.equal((await bearer.companies.get({ companyId: company.id })).name, "Tokened");
  assert.equal((await rejection(bearer.companies.get({ companyId: other.id }))).statusCode, 403);
  fake.clock.advance(60_000);
  assert.equal((await rejection(bearer.companies.get({ companyId: company.id }))).statusCode, 401);
});

test("faults: by call number, a burst of 5XX, seeded chance (the same faults for the same seed), malformed bodies and resets", async () => {
  const fake = createFakeCodat({ faults: [{ fault: "unavailable", operation: "companies.list", calls: [2, 3] }] });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await json(fake, "/companies")).status);
  assert.deepEqual(statuses, [200, 503, 503, 200]);
  assert.deepEqual(fake.faults.pending, []);

  const draw = async (seed) => {
    const f = createFakeCodat({ seed, faults: [{ fault: "rateLimited", probability: 0.5 }] });
    const out = [];
    for (let i = 0; i < 20; i++) out.push((await json(f, "/companies")).status);
    return out.join();
  };
  assert.equal(await draw(7), await draw(7));
  assert.notEqual(await draw(7), await draw(8));
  assert.match(await draw(7), /429/);

  fake.faults.add({ fault: "malformed", operation: "companies.list" }, { fault: "reset", operation: "companies.list" });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, retryConfig: { strategy: "none" } });
  assert.ok((await rejection(client.companies.list({}))) instanceof sdk.ResponseValidationError);
  assert.ok((await rejection(client.companies.list({}))) instanceof sdk.ConnectionError);
  assert.throws(() => fake.faults.add({ fault: "explode" }), TypeError);
});

test("faults: a stalled write holds its key (409 to a retry meanwhile), then replays once the client gave up", async () => {
  const fake = createFakeCodat({ faults: [{ fault: "stall", operation: "companies.create" }] });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, retryConfig: { strategy: "none" } });
  const key = "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708";
  const stalled = client.companies.create({ name: "Stalled" }, { idempotencyKey: key, timeoutMs: 100 });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal((await rejection(client.companies.create({ name: "Stalled" }, { idempotencyKey: key }))).statusCode, 409);
  assert.ok((await rejection(stalled)) instanceof sdk.RequestTimeoutError);
  const replayed = await client.companies.create({ name: "Stalled" }, { idempotencyKey: key });
  assert.equal(replayed.id, [...fake.state.companies.keys()][0]);
  assert.equal(fake.writes.length, 1);
});

test("rate limits: the headers on every answer, and 429 with Retry-After on demand", async () => {
  const fake = createFakeCodat({ clock: createClock("2026-03-02T10:00:00Z"), faults: [{ fault: "rateLimited", calls: [2], retryAfter: 30 }] });
  const first = await json(fake, "/companies");
  assert.deepEqual(
    ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"].map((h) => first.headers.get(h)),
    ["1000", "999", "2026-03-03T00:00:00Z"],
  );
  const limited = await json(fake, "/companies");
  assert.deepEqual([limited.status, limited.headers.get("retry-after"), limited.headers.get("x-rate-limit-remaining")], [429, "30", "0"]);
});

test("writes are recorded per company and account; requests name their operation", async () => {
  const fake = createFakeCodat({ pushCompletesAfterMs: 0 });
  const client = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
  const company = await client.companies.create({ name: "Inspected" });
  const connection = await client.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
  const ids = { companyId: company.id, connectionId: connection.id };
  await client.sourceAccounts.create({ ...ids, requestBody: account });
  await client.transactions.create({ ...ids, accountId: account.id, requestBody: { accountId: account.id, transactions } });
  await client.companies.get({ companyId: company.id });
  const onAccount = fake.writes.filter((w) => w.companyId === company.id && w.accountId === account.id);
  assert.deepEqual(
    onAccount.map((w) => w.operation),
    ["transactions.create"],
  );
  assert.deepEqual(
    onAccount[0].body.transactions.map((t) => t.id),
    ["t-1", "t-2"],
  );
  assert.deepEqual(
    fake.requests.map((r) => r.operation),
    ["companies.create", "connections.create", "sourceAccounts.create", "transactions.create", "companies.get"],
  );
});

test("every operation of the client has a route in the fake, under the client's name", async () => {
  const { createRouter } = await import("../fake/routing.mjs");
  const table = JSON.parse(readFileSync(new URL("../js/operations.json", import.meta.url), "utf8")).table;
  const route = createRouter(/** @type {any} */ ({ state: {}, clock: {} }));
  for (const row of table) {
    const segments = row.path.split("/").slice(1);
    const match = route(segments).find((m) => m.route.method === row.httpMethod);
    assert.equal(match?.route.operation, `${row.group}.${row.method}`, `${row.httpMethod} ${row.path}`);
  }
});

test("CORS: open by default; strict allows only Authorization, Accept and Content-Type; listed origins only", async () => {
  const create = (fake, origin, extra = {}) =>
    fake.fetchFrom(origin)("https://api.codat.io/companies", {
      method: "POST",
      headers: { authorization: fake.apiKey, "content-type": "application/json", ...extra },
      body: '{"name":"From a page"}',
    });
  const key = { "idempotency-key": "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708" };
  const open = await create(createFakeCodat(), "http://localhost:5173", key);
  assert.equal(open.status, 200);
  assert.equal(open.headers.get("x-rate-limit-limit"), "1000", "exposed");
  assert.equal(open.headers.get("access-control-allow-origin"), null, "not exposed to the page");
  const strict = createFakeCodat({ cors: "strict" });
  await assert.rejects(create(strict, "http://localhost:5173", key), /does not allow the request header\(s\) idempotency-key/);
  assert.equal((await create(strict, "http://localhost:5173")).status, 200);
  const preflight = strict.requests.find((r) => r.method === "OPTIONS");
  assert.equal(preflight?.headers["access-control-request-headers"], "authorization,content-type,idempotency-key");
  const listed = createFakeCodat({ cors: { origins: ["https://app.example"] } });
  assert.equal((await create(listed, "https://app.example")).status, 200);
  await assert.rejects(create(listed, "http://localhost:5173"), /Access-Control-Allow-Origin is missing/);
});
