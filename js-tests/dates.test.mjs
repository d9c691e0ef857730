// One date rule for every request field the spec types as a date, checked before anything is
// sent; lenient dates in responses; type errors in JavaScript's words.

import assert from "node:assert/strict";
import { test } from "node:test";
import { pushOperation } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
const ids = { companyId: C, connectionId: K };
const DATE = 'expected a date such as "2025-01-31" or "2025-01-31T00:00:00Z"';

const create = (transaction) =>
  ctx.client().transactions.create({ ...ids, accountId: "acc-1", requestBody: { accountId: "acc-1", transactions: [transaction] } });
const map = (feedStartDate) => ctx.client().accountMapping.create({ ...ids, requestBody: { sourceAccountId: "acc-1", feedStartDate } });
const pushAll = (transactions) => ctx.client().transactions.pushAll({ ...ids, accountId: "acc-1", transactions });

/** The call is refused before sending, naming `field`, with `reason`. */
async function refused(call, field, reason) {
  const err = await rejection(call);
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, field);
  assert.ok(err.message.includes(`\`${field}\` ${reason}`), err.message);
  assert.equal(ctx.server.requests.length, 0, "nothing was sent");
  return err;
}

test("transactions.create refuses a date that is not one, naming the field, and sends nothing", async () => {
  for (const date of ["yesterday", "11/01/2026", "2025-02-30", "2025-02-29", "2025-13-01", "2023-08-22 10:21:00", "2023-08-22T10:21"]) {
    await refused(create({ id: "t", date, amount: 1 }), "requestBody.transactions[0].date", `${DATE}, got ${JSON.stringify(date)}`);
  }
  await refused(create({ id: "t", date: 20250131, amount: 1 }), "requestBody.transactions[0].date", `${DATE}, got 20250131`);
});

test("accountMapping.create refuses feedStartDate 11/01/2026 and 2025-02-30, and sends nothing", async () => {
  for (const date of ["11/01/2026", "2025-02-30"]) {
    await refused(map(date), "requestBody.feedStartDate", `${DATE}, got ${JSON.stringify(date)}`);
  }
});

test("pushAll holds its dates to the same rule before pushing anything", async () => {
  for (const date of ["2025-02-30", "yesterday"]) {
    const good = { id: "a", date: "2024-02-29", amount: 1, balance: 1 };
    await refused(pushAll([good, { id: "b", date, amount: 1, balance: 2 }]), "transactions[1].date", `${DATE}, got ${JSON.stringify(date)}`);
  }
});

test("the forms the spec shows pass, and are sent as given", async () => {
  const forms = [
    "2024-02-29",
    "2023-08-22T10:21:00",
    "2023-08-22T10:21:00.5",
    "2022-10-23T00:00:00Z",
    "2022-10-23T00:00:00.000Z",
    "2023-01-09T14:14:14.1057478Z",
    "2021-11-15T01:00:00-05:00",
  ];
  for (const date of forms) {
    ctx.server.reply({ json: pushOperation });
    await create({ id: "t", date, amount: 1 });
    assert.equal(ctx.server.requests.at(-1).json.transactions[0].date, date);
    ctx.server.reply({ json: { sourceAccountId: "acc-1", status: "pending" } });
    await map(date);
    assert.equal(ctx.server.requests.at(-1).json.feedStartDate, date);
  }
  // Absent or null, an optional date is not checked.
  ctx.server.reply({ json: { sourceAccountId: "acc-1" } });
  await map(null);
  assert.equal(ctx.server.requests.length, 2 * forms.length + 1);
});

test("a response's dates are whatever Codat writes: never refused for their form", async () => {
  const mapping = { sourceAccountId: "acc-1", targetAccountId: "t-1", feedStartDate: "01/11/2026" };
  ctx.server.reply({ json: [mapping, { ...mapping, feedStartDate: "2024-09-01T23:59:99Z" }] });
  const got = await ctx.client().accountMapping.get(ids);
  assert.deepEqual(
    got.map((m) => m.feedStartDate),
    ["01/11/2026", "2024-09-01T23:59:99Z"],
  );
});

test("type errors speak JavaScript: expected a number, a string, an array, true or false", async () => {
  const client = ctx.client();
  const cases = [
    [create({ id: "t", date: "2024-01-01", amount: "twelve" }), "requestBody.transactions[0].amount", 'expected a number, got "twelve"'],
    [create({ id: "t", date: "2024-01-01", amount: 1, reconciled: "yes" }), "requestBody.transactions[0].reconciled", 'expected true or false, got "yes"'],
    [create({ id: 7, date: "2024-01-01", amount: 1 }), "requestBody.transactions[0].id", "expected a string, got 7"],
    [
      client.transactions.create({ ...ids, accountId: "acc-1", requestBody: { accountId: "acc-1", transactions: {} } }),
      "requestBody.transactions",
      "expected an array, got an object",
    ],
    [client.companies.create({ name: "n", tags: [] }), "tags", "expected an object, got an array"],
  ];
  for (const [call, field, reason] of cases) {
    const err = await refused(call, field, reason);
    assert.doesNotMatch(err.message, /\b(f64|i64|i32|sequence|map|boolean `|integer `|invalid type)\b/, err.message);
  }
});

test("a response's type error speaks JavaScript too", async () => {
  ctx.server.reply({ json: { ...pushOperation, statusCode: 202.5 } });
  const err = await rejection(ctx.client().transactions.getCreateOperation({ companyId: C, pushOperationKey: "k" }));
  assert.ok(err instanceof sdk.ResponseValidationError, String(err));
  assert.match(err.reason, /`statusCode` expected a whole number, got 202\.5/);
});

