// Every operation beyond Companies against the recording mock: the exact method, path
// (ids percent-encoded), query string and body that reach the server, and the typed result.

import assert from "node:assert/strict";
import { test } from "node:test";
import { notFound } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
const A = "acc/1 é"; // an account id that must stay inside its segment
const AE = "acc%2F1%20%C3%A9";
const base = `/companies/${C}/connections/${K}`;

const connection = {
  id: K,
  integrationId: "fd321cb6-7963-4506-b873-e99593a45e30",
  integrationKey: "gbol",
  sourceId: "35b92968-9851-4095-ad60-395c95cbcba4",
  sourceType: "Accounting",
  platformName: "Sandbox",
  linkUrl: "https://link-api.codat.io/x",
  status: "Linked",
  lastSync: null,
  created: "2022-10-27T09:53:29Z",
  dataConnectionErrors: [],
  connectionInfo: { any: { nested: true } },
};
const page = (results) => ({
  results,
  pageNumber: 1,
  pageSize: 100,
  totalResults: results.length,
  _links: { self: { href: "/x" }, current: { href: "/x?page=1" } },
});
const v1 = {
  id: "acc-001",
  accountName: "Checking",
  accountType: "Credit",
  accountNumber: "12345670",
  sortCode: "123456",
  currency: "GBP",
  balance: 99.99,
  modifiedDate: "2023-01-09T14:14:14Z",
  status: "pending",
};
const v2 = {
  id: "acc-002",
  accountName: "Checking",
  accountType: "checking",
  accountNumber: "12345670",
  currency: "USD",
  balance: 10,
  routingInfo: { bankCode: "021000021", type: "rtn" },
  accountInfo: null,
  status: "pending",
};
const pushOperation = {
  companyId: C,
  pushOperationKey: "b888f774-3e7c-4135-a18c-6b985523c4bc",
  dataConnectionKey: K,
  requestedOnUtc: "2022-10-23T00:00:00Z",
  status: "Pending",
  statusCode: 202,
  dataType: "bankTransactions",
  changes: null,
  timeoutInMinutes: null,
};
const pushOption = {
  type: "Object",
  displayName: "Bank transactions",
  description: "d",
  required: true,
  properties: {
    amount: {
      type: "Number",
      displayName: "Amount",
      description: "a",
      required: true,
      properties: null,
      options: null,
      validation: { warnings: null, information: null },
    },
  },
  options: null,
  validation: null,
};
const sync = {
  syncId: "c1f0b1a2-1111-2222-3333-444455556666",
  clientId: "c",
  companyId: C,
  companyName: "Toft",
  dataConnectionId: K,
  sourceAccountId: A,
  periodStartUtc: "2024-01-01T00:00:00Z",
  periodEndUtc: "2024-01-02T00:00:00Z",
  executionStartUtc: "2024-01-02T00:00:01Z",
  status: "Completed",
  executionEndUtc: null,
  errorMessage: null,
  errorCode: null,
  pushOperationKeys: [],
};
const bankAccount = {
  id: "ba-1",
  accountName: "Business",
  accountType: "Debit",
  nominalCode: "090",
  currency: "GBP",
  balance: 100,
  status: "Active",
  modifiedDate: "2023-01-01T00:00:00Z",
};
const transactions = {
  accountId: A,
  transactions: [{ id: "t1", date: "2023-08-22T10:21:00", description: "Coffee", amount: -3.5, balance: 96.5, transactionType: "Debit" }],
};

