// What `@codat/bank-feeds` code relies on, beyond the operations themselves: body keys named
// after their schema, decimals, `data$`, the standalone functions, HTTPClient.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { companiesGet } from "codat-bank-feeds-wasm/funcs/companiesGet.js";
import { HTTPClient } from "codat-bank-feeds-wasm/lib/http";
import * as errors from "codat-bank-feeds-wasm/sdk/models/errors";
import { Decimal } from "codat-bank-feeds-wasm/sdk/types";
import { company, notFound, pushOperation } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";
import { typeCheck } from "./support/typecheck.mjs";

const ctx = useMockServer();
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
const operations = JSON.parse(readFileSync(new URL("../js/operations.json", import.meta.url), "utf8")).table;

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

const pushOf = (transaction) => ({ companyId: C, connectionId: K, accountId: "acc-1", requestBody: { accountId: "acc-1", transactions: [transaction] } });

test("decimals: a Decimal, a numeric string or a decimal object goes on the wire as exactly its digits", async () => {
  /** A decimal.js or big.js value as the client sees one: a class with toFixed and toString. */
  class BigLike {
    constructor(text) {
      this.text = text;
    }
    toFixed() {
      return this.text;
    }
    toString() {
      return this.text;
    }
    toJSON() {
      return this.text;
    }
  }
  ctx.server.reply({ json: pushOperation });
  await ctx
    .client()
    .transactions.create(pushOf({ id: "t1", date: "2024-01-01", amount: new Decimal("1234567890.123456789"), balance: "-0.10", description: "12.50" }));
  ctx.server.reply({ json: pushOperation });
  await ctx.client().transactions.create(pushOf({ id: "t2", date: "2024-01-01", amount: new BigLike("1e+21"), balance: 12.5 }));
  const [exact, big] = ctx.server.requests;
  assert.equal(
    exact.body,
    '{"accountId":"acc-1","transactions":[{"id":"t1","date":"2024-01-01","amount":1234567890.123456789,"balance":-0.10,"description":"12.50"}]}',
  );
  assert.equal(big.body, '{"accountId":"acc-1","transactions":[{"id":"t2","date":"2024-01-01","amount":1e+21,"balance":12.5}]}');
  assert.equal(String(new Decimal(0.1)), "0.1");
  assert.equal(new Decimal("2.50").toNumber(), 2.5);
  assert.throws(() => new Decimal("abc"), TypeError);
});

test("decimals that are not finite numbers are refused before sending, naming the field", async () => {
  for (const amount of [Number.NaN, Number.POSITIVE_INFINITY, "1e999", "abc", "NaN", "", "0x10"]) {
    const err = await rejection(ctx.client().transactions.create(pushOf({ id: "t", date: "2024-01-01", amount })));
    assert.ok(err instanceof sdk.InvalidRequestError, `${amount}: ${err}`);
    assert.equal(err.field, "requestBody.transactions[0].amount", String(amount));
  }
  // A numeric string where the spec wants a string stays a string; where it wants an integer it
  // is refused, as before.
  const err = await rejection(ctx.client().transactions.create({ ...pushOf({ id: "t", amount: 1 }), timeoutInMinutes: "5" }));
  assert.equal(err.field, "timeoutInMinutes");
  assert.equal(ctx.server.requests.length, 0);
});

test("ErrorMessage has data$ (the incumbent's name for data); sdk/models/errors is the same classes", async () => {
  ctx.server.reply({ status: 404, json: notFound });
  const err = await rejection(ctx.client().companies.get({ companyId: C }));
  assert.ok(err instanceof errors.ErrorMessage && err instanceof errors.CodatBankFeedsError);
  assert.equal(errors.ErrorMessage, sdk.ErrorMessage);
  assert.deepEqual(err.data$, notFound);
  assert.equal(err.data$, err.data);
  assert.ok(!Object.keys(err).includes("data$"), "not a second copy in JSON.stringify");
});

test("standalone functions resolve to { ok, value } or { ok: false, error } on a CodatBankFeedsCore", async () => {
  const { CodatBankFeedsCore } = await import("codat-bank-feeds-wasm/core.js");
  const core = new CodatBankFeedsCore({ authHeader: API_KEY, serverURL: ctx.server.url });
  assert.ok(core instanceof sdk.CodatBankFeeds);
  ctx.server.reply({ json: company });
  const ok = await companiesGet(core, { companyId: C });
  assert.deepEqual(ok, { ok: true, value: company });
  const [req] = ctx.server.requests;
  assert.equal(req.rawPath, `/companies/${C}`);
  ctx.server.reply({ status: 404, json: notFound });
  const failed = await companiesGet(core, { companyId: C });
  assert.equal(failed.ok, false);
  assert.ok(failed.error instanceof sdk.ErrorMessage);
  const refused = await companiesGet(core, {});
  assert.ok(refused.error instanceof sdk.InvalidRequestError && refused.error.field === "companyId");
  const misused = await companiesGet(undefined, { companyId: C });
  assert.ok(misused.error instanceof sdk.CodatBankFeedsError && misused.error.cause instanceof TypeError);
  assert.equal(ctx.server.requests.length, 2);
  // One function per operation of the spec, named <group><Method>.
  const funcs = readdirSync(new URL("../pkg/funcs/", import.meta.url)).filter((f) => f.endsWith(".js"));
  assert.equal(funcs.length, operations.length);
});

test("an HTTPClient carries every attempt: its hooks see a Request, its fetcher sends it", async () => {
  const seen = [];
  const httpClient = new HTTPClient({
    fetcher: (req) => {
      seen.push(`fetch ${req.method} ${new URL(req.url).pathname}`);
      return fetch(req);
    },
  });
  httpClient.addHook("beforeRequest", (req) => {
    const next = new Request(req);
    next.headers.set("x-custom-header", "custom value");
    return next;
  });
  httpClient.addHook("response", (res) => void seen.push(`response ${res.status}`));
  const client = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: ctx.server.url, httpClient });
  ctx.server.reply({ json: company });
  assert.deepEqual(await client.companies.get({ companyId: C }), company);
  const [req] = ctx.server.requests;
  assert.equal(req.headers["x-custom-header"], "custom value");
  assert.equal(req.headers.authorization, API_KEY);
  assert.deepEqual(seen, [`fetch GET /companies/${C}`, "response 200"]);

  const errorsSeen = [];
  const offline = new HTTPClient({ fetcher: () => Promise.reject(new TypeError("fetch failed")) });
  offline.addHook("requestError", (err, r) => void errorsSeen.push([err.message, r.method]));
  const down = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: ctx.server.url, httpClient: offline, retryConfig: { strategy: "none" } });
  const err = await rejection(down.companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.deepEqual(errorsSeen, [["fetch failed", "GET"]]);
});

test("a client without authHeader is built; its calls are refused before sending, naming authHeader", async () => {
  const lines = [];
  const client = new sdk.CodatBankFeeds({ serverURL: ctx.server.url, debugLogger: { debug: (l) => lines.push(l) } });
  const err = await rejection(client.companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "authHeader");
  assert.match(err.message, /authHeader/);
  assert.equal(ctx.server.requests.length, 0);
});

test("the types: either body name but not both, decimals but not plain objects, funcs and HTTPClient typed", () => {
  typeCheck(fileURLToPath(new URL("types/compat.ts", import.meta.url)));
});
