// What `@codat/bank-feeds` code relies on, beyond the operations themselves: body keys named
// after their schema, decimals, `data$`, the standalone functions, HTTPClient.

import assert from "node:assert/strict";
import { test } from "node:test";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
/** A push operation as the API answers a push (the spec has no example of one). */
const pushOperation = {
  companyId: C,
  pushOperationKey: "c5e8b9a2-7e5f-4c43-9d3f-4a0b5d2e6f71",
  dataConnectionKey: K,
  requestedOnUtc: "2024-01-01T00:00:00Z",
  status: "Pending",
  statusCode: 202,
};
const operations = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(new URL("../js/operations.json", import.meta.url), "utf8"))).table;

test("each body named after its schema, as @codat/bank-feeds names it, is taken as requestBody", async () => {
  const aliased = operations.filter((o) => o.bodyAlias);
  assert.deepEqual(aliased.map((o) => `${o.group}.${o.method}:${o.bodyAlias}`).sort(), [
    "accountMapping.create:bankFeedAccountMapping",
    "bankAccounts.create:bankAccountPrototype",
    "companies.replace:companyRequestBody",
    "companies.update:companyUpdateRequest",
    "sourceAccounts.update:sourceAccount",
    "transactions.create:createBankTransactions",
  ]);
  const push = { accountId: "acc-1", transactions: [{ id: "t1", date: "2024-01-01", amount: 1.5, balance: 10 }] };
  ctx.server.reply({ json: pushOperation });
  await ctx.client().transactions.create({ companyId: C, connectionId: K, accountId: "acc-1", createBankTransactions: push });
  ctx.server.reply({ json: pushOperation });
  await ctx.client().transactions.create({ companyId: C, connectionId: K, accountId: "acc-1", requestBody: push });
  const [named, plain] = ctx.server.requests;
  assert.equal(named.method, "POST");
  assert.equal(named.rawPath, `/companies/${C}/connections/${K}/push/bankAccounts/acc-1/bankTransactions`);
  assert.deepEqual(named.json, push);
  assert.equal(named.body, plain.body, "the same bytes either way");
});

test("an aliased body is checked under its own name; both names at once are refused before sending", async () => {
  const bad = { accountId: "acc-1", transactions: [{ amount: "lots" }] };
  let err = await rejection(ctx.client().transactions.create({ companyId: C, connectionId: K, accountId: "acc-1", createBankTransactions: bad }));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "createBankTransactions.transactions[0].amount");
  const body = { name: "Toft" };
  err = await rejection(ctx.client().companies.replace({ companyId: C, companyRequestBody: body, requestBody: body }));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "companyRequestBody");
  assert.match(err.message, /give one of the two/);
  assert.equal(ctx.server.requests.length, 0);
});