// [call, method, raw path, search, request body (undefined: none), response, expected result]
const cases = [
  [
    (s) => s.connections.list({ companyId: C, page: 1, pageSize: 10, query: "status=Linked", orderBy: "-created" }),
    "GET",
    `/companies/${C}/connections`,
    "?page=1&pageSize=10&query=status%3DLinked&orderBy=-created",
    undefined,
    { json: page([connection]) },
  ],
  [
    (s) => s.connections.create({ companyId: C, requestBody: { platformKey: "gbol" } }),
    "POST",
    `/companies/${C}/connections`,
    "",
    { platformKey: "gbol" },
    { json: connection },
  ],
  [(s) => s.connections.get({ companyId: C, connectionId: K }), "GET", base, "", undefined, { json: connection }],
  [(s) => s.connections.delete({ companyId: C, connectionId: K }), "DELETE", base, "", undefined, { status: 200 }, undefined],
  [
    (s) => s.connections.unlink({ companyId: C, connectionId: K, requestBody: { status: "Unlinked" } }),
    "PATCH",
    base,
    "",
    { status: "Unlinked" },
    { json: { ...connection, status: "Unlinked" } },
  ],
  [
    (s) => s.bankAccounts.list({ companyId: C, connectionId: K, pageSize: 5 }),
    "GET",
    `${base}/data/bankAccounts`,
    "?pageSize=5",
    undefined,
    { json: page([bankAccount]) },
  ],
  [(s) => s.bankAccounts.getCreateModel({ companyId: C, connectionId: K }), "GET", `${base}/options/bankAccounts`, "", undefined, { json: pushOption }],
  [
    (s) => s.bankAccounts.create({ companyId: C, connectionId: K, timeoutInMinutes: 5, requestBody: { accountName: "New", currency: "GBP" } }),
    "POST",
    `${base}/push/bankAccounts`,
    "?timeoutInMinutes=5",
    { accountName: "New", currency: "GBP" },
    { json: { ...pushOperation, dataType: "bankAccounts", data: bankAccount } },
  ],
  [(s) => s.sourceAccounts.create({ companyId: C, connectionId: K, requestBody: v2 }), "POST", `${base}/connectionInfo/bankFeedAccounts`, "", v2, { json: v2 }],
  [
    (s) => s.sourceAccounts.create({ companyId: C, connectionId: K, requestBody: { id: "acc-001" } }),
    "POST",
    `${base}/connectionInfo/bankFeedAccounts`,
    "",
    { id: "acc-001" },
    { json: v1 },
  ],
  [(s) => s.sourceAccounts.list({ companyId: C, connectionId: K }), "GET", `${base}/connectionInfo/bankFeedAccounts`, "", undefined, { json: [v2, v1] }],
  [
    (s) => s.sourceAccounts.update({ companyId: C, connectionId: K, accountId: A, requestBody: v1 }),
    "PATCH",
    `${base}/connectionInfo/bankFeedAccounts/${AE}`,
    "",
    v1,
    { json: v1 },
  ],
  [
    (s) => s.sourceAccounts.delete({ companyId: C, connectionId: K, accountId: A }),
    "DELETE",
    `${base}/connectionInfo/bankFeedAccounts/${AE}`,
    "",
    undefined,
    { status: 204 },
    undefined,
  ],
  [
    (s) => s.sourceAccounts.deleteCredentials({ companyId: C, connectionId: K }),
    "DELETE",
    `${base}/connectionInfo/bankFeedAccounts/credentials`,
    "",
    undefined,
    { status: 204 },
    undefined,
  ],
  [
    (s) => s.sourceAccounts.generateOtp({ companyId: C, connectionId: K }),
    "POST",
    `${base}/bankFeeds/otp`,
    "",
    undefined,
    { json: { otp: "123456", expiry: "2024-01-01T00:10:00Z" } },
  ],
  [
    (s) => s.accountMapping.get({ companyId: C, connectionId: K }),
    "GET",
    `${base}/bankFeedAccounts/mapping`,
    "",
    undefined,
    { json: [{ sourceAccountId: "acc-001", status: "pending", targetAccountOptions: [{ id: "t-1", name: null }] }] },
  ],
  [
    (s) =>
      s.accountMapping.create({
        companyId: C,
        connectionId: K,
        requestBody: { sourceAccountId: "acc-001", targetAccountId: "t-1", feedStartDate: "2024-01-01" },
      }),
    "POST",
    `${base}/bankFeedAccounts/mapping`,
    "",
    { sourceAccountId: "acc-001", targetAccountId: "t-1", feedStartDate: "2024-01-01" },
    { json: { sourceAccountId: "acc-001", targetAccountId: "t-1", status: "Success", error: null } },
  ],
  [
    (s) => s.companyInformation.get({ companyId: C, connectionId: K }),
    "GET",
    `${base}/bankFeeds/info`,
    "",
    undefined,
    { json: { companyName: "Toft", baseCurrency: "GBP", planType: null, multicurrencyEnabled: false, currencies: ["GBP"] } },
  ],
  [
    (s) =>
      s.transactions.create({ companyId: C, connectionId: K, accountId: A, timeoutInMinutes: 10, allowSyncOnPushComplete: false, requestBody: transactions }),
    "POST",
    `${base}/push/bankAccounts/${AE}/bankTransactions`,
    "?timeoutInMinutes=10&allowSyncOnPushComplete=false",
    transactions,
    { json: { ...pushOperation, data: transactions } },
  ],
  [
    (s) => s.transactions.getCreateModel({ companyId: C, connectionId: K, accountId: A }),
    "GET",
    `${base}/options/bankAccounts/${AE}/bankTransactions`,
    "",
    undefined,
    { json: pushOption },
  ],
  [
    (s) => s.transactions.getCreateOperation({ companyId: C, pushOperationKey: pushOperation.pushOperationKey }),
    "GET",
    `/companies/${C}/push/${pushOperation.pushOperationKey}`,
    "",
    undefined,
    { json: { ...pushOperation, status: "SomethingNew" } },
  ],
  [(s) => s.transactions.listCreateOperations({ companyId: C, page: 2 }), "GET", `/companies/${C}/push`, "?page=2", undefined, { json: page([pushOperation]) }],
  [
    (s) => s.managedBankFeeds.getSync({ companyId: C, connectionId: K, sourceAccountId: A, syncId: sync.syncId }),
    "GET",
    `${base}/bankFeedAccounts/${AE}/managedBankFeeds/syncs/${sync.syncId}`,
    "",
    undefined,
    { json: sync },
  ],
  [
    (s) => s.managedBankFeeds.getLatestSync({ companyId: C, connectionId: K, sourceAccountId: A }),
    "GET",
    `${base}/bankFeedAccounts/${AE}/managedBankFeeds/syncs/latest`,
    "",
    undefined,
    { json: sync },
  ],
  [
    (s) => s.managedBankFeeds.getLatestSync({ companyId: C, connectionId: K, sourceAccountId: A }),
    "GET",
    `${base}/bankFeedAccounts/${AE}/managedBankFeeds/syncs/latest`,
    "",
    undefined,
    { status: 204 },
    undefined,
  ],
  [
    (s) => s.managedBankFeeds.runAdHocSync({ companyId: C, connectionId: K, sourceAccountId: A }),
    "POST",
    `${base}/bankFeedAccounts/${AE}/managedBankFeeds/syncs`,
    "",
    undefined,
    { status: 201, json: { syncId: sync.syncId } },
  ],
];

