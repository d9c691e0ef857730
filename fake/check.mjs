// Self-check for the fake Codat API: starts it on a free port behind Prism's validating proxy,
// walks the whole bank-feed flow with plain fetch, and fails on every response Prism finds out
// of the spec (its `sl-violations` header) and every status the spec does not document for the
// operation. Exits non-zero on any violation. The schema checking is Prism's: no third validator.
//
//   node fake/check.mjs            (spec: the repository's spec/Codat-Bank-Feeds.json, or $CODAT_SPEC)
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startPrism } from "../js-tests/support/prism.mjs";
import { createClock } from "./index.mjs";
import { startFakeCodat } from "./node.mjs";

const specPath = process.env.CODAT_SPEC || fileURLToPath(new URL("../spec/Codat-Bank-Feeds.json", import.meta.url));
const spec = JSON.parse(readFileSync(specPath, "utf8"));

/** A `$ref` of the spec, resolved. */
function resolvePointer(ref) {
  let node = spec;
  for (const raw of ref.slice(2).split("/")) node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

// ---------------------------------------------------------------------------------------------
// Calling the fake and checking each answer against the spec

const API_KEY = "Basic ZGVtby1rZXk=";
const violations = [];
const notes = new Set();
const exercised = new Set();
let responsesChecked = 0;
const fail = (message) => violations.push(message);
const expect = (cond, message) => {
  if (!cond) fail(message);
  return cond;
};

function documentedResponse(template, method, status) {
  const op = spec.paths[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`not an operation of the spec: ${method} ${template}`);
  let resp = op.responses[String(status)];
  if (!resp) return null;
  if (resp.$ref) resp = resolvePointer(resp.$ref);
  return { content: resp.content, schema: resp.content?.["application/json"]?.schema };
}

function checkBody(label, doc, res, text) {
  if (!doc.content) {
    expect(text === "", `${label}: the spec documents no body, got ${text.length} bytes: ${text.slice(0, 100)}`);
    return undefined;
  }
  expect((res.headers.get("content-type") ?? "").startsWith("application/json"), `${label}: content-type is ${res.headers.get("content-type")}`);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    fail(`${label}: body is not JSON: ${text.slice(0, 100)}`);
    return undefined;
  }
  for (const v of responseViolations(res)) fail(`${label}: ${v}`);
  responsesChecked++;
  return json;
}

/** What Prism's proxy found wrong with the fake's response (request findings are the check's own doing). */
function responseViolations(res) {
  const header = res.headers.get("sl-violations");
  if (!header) return [];
  return JSON.parse(header)
    .filter((v) => v.location?.[0] === "response" && v.severity === "Error")
    .map((v) => `${v.location.join(".")}: ${v.message}`);
}

