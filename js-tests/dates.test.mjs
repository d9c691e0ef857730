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