for (const [call, method, rawPath, search, body, reply, ...expected] of cases) {
  test(`${method} ${rawPath}${search}`, async () => {
    ctx.server.reply(reply);
    const result = await call(ctx.client());
    const [req] = ctx.server.requests;
    assert.equal(ctx.server.requests.length, 1);
    assert.equal(req.method, method);
    assert.equal(req.rawPath, rawPath);
    assert.equal(req.search, search);
    if (body === undefined) {
      assert.equal(req.body, "");
      assert.equal(req.headers["content-type"], undefined);
    } else {
      assert.equal(req.headers["content-type"], "application/json");
      assert.deepEqual(req.json, body);
    }
    assert.deepEqual(result, expected.length ? expected[0] : reply.json);
  });
}

test("generateCredentials sends the exact bytes of every body kind", async () => {
  const payload = '{"username":"bank","secret":"\u00e9\u20ac"}';
  const bytes = new TextEncoder().encode(payload);
  const creds = { username: "u", password: "p", url: "https://bank.example" };
  for (const requestBody of [payload, bytes, bytes.buffer.slice(0), new Blob([bytes])]) {
    ctx.server.reset();
    ctx.server.reply({ json: creds });
    const result = await ctx.client().sourceAccounts.generateCredentials({ companyId: C, connectionId: K, requestBody });
    const [req] = ctx.server.requests;
    assert.equal(req.method, "POST");
    assert.equal(req.rawPath, `${base}/connectionInfo/bankFeedAccounts/credentials`);
    assert.equal(req.headers["content-type"], "application/json");
    assert.deepEqual([...req.bytes], [...bytes], requestBody.constructor.name);
    assert.deepEqual(result, creds);
  }
  const err = await rejection(ctx.client().sourceAccounts.generateCredentials({ companyId: C, connectionId: K, requestBody: { a: 1 } }));
  assert.ok(err instanceof sdk.InvalidRequestError);
  assert.equal(err.field, "requestBody");
});

const batchItem = (acc, statusCode = 201, error = null) => ({ sourceAccountId: acc.id, result: { statusCode, error, account: acc } });
const batchError = { sourceAccountId: "acc-003", result: { statusCode: "409", error: "Account already exists" } };