let baseUrl;
/** Calls an operation of the spec by its path template; validates the answer. */
async function call(method, template, params = {}, { query, body, rawBody, auth = API_KEY, expectStatus, direct = false, key } = {}) {
  const path = template.replace(/\{(\w+)\}/g, (_, k) => {
    if (params[k] === undefined) throw new Error(`missing path parameter ${k} for ${template}`);
    return encodeURIComponent(params[k]);
  });
  const url = new URL((direct ? fake.url : baseUrl) + path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
  const headers = {};
  if (auth) headers.authorization = auth;
  if (key) headers["idempotency-key"] = key;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
    headers["content-type"] = "application/json";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  const label = `${method} ${template} -> ${res.status}`;
  exercised.add(`${method} ${template}`);
  if (expectStatus !== undefined) expect(res.status === expectStatus, `${label}: expected HTTP ${expectStatus}; body ${text.slice(0, 300)}`);
  const doc = documentedResponse(template, method, res.status);
  let json;
  if (doc) json = checkBody(label, doc, res, text);
  else if (res.status >= 400) {
    // Every error the spec documents is an ErrorMessage; a few operations leave out a 400 the
    // fake still gives for an invalid body. Checked as an ErrorMessage and reported as a note.
    notes.add(`${method} ${template}: HTTP ${res.status} is not in the spec for this operation (body checked as ErrorMessage)`);
    json = checkBody(label, { content: true, schema: { $ref: "#/components/schemas/ErrorMessage" } }, res, text);
  } else fail(`${label}: HTTP ${res.status} is not documented for this operation; body ${text.slice(0, 200)}`);
  return { status: res.status, json, text, headers: res.headers };
}

/** For requests that are not an operation of the spec (unknown routes): answer must be an ErrorMessage. */
async function callRaw(method, path, { auth = API_KEY, expectStatus } = {}) {
  const res = await fetch(baseUrl + path, { method, headers: auth ? { authorization: auth } : {} });
  const text = await res.text();
  const label = `${method} ${path} -> ${res.status}`;
  if (expectStatus !== undefined) expect(res.status === expectStatus, `${label}: expected HTTP ${expectStatus}`);
  const json = checkBody(label, { content: true, schema: { $ref: "#/components/schemas/ErrorMessage" } }, res, text);
  return { status: res.status, json };
}

function isFullErrorMessage(json, status, label) {
  const ok =
    json &&
    json.statusCode === status &&
    typeof json.service === "string" &&
    typeof json.error === "string" &&
    /^[0-9a-f]{32}$/.test(json.correlationId) &&
    json.canBeRetried === "Unknown" &&
    json.detailedErrorCode === 0;
  expect(ok, `${label}: not a full ErrorMessage with statusCode ${status}: ${JSON.stringify(json)}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The flow

const P = {
  companies: "/companies",
  company: "/companies/{companyId}",
  token: "/companies/{companyId}/accessToken",
  connections: "/companies/{companyId}/connections",
  connection: "/companies/{companyId}/connections/{connectionId}",
  bankAccounts: "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
  bankAccountOptions: "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
  pushBankAccount: "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
  batch: "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/batch",
  sources: "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts",
  source: "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/{accountId}",
  credentials: "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/credentials",
  mapping: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
  info: "/companies/{companyId}/connections/{connectionId}/bankFeeds/info",
  otp: "/companies/{companyId}/connections/{connectionId}/bankFeeds/otp",
  transactions: "/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions",
  transactionOptions: "/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions",
  pushOp: "/companies/{companyId}/push/{pushOperationKey}",
  pushOps: "/companies/{companyId}/push",
  sync: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/{syncId}",
  latestSync: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/latest",
  syncs: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs",
};

const logLines = [];
const fake = await startFakeCodat({ apiKey: API_KEY, log: (line) => logLines.push(line) });
const proxy = await startPrism(specPath, { upstream: fake.url });
baseUrl = proxy.url;
const started = Date.now();

try {
  // --- auth
  for (const auth of [null, "Basic d3Jvbmc=", `${API_KEY}x`, "basic ZGVtby1rZXk=", "Bearer not-a-token", "ZGVtby1rZXk="]) {
    const r = await call("GET", P.companies, {}, { auth, expectStatus: 401 });
    isFullErrorMessage(r.json, 401, `401 with ${auth === null ? "no" : `the wrong "${auth}"`} Authorization`);
    expect(r.json?.service === "PublicApi" && r.json?.error === "Unauthorized", `401 body: ${JSON.stringify(r.json)}`);
  }

  // --- companies
  let r = await call("POST", P.companies, {}, { body: { description: "no name" }, expectStatus: 400 });
  isFullErrorMessage(r.json, 400, "create company without name");
  // Straight to the fake: Prism's proxy answers malformed JSON itself.
  r = await call("POST", P.companies, {}, { rawBody: "{not json", expectStatus: 400, direct: true });
  isFullErrorMessage(r.json, 400, "invalid JSON body");

  r = await call("POST", P.companies, {}, { body: { name: "Toft stores", description: "Bank feed demo", tags: { region: "uk" } }, expectStatus: 200 });
  const company = r.json;
  expect(
    company?.name === "Toft stores" && company.description === "Bank feed demo" && company.tags?.region === "uk",
    `created company: ${JSON.stringify(company)}`,
  );
  expect(company?.redirect === `https://link.codat.io/company/${company?.id}`, "company redirect");
  const companyId = company.id;
  for (const name of ["Other Co 1", "Other Co 2"]) await call("POST", P.companies, {}, { body: { name }, expectStatus: 200 });

  r = await call("GET", P.companies, {}, { query: { query: "name=Toft stores" }, expectStatus: 200 });
  expect(r.json?.totalResults === 1 && r.json.results[0].id === companyId, `query name=: ${JSON.stringify(r.json)}`);
  r = await call("GET", P.companies, {}, { query: { query: `id=${companyId}` }, expectStatus: 200 });
  expect(r.json?.totalResults === 1, "query id=");
  r = await call("GET", P.companies, {}, { query: { page: 1, pageSize: 2 }, expectStatus: 200 });
  expect(
    r.json?.results.length === 2 && r.json.totalResults === 3 && r.json._links.next && !r.json._links.previous,
    `page 1 links: ${JSON.stringify(r.json?._links)}`,
  );
  r = await call("GET", P.companies, {}, { query: { page: 2, pageSize: 2 }, expectStatus: 200 });
  expect(r.json?.results.length === 1 && r.json._links.previous && !r.json._links.next, `page 2 links: ${JSON.stringify(r.json?._links)}`);
  await call("GET", P.companies, {}, { query: { query: "nosuchfield=1" }, expectStatus: 400 });
  await call("GET", P.companies, {}, { query: { pageSize: 0 }, expectStatus: 400 });

  r = await call("GET", P.company, { companyId }, { expectStatus: 200 });
  expect(r.json?.id === companyId, "get company");
  r = await call("GET", P.company, { companyId: "00000000-0000-0000-0000-000000000000" }, { expectStatus: 404 });
  isFullErrorMessage(r.json, 404, "unknown company");
  r = await call("PUT", P.company, { companyId }, { body: { name: "Toft stores", description: "replaced" }, expectStatus: 200 });
  expect(r.json?.description === "replaced" && Object.keys(r.json.tags ?? {}).length === 0, `PUT replaces: ${JSON.stringify(r.json)}`);
  r = await call("PATCH", P.company, { companyId }, { body: { tags: { team: "feeds" } }, expectStatus: 200 });
  expect(r.json?.tags?.team === "feeds" && r.json.description === "replaced", `PATCH merges: ${JSON.stringify(r.json)}`);

  // --- connections
  r = await call("POST", P.connections, { companyId }, { body: { platformKey: "GBOL!" }, expectStatus: 400 });
  r = await call("POST", P.connections, { companyId }, { body: { platformKey: "gbol" }, expectStatus: 200 });
  const connection = r.json;
  const connectionId = connection.id;
  expect(
    connection?.status === "Linked" && connection.sourceType === "Accounting" && connection.integrationKey === "gbol",
    `connection: ${JSON.stringify(connection)}`,
  );
  r = await call("GET", P.connections, { companyId }, { expectStatus: 200 });
  expect(r.json?.totalResults === 1 && r.json.results[0].id === connectionId, "list connections");
  r = await call("GET", P.connection, { companyId, connectionId }, { expectStatus: 200 });
  r = await call("GET", P.connection, { companyId, connectionId: "00000000-0000-0000-0000-000000000000" }, { expectStatus: 404 });
  isFullErrorMessage(r.json, 404, "unknown connection");
  r = await call("GET", P.company, { companyId }, { expectStatus: 200 });
  expect(r.json?.dataConnections?.length === 1 && r.json.dataConnections[0].id === connectionId, "company.dataConnections");
  const ids = { companyId, connectionId };

  // --- source accounts (version 2 on this connection)
  const v2 = {
    id: "acc-001",
    accountName: "account-081",
    accountType: "checking",
    accountNumber: "12345670",
    routingInfo: { bankCode: "021001088", type: "bankcode" },
    currency: "GBP",
    balance: 99.99,
    accountInfo: { description: "account description 1", nickname: "account 123", accountOpenDate: "2023-05-06", availableBalance: 10 },
    modifiedDate: "2024-08-02T00:00:00.000Z",
  };
  r = await call("POST", P.sources, ids, { body: v2, expectStatus: 200 });
  expect(r.json?.id === "acc-001" && r.json.status === "pending" && r.json.accountInfo?.nickname === "account 123", `create v2: ${JSON.stringify(r.json)}`);
  r = await call("POST", P.sources, ids, { body: { id: "acc-bad", accountType: "checking" }, expectStatus: 400 });
  r = await call("POST", P.sources, ids, { body: v2, expectStatus: 400 });

  const mk = (id) => ({ id, accountName: `Account ${id}`, accountType: "savings", accountNumber: "23456789", currency: "GBP", balance: 400 });
  r = await call("POST", P.batch, ids, { body: [mk("acc-010"), mk("acc-011")], expectStatus: 201 });
  expect(
    r.json?.length === 2 && r.json.every((x) => x.result?.statusCode === 201 && x.result.account?.status === "pending"),
    `batch 201: ${JSON.stringify(r.json)}`,
  );
  r = await call("POST", P.batch, ids, { body: [mk("acc-010"), mk("acc-012")], expectStatus: 207 });
  expect(r.json?.[0]?.result?.error && !r.json[0].result.account && r.json[1]?.result?.account?.id === "acc-012", `batch 207: ${JSON.stringify(r.json)}`);
  r = await call("POST", P.batch, ids, { body: [mk("acc-010"), mk("acc-011")], expectStatus: 409 });
  expect(r.json?.length === 2 && r.json.every((x) => x.result?.error), `batch 409: ${JSON.stringify(r.json)}`);

  r = await call("GET", P.sources, ids, { expectStatus: 200 });
  expect(r.json?.map((a) => a.id).join() === "acc-001,acc-010,acc-011,acc-012", `list sources: ${r.json?.map((a) => a.id)}`);
  r = await call(
    "PATCH",
    P.source,
    { ...ids, accountId: "acc-011" },
    { body: { id: "acc-011", accountName: "Renamed savings", balance: 450 }, expectStatus: 200 },
  );
  expect(r.json?.accountName === "Renamed savings" && r.json.balance === 450, `patch source: ${JSON.stringify(r.json)}`);
  await call("PATCH", P.source, { ...ids, accountId: "acc-404" }, { body: { id: "acc-404" }, expectStatus: 404 });
  await call("DELETE", P.source, { ...ids, accountId: "acc-012" }, { expectStatus: 204 });

  r = await call("POST", P.credentials, ids, { body: { any: "json" }, expectStatus: 200 });
  expect(typeof r.json?.username === "string" && typeof r.json.password === "string", "credentials");
  await call("DELETE", P.credentials, ids, { expectStatus: 204 });
  r = await call("POST", P.otp, ids, { expectStatus: 200 });
  expect(/^[A-Z0-9]{6}$/.test(r.json?.otp ?? ""), `otp: ${JSON.stringify(r.json)}`);
  r = await call("GET", P.info, ids, { expectStatus: 200 });
  expect(r.json?.companyName === "Toft stores", "company information");

  // --- a second connection with version 1 accounts (lists are all v2 or all v1)
  r = await call("POST", P.connections, { companyId }, { body: { platformKey: "qhyg" }, expectStatus: 200 });
  const ids1 = { companyId, connectionId: r.json.id };
  r = await call("POST", P.sources, ids1, {
    body: { id: "acc-002", accountName: "account-081", sortCode: "123456", accountType: "Credit", accountNumber: "12345670", currency: "GBP", balance: 99.99 },
    expectStatus: 200,
  });
  expect(r.json?.status === "pending" && !("routingInfo" in (r.json ?? {})), `create v1: ${JSON.stringify(r.json)}`);
  r = await call("POST", P.batch, ids1, { body: [{ id: "acc-003", accountName: "account-095", currency: "USD", balance: 0 }], expectStatus: 201 });
  await call("POST", P.sources, ids1, { body: mk("acc-v2-on-v1"), expectStatus: 400 });
  r = await call("GET", P.sources, ids1, { expectStatus: 200 });
  expect(r.json?.length === 2, "list v1 sources");

  // --- mapping
  r = await call("GET", P.mapping, ids, { expectStatus: 200 });
  const m1 = r.json?.find((m) => m.sourceAccountId === "acc-001");
  expect(m1?.targetAccountOptions?.length === 2 && m1.targetAccountId === null && m1.status === "pending", `mapping before: ${JSON.stringify(m1)}`);
  const target = m1.targetAccountOptions[0];
  r = await call("POST", P.mapping, ids, {
    body: { sourceAccountId: "acc-001", targetAccountId: target.id, feedStartDate: "2024-05-01T00:00:00Z" },
    expectStatus: 200,
  });
  expect(r.json?.status === "Success" && r.json.sourceAccountId === "acc-001" && r.json.targetAccountId === target.id, `map: ${JSON.stringify(r.json)}`);
  r = await call("POST", P.mapping, ids, { body: { sourceAccountId: "acc-010", targetAccountId: target.id }, expectStatus: 200 });
  expect(r.json?.status === "Failed" && typeof r.json.error === "string", `second feed to the same target: ${JSON.stringify(r.json)}`);
  await call("POST", P.mapping, ids, { body: { sourceAccountId: "nope", targetAccountId: target.id }, expectStatus: 404 });
  r = await call("GET", P.mapping, ids, { expectStatus: 200 });
  const m2 = r.json?.find((m) => m.sourceAccountId === "acc-001");
  expect(
    m2?.status === "connected" && m2.targetAccountId === target.id && m2.targetAccountName === target.name && m2.feedStartDate === "2024-05-01",
    `mapping after: ${JSON.stringify(m2)}`,
  );
  r = await call("GET", P.sources, ids, { expectStatus: 200 });
  expect(r.json?.find((a) => a.id === "acc-001")?.status === "connected", "source account connected");
  // Options are filtered by currency and type: no debit account fits a GBP credit account, the
  // USD one fits a USD account; a mapping with no targetAccountId creates a new account.
  r = await call("GET", P.mapping, ids1, { expectStatus: 200 });
  const optionsOf = (id) => r.json?.find((m) => m.sourceAccountId === id)?.targetAccountOptions;
  expect(
    optionsOf("acc-002")?.length === 0 &&
      optionsOf("acc-003")
        ?.map((o) => o.name)
        .join() === "US Dollar Account",
    `filtered options: ${JSON.stringify(r.json)}`,
  );
  r = await call("POST", P.mapping, ids1, { body: { sourceAccountId: "acc-002", feedStartDate: "2024-06-01" }, expectStatus: 200 });
  expect(r.json?.status === "Success" && typeof r.json.targetAccountId === "string", `map to a new account: ${JSON.stringify(r.json)}`);
  const created = r.json.targetAccountId;
  r = await call("GET", P.mapping, ids1, { expectStatus: 200 });
  const m3 = r.json?.find((m) => m.sourceAccountId === "acc-002");
  expect(
    m3?.status === "connected" && m3.targetAccountId === created && m3.targetAccountName === "account-081" && m3.targetAccountOptions?.[0]?.id === created,
    `mapped to the new account: ${JSON.stringify(m3)}`,
  );

  // --- bank accounts
  r = await call("GET", P.bankAccounts, ids, { expectStatus: 200 });
  expect(r.json?.totalResults === 3 && r.json.results.some((b) => b.id === target.id), "bank accounts are the target options");
  await call("GET", P.bankAccountOptions, ids, { expectStatus: 200 });
  r = await call("POST", P.pushBankAccount, ids, {
    body: { accountName: "New feed account", accountType: "Debit", currency: "GBP", balance: 0 },
    query: { timeoutInMinutes: 10 },
    expectStatus: 200,
  });
  expect(
    r.json?.status === "Pending" && r.json.dataType === "bankAccounts" && r.json.data?.accountName === "New feed account",
    `push bank account: ${JSON.stringify(r.json)}`,
  );
  await call("POST", P.pushBankAccount, ids, { body: { accountName: "x", currency: "pounds" }, expectStatus: 400 });

  // --- transactions
  await call("GET", P.transactionOptions, { ...ids, accountId: "acc-001" }, { expectStatus: 200 });
  await call("GET", P.transactionOptions, { ...ids, accountId: "nope" }, { expectStatus: 404 });
  const transactions = [
    {
      id: "txn-001",
      date: "2024-05-02T09:15:00",
      description: "Coffee beans",
      counterparty: "Bean Co",
      reference: "INV-1",
      reconciled: false,
      amount: -42.1,
      balance: 57.89,
      transactionType: "Debit",
    },
    { id: "txn-002", date: "2024-05-02T16:40:00", description: "Card sales", amount: 310, balance: 367.89, transactionType: "Credit" },
  ];
  await call(
    "POST",
    P.transactions,
    { ...ids, accountId: "acc-001" },
    { body: { accountId: "acc-001", transactions: [{ amount: "ten" }] }, expectStatus: 400 },
  );
  await call("POST", P.transactions, { ...ids, accountId: "nope" }, { body: { accountId: "nope", transactions }, expectStatus: 404 });
  const syncBefore = await call("GET", P.latestSync, { ...ids, sourceAccountId: "acc-001" }, { expectStatus: 204 });
  void syncBefore;
  r = await call(
    "POST",
    P.transactions,
    { ...ids, accountId: "acc-001" },
    { body: { accountId: "acc-001", transactions }, query: { timeoutInMinutes: 5 }, expectStatus: 200 },
  );
  const pushed = r.json;
  expect(
    pushed?.status === "Pending" &&
      pushed.dataType === "bankTransactions" &&
      pushed.companyId === companyId &&
      pushed.dataConnectionKey === connectionId &&
      pushed.timeoutInMinutes === 5 &&
      pushed.data?.transactions?.length === 2 &&
      !("completedOnUtc" in pushed),
    `push transactions: ${JSON.stringify(pushed)}`,
  );
  r = await call("GET", P.pushOp, { companyId, pushOperationKey: pushed.pushOperationKey }, { expectStatus: 200 });
  expect(r.json?.status === "Pending", `operation right after the push: ${r.json?.status}`);
  let op = r.json;
  const deadline = Date.now() + 5000;
  while (op?.status === "Pending" && Date.now() < deadline) {
    await sleep(50);
    op = (await call("GET", P.pushOp, { companyId, pushOperationKey: pushed.pushOperationKey }, { expectStatus: 200 })).json;
  }
  expect(
    op?.status === "Success" && op.statusCode === 200 && typeof op.completedOnUtc === "string" && op.changes?.length === 2,
    `operation after polling: ${JSON.stringify(op)}`,
  );
  await call("GET", P.pushOp, { companyId, pushOperationKey: "00000000-0000-0000-0000-000000000000" }, { expectStatus: 404 });
  r = await call("GET", P.pushOps, { companyId }, { expectStatus: 200 });
  expect(
    r.json?.totalResults === 2 && r.json.results.every((o) => o.status === "Success"),
    `list operations: ${JSON.stringify(r.json?.results?.map((o) => o.status))}`,
  );
  r = await call("GET", P.pushOps, { companyId }, { query: { query: "dataType=bankTransactions" }, expectStatus: 200 });
  expect(r.json?.totalResults === 1, "query push operations");
  r = await call("GET", P.company, { companyId }, { expectStatus: 200 });
  expect(typeof r.json?.lastSync === "string", "company.lastSync set after a push");

  // --- idempotency and rate limits, as Codat documents them
  const key = randomUUID();
  const keyed = await call("POST", P.companies, {}, { body: { name: "Keyed once" }, key, expectStatus: 200 });
  const replayed = await call("POST", P.companies, {}, { body: { name: "Keyed once" }, key, expectStatus: 200 });
  expect(replayed.json?.id === keyed.json?.id, "the same Idempotency-Key replays the first answer");
  await call("POST", P.companies, {}, { body: { name: "Another body" }, key, expectStatus: 422 });
  r = await call("GET", P.companies, {}, { query: { query: "name=Keyed once" }, expectStatus: 200 });
  expect(r.json?.totalResults === 1, `one company written under the key: ${r.json?.totalResults}`);
  for (const h of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"]) expect(r.headers.get(h), `${h} on every response`);
  expect(Number(r.headers.get("x-rate-limit-limit")) >= 2000, "the quota counts connected companies");

  // --- managed bank feeds
  r = await call("POST", P.syncs, { ...ids, sourceAccountId: "acc-001" }, { expectStatus: 201 });
  const syncId = r.json?.syncId;
  r = await call("POST", P.syncs, { ...ids, sourceAccountId: "acc-001" }, { expectStatus: 409 });
  r = await call("GET", P.sync, { ...ids, sourceAccountId: "acc-001", syncId }, { expectStatus: 200 });
  expect(r.json?.status === "Started" && r.json.executionEndUtc === null, `sync right after start: ${JSON.stringify(r.json)}`);
  let sync = r.json;
  const syncDeadline = Date.now() + 5000;
  while (sync?.status === "Started" && Date.now() < syncDeadline) {
    await sleep(50);
    sync = (await call("GET", P.sync, { ...ids, sourceAccountId: "acc-001", syncId }, { expectStatus: 200 })).json;
  }
  expect(
    sync?.status === "SuccessDataPushed" && sync.pushOperationKeys?.includes(pushed.pushOperationKey) && typeof sync.executionEndUtc === "string",
    `finished sync: ${JSON.stringify(sync)}`,
  );
  r = await call("GET", P.latestSync, { ...ids, sourceAccountId: "acc-001" }, { expectStatus: 200 });
  expect(r.json?.syncId === syncId, "latest sync");
  await call("GET", P.sync, { ...ids, sourceAccountId: "acc-001", syncId: "00000000-0000-0000-0000-000000000000" }, { expectStatus: 404 });
  r = await call("POST", P.syncs, { ...ids, sourceAccountId: "acc-010" }, { expectStatus: 201 });
  const unmappedSync = r.json?.syncId;
  await sleep(350);
  r = await call("GET", P.sync, { ...ids, sourceAccountId: "acc-010", syncId: unmappedSync }, { expectStatus: 200 });
  expect(r.json?.status === "Failed" && r.json.errorMessage, `sync of an unmapped account: ${JSON.stringify(r.json)}`);

  // --- company access tokens
  r = await call("GET", P.token, { companyId }, { expectStatus: 200 });
  expect(r.json?.tokenType === "Bearer" && r.json.expiresIn === 86400 && r.json.accessToken, `access token: ${JSON.stringify(r.json)}`);
  const bearer = `Bearer ${r.json.accessToken}`;
  r = await call("GET", P.company, { companyId }, { auth: bearer, expectStatus: 200 });
  r = await call("GET", P.sources, ids, { auth: bearer, expectStatus: 200 });
  r = await call("GET", P.companies, {}, { auth: bearer, expectStatus: 403 });
  isFullErrorMessage(r.json, 403, "bearer on /companies");
  const other = (await call("POST", P.companies, {}, { body: { name: "Other Co 3" }, expectStatus: 200 })).json;
  r = await call("GET", P.company, { companyId: other.id }, { auth: bearer, expectStatus: 403 });

  // --- errors outside the spec's operations
  r = await callRaw("GET", "/no/such/route", { expectStatus: 404 });
  isFullErrorMessage(r.json, 404, "unknown route");
  r = await callRaw("GET", "/no/such/route", { auth: null, expectStatus: 401 });

  // --- unlink and delete
  r = await call("PATCH", P.connection, ids, { body: {}, expectStatus: 200 });
  expect(r.json?.status === "Unlinked", "unlink default");
  r = await call("PATCH", P.connection, ids, { body: { status: "Linked" }, expectStatus: 200 });
  expect(r.json?.status === "Linked", "relink");
  await call("PATCH", P.connection, ids, { body: { status: "Broken" }, expectStatus: 400 });
  await call("DELETE", P.source, { ...ids, accountId: "acc-011" }, { expectStatus: 204 });
  r = await call("DELETE", P.connection, ids1, { expectStatus: 200 });
  await call("GET", P.connection, ids1, { expectStatus: 404 });

  // The state other tests inspect: companies -> { data, connections -> { data, accounts } }.
  const stateCompany = fake.state.companies.get(companyId);
  expect(
    stateCompany?.data?.name === "Toft stores" && stateCompany.connections.get(connectionId)?.accounts.get("acc-001")?.status === "connected",
    "state shape",
  );

  await call("DELETE", P.company, { companyId }, { expectStatus: 204 });
  await call("GET", P.company, { companyId }, { expectStatus: 404 });
  await call("GET", P.company, { companyId }, { auth: bearer, expectStatus: 401 });

  // --- logging: one line per request, never the Authorization value
  expect(logLines.length > 50 && logLines.some((l) => /^GET \/companies 401 /.test(l)), `log lines: ${logLines.slice(0, 3)}`);
  expect(!logLines.some((l) => l.includes("ZGVtby1rZXk") || l.includes("Bearer")), "log lines must not contain credentials");
} finally {
  proxy.stop();
  await fake.close();
}

// --- token expiry and push timing, on a second instance with short timings and its own clock
{
  // A frozen clock, moved by hand: the token expires when the check says so, however slow
  // the machine (a real 100 ms lifetime could pass inside Prism's proxy).
  const clock = createClock(new Date());
  const quick = await startFakeCodat({
    apiKey: API_KEY,
    clock,
    tokenExpiresIn: 0.1,
    pushCompletesAfterMs: 0,
    faults: [{ fault: "drop", operation: "companies.create" }],
  });
  const quickProxy = await startPrism(specPath, { upstream: quick.url });
  baseUrl = quickProxy.url;
  try {
    // The first keyed write commits and its answer is lost; the retry with its key gets it.
    const key = randomUUID();
    const lost = await fetch(`${quick.url}/companies`, {
      method: "POST",
      headers: { authorization: API_KEY, "content-type": "application/json", "idempotency-key": key },
      body: '{"name":"Lost once"}',
    }).then(
      () => "answered",
      () => "cut",
    );
    expect(lost === "cut", `the first answer is lost: ${lost}`);
    const kept = await call("POST", P.companies, {}, { body: { name: "Lost once" }, key, expectStatus: 200 });
    const listed = await call("GET", P.companies, {}, { query: { query: "name=Lost once" }, expectStatus: 200 });
    expect(listed.json?.totalResults === 1 && listed.json.results[0].id === kept.json?.id, "a write whose answer was lost lands once");
    const company = (await call("POST", P.companies, {}, { body: { name: "Expiring" }, expectStatus: 200 })).json;
    const token = (await call("GET", P.token, { companyId: company.id }, { expectStatus: 200 })).json;
    expect(token?.expiresIn === 0, `expiresIn with a 100 ms ttl: ${token?.expiresIn}`);
    await call("GET", P.company, { companyId: company.id }, { auth: `Bearer ${token.accessToken}`, expectStatus: 200 });
    clock.advance(150);
    await call("GET", P.company, { companyId: company.id }, { auth: `Bearer ${token.accessToken}`, expectStatus: 401 });
  } finally {
    quickProxy.stop();
    await quick.close();
  }
}

// Every operation of the spec was called at least once.
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
    .map((m) => `${m.toUpperCase()} ${path}`),
);
const missed = operations.filter((o) => !exercised.has(o));
for (const o of missed) fail(`operation never exercised: ${o}`);

const took = ((Date.now() - started) / 1000).toFixed(1);
for (const n of notes) console.log(`note: ${n}`);
if (violations.length > 0) {
  console.error(`FAIL: ${violations.length} violation(s):`);
  for (const v of violations) console.error(`  - ${v}`);
  process.exit(1);
}
console.log(
  `OK: ${operations.length}/${operations.length} operations exercised, ${responsesChecked} response bodies valid against ${specPath.replace(/.*\/(?=spec\/)/, "")} (${took}s)`,
);
