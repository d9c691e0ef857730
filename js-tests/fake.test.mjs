// The fake Codat API (fake/) through the real client: in-process over `fake.fetch` (no socket),
// with its clock moved on instead of waited for, and the same fake served on a port.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createClock, createFakeCodat } from "../fake/index.mjs";
import { listen } from "../fake/node.mjs";
import { FAST_RETRIES, sdk } from "./support/helpers.mjs";

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