test("createBatch resolves on 201 and on 207 to per-item results; V1 and V2 told apart", async () => {
  ctx.server.reply({ status: 201, json: [batchItem(v2)] }, { status: 207, json: [batchItem(v1), batchError] });
  const created = await ctx.client().sourceAccounts.createBatch({ companyId: C, connectionId: K, requestBody: [v2] });
  assert.deepEqual(created, [batchItem(v2)]);
  assert.ok(sdk.isSourceAccountV2(created[0].result.account));
  const mixed = await ctx.client().sourceAccounts.createBatch({ companyId: C, connectionId: K, requestBody: [{ id: "acc-001" }, { id: "acc-003" }] });
  assert.deepEqual(mixed, [batchItem(v1), batchError]);
  assert.ok(!sdk.isSourceAccountV2(mixed[0].result.account));
  const [first, second] = ctx.server.requests;
  assert.equal(first.rawPath, `${base}/connectionInfo/bankFeedAccounts/batch`);
  assert.deepEqual(first.json, [v2]);
  assert.deepEqual(second.json, [{ id: "acc-001" }, { id: "acc-003" }]);
});

test("createBatch's 409 is SourceAccountBatchConflictError keeping the items", async () => {
  ctx.server.reply({ status: 409, json: [batchError] });
  const err = await rejection(ctx.client().sourceAccounts.createBatch({ companyId: C, connectionId: K, requestBody: [{ id: "acc-003" }] }));
  assert.ok(err instanceof sdk.SourceAccountBatchConflictError);
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.equal(err.statusCode, 409);
  assert.deepEqual(err.data, [batchError]);
  assert.equal(err.body, JSON.stringify([batchError]));
});

test("hostile responses: unknown enums and fields pass, nulls where allowed, wrong types fail with the body", async () => {
  const odd = { ...connection, status: "Quarantined", sourceType: "Telepathy", brandNew: 1, lastSync: null };
  ctx.server.reply({ json: odd });
  assert.deepEqual(await ctx.client().connections.get({ companyId: C, connectionId: K }), odd);

  const { created, ...missing } = connection;
  ctx.server.reply({ json: missing });
  const err = await rejection(ctx.client().connections.get({ companyId: C, connectionId: K }));
  assert.ok(err instanceof sdk.ResponseValidationError);
  assert.match(err.reason, /created/);

  const wrong = { ...pushOperation, statusCode: "202" };
  ctx.server.reply({ json: wrong });
  const typeErr = await rejection(ctx.client().transactions.getCreateOperation({ companyId: C, pushOperationKey: "k" }));
  assert.ok(typeErr instanceof sdk.ResponseValidationError);
  assert.match(typeErr.reason, /`statusCode` expected a whole number, got "202"/);
  assert.equal(typeErr.body, JSON.stringify(wrong));
});

test("request bodies are checked before sending, naming the field", async () => {
  const client = ctx.client();
  const cases = [
    [
      () => client.transactions.create({ companyId: C, connectionId: K, accountId: A, requestBody: { accountId: A, transactions: [{ amount: "one" }] } }),
      "requestBody.transactions[0].amount",
    ],
    [() => client.transactions.create({ companyId: C, connectionId: K, accountId: A, requestBody: { transactions: [] } }), "requestBody.accountId"],
    [() => client.transactions.create({ companyId: C, connectionId: K, accountId: A, allowSyncOnPushComplete: "yes" }), "allowSyncOnPushComplete"],
    [() => client.accountMapping.create({ companyId: C, connectionId: K, requestBody: { targetAccountId: "t" } }), "requestBody.sourceAccountId"],
    [() => client.managedBankFeeds.getSync({ companyId: C, connectionId: K, sourceAccountId: A }), "syncId"],
  ];
  for (const [call, field] of cases) {
    const err = await rejection(call());
    assert.ok(err instanceof sdk.InvalidRequestError, String(err));
    assert.equal(err.field, field);
  }
  assert.equal(ctx.server.requests.length, 0);
});

test("every group answers the API's error body as ErrorMessage", async () => {
  ctx.server.otherwise({ status: 404, json: notFound });
  const client = ctx.client();
  for (const call of [
    () => client.connections.get({ companyId: C, connectionId: K }),
    () => client.sourceAccounts.list({ companyId: C, connectionId: K }),
    () => client.accountMapping.get({ companyId: C, connectionId: K }),
    () => client.bankAccounts.list({ companyId: C, connectionId: K }),
    () => client.companyInformation.get({ companyId: C, connectionId: K }),
    () => client.transactions.listCreateOperations({ companyId: C }),
    () => client.managedBankFeeds.runAdHocSync({ companyId: C, connectionId: K, sourceAccountId: A }),
  ]) {
    const err = await rejection(call());
    assert.ok(err instanceof sdk.ErrorMessage, String(err));
    assert.deepEqual(err.data, notFound);
  }
});