// A source account to create is version 2 when it carries a field only version 2 has
// (`accountInfo`, `routingInfo`), and is checked as one: version 1 would ignore the field.
const v1Account = {
  id: "acc-001",
  accountName: "Current",
  accountType: "Credit",
  accountNumber: "12345670",
  sortCode: "123456",
  currency: "GBP",
  balance: 0,
  modifiedDate: "2023-01-09T14:14:14.1057478Z",
};
const v2Account = {
  id: "acc-002",
  accountName: "Checking",
  accountType: "checking",
  accountNumber: "01234567",
  routingInfo: { bankCode: "021000021", type: "rtn" },
  currency: "USD",
  balance: 100.5,
  accountInfo: { description: "Everyday", nickname: "Main", accountOpenDate: "2023-05-06", availableBalance: 80 },
};
const opened = (accountOpenDate) => ({ ...v2Account, accountInfo: { ...v2Account.accountInfo, accountOpenDate } });

/** A client whose `fetch` counts what it is asked to send. */
function counting() {
  const sent = [];
  const client = ctx.client({
    fetch: (url, init) => {
      sent.push(url);
      return fetch(url, init);
    },
  });
  return { client, sent };
}

test("sourceAccounts.create and createBatch refuse a version 2 account's bad accountInfo.accountOpenDate, naming it, and send nothing", async () => {
  for (const date of ["2024-13-45", "yesterday", "2025-02-30"]) {
    const { client, sent } = counting();
    const reason = `${DATE}, got ${JSON.stringify(date)}`;
    await refused(client.sourceAccounts.create({ ...ids, requestBody: opened(date) }), "requestBody.accountInfo.accountOpenDate", reason);
    const batch = [v1Account, v2Account, opened(date)];
    await refused(client.sourceAccounts.createBatch({ ...ids, requestBody: batch }), "requestBody[2].accountInfo.accountOpenDate", reason);
    assert.equal(sent.length, 0, "fetch was never called");
  }
});

test("sourceAccounts: a version 1 account's bad date is named too, and a version 2 one must be whole", async () => {
  const { client, sent } = counting();
  const v1 = { id: "acc-001", modifiedDate: "11/01/2026" };
  await refused(client.sourceAccounts.create({ ...ids, requestBody: v1 }), "requestBody.modifiedDate", `${DATE}, got "11/01/2026"`);
  await refused(client.sourceAccounts.createBatch({ ...ids, requestBody: [v1Account, v1] }), "requestBody[1].modifiedDate", `${DATE}, got "11/01/2026"`);
  const partial = { id: "acc-002", accountInfo: { nickname: "Main" } };
  const err = await refused(client.sourceAccounts.create({ ...ids, requestBody: partial }), "requestBody.accountName", "");
  assert.match(err.message, /missing field `accountName`/);
  assert.equal(sent.length, 0, "fetch was never called");
});

test("sourceAccounts: valid version 1 and version 2 accounts go out exactly as given", async () => {
  const nullInfo = { ...v1Account, accountInfo: null };
  for (const account of [v1Account, v2Account, { id: "acc-003" }, nullInfo]) {
    ctx.server.reply({ json: account.accountInfo === undefined && account.routingInfo === undefined ? v1Account : v2Account });
    await ctx.client().sourceAccounts.create({ ...ids, requestBody: account });
    assert.equal(ctx.server.requests.at(-1).body, JSON.stringify(account));
  }
  const batch = [v1Account, v2Account, { id: "acc-003" }];
  ctx.server.reply({ status: 201, json: [] });
  await ctx.client().sourceAccounts.createBatch({ ...ids, requestBody: batch });
  assert.equal(ctx.server.requests.at(-1).body, JSON.stringify(batch));
  assert.equal(ctx.server.requests.length, 5);
});

test("a version 2 source account in a response: its dates are whatever Codat writes, its types still checked", async () => {
  const answer = { ...opened("yesterday"), status: "pending", feedStartDate: "01/11/2026" };
  ctx.server.reply({ json: answer }, { json: [answer] });
  assert.deepEqual(await ctx.client().sourceAccounts.create({ ...ids, requestBody: v2Account }), answer);
  assert.deepEqual(await ctx.client().sourceAccounts.list(ids), [answer]);
  ctx.server.reply({ json: { ...answer, accountInfo: { availableBalance: "80" } } });
  const err = await rejection(ctx.client().sourceAccounts.create({ ...ids, requestBody: v2Account }));
  assert.ok(err instanceof sdk.ResponseValidationError, String(err));
  assert.match(err.reason, /`accountInfo\.availableBalance` expected a number, got "80"/);
});

test("a number the spec makes nullable takes null in a request, sent as given; one it does not is refused", async () => {
  const nulls = [
    { ...v1Account, balance: null },
    { ...v2Account, accountInfo: { ...v2Account.accountInfo, availableBalance: null } },
  ];
  await refused(create({ id: "t", date: "2024-02-29", amount: null }), "requestBody.transactions[0].amount", "expected a number, got null");
  for (const account of nulls) {
    ctx.server.reply({ json: v1Account });
    await ctx.client().sourceAccounts.create({ ...ids, requestBody: account });
    assert.equal(ctx.server.requests.at(-1).body, JSON.stringify(account));
  }
});
