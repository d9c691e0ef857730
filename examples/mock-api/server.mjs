// A stateful, in-memory fake of the Codat Bank Feeds API (the contract is the OpenAPI spec the
// client is generated from). Node 20 standard library only, no dependencies.
//
//   import { startFakeCodat } from "./server.mjs";
//   const fake = await startFakeCodat({ apiKey: "Basic ZGVtby1rZXk=" });
//   ... point the client's serverURL at fake.url ...
//   await fake.close();
//
// or run it: `node examples/mock-api/server.mjs [--port 4010] [--host 127.0.0.1] [--log]`.
//
// State lives in memory only and is lost on close. Timed transitions (push operations becoming
// "Success", managed syncs finishing) are applied when the next request arrives, using the time
// they were due, so no timers are left running.

import { createHash, randomBytes, randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";

const DEFAULT_API_KEY = "Basic ZGVtby1rZXk="; // base64("demo-key")
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const SERVICE = "PublicApi";

const V2_ACCOUNT_TYPES = ["checking", "savings", "loan", "creditCard", "prepaidCard"];
const SOURCE_ACCOUNT_STATUSES = ["pending", "connected", "connecting", "disconnected", "unknown"];
const ROUTING_TYPES = ["rtn", "aba", "swift", "bsb", "iban", "nz2", "trno", "sortcode", "blz", "ifsc", "bankcode", "apca", "clabe"];
const CONNECTION_STATUSES = ["PendingAuth", "Linked", "Unlinked", "Deauthorized"];
const BANK_ACCOUNT_TYPES = ["Unknown", "Credit", "Debit"];
const BANK_ACCOUNT_STATUSES = ["Unknown", "Active", "Archived", "Pending"];
const TRANSACTION_TYPES = [
  "Unknown",
  "Credit",
  "Debit",
  "Int",
  "Div",
  "Fee",
  "SerChg",
  "Dep",
  "Atm",
  "Pos",
  "Xfer",
  "Check",
  "Payment",
  "Cash",
  "DirectDep",
  "DirectDebit",
  "RepeatPmt",
  "Other",
];
const COMPANY_NAME_PATTERN = /^[A-Za-z0-9\s\-',&@.,?!\s]+$/;
const PLATFORM_NAMES = {
  gbol: "Xero",
  qhyg: "QuickBooks Online",
  hcws: "QuickBooks Online Bank Feeds",
  mqjo: "Sandbox",
};

// ---------------------------------------------------------------------------------------------
// Errors and small helpers

class ApiError extends Error {
  constructor(status, message, validation) {
    super(message);
    this.status = status;
    this.validation = validation;
  }
}

const badRequest = (message, validation) => new ApiError(400, message, validation);
const notFound = (message) => new ApiError(404, message);

function errorBody(statusCode, error, validation) {
  const body = { statusCode, service: SERVICE, error, correlationId: randomBytes(16).toString("hex") };
  if (validation) body.validation = validation;
  body.canBeRetried = "Unknown";
  body.detailedErrorCode = 0;
  return body;
}

/** Collects field problems; `throwIfAny` turns them into one 400 ErrorMessage. */
class Problems {
  constructor() {
    this.items = [];
  }
  add(itemId, message) {
    this.items.push({ itemId, message, validatorName: "FakeCodatValidator" });
  }
  throwIfAny(summary = "Error processing request - not valid.") {
    if (this.items.length > 0) {
      const detail = this.items.map((e) => (e.itemId ? `${e.itemId}: ${e.message}` : e.message)).join("; ");
      throw badRequest(`${summary} ${detail}`, { errors: this.items, warnings: [] });
    }
  }
}

const iso = (ms) => new Date(ms).toISOString();
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const has = (o, k) => Object.hasOwn(o, k);

/** A stable UUID-shaped id derived from a string (integration ids per platform key). */
function stableUuid(seed) {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function randomCode(length, alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

function requireObjectBody(body, what = "request body") {
  if (body === undefined) throw badRequest(`Error processing request - the ${what} is required.`);
  if (!isObject(body)) throw badRequest(`Error processing request - the ${what} must be a JSON object.`);
  return body;
}

// Field checks: each returns true when the value is acceptable.
function checkString(p, obj, key, { required = false, nullable = false, minLength = 0 } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (typeof v !== "string") p.add(key, `'${key}' must be a string.`);
  else if (v.length < minLength) p.add(key, `'${key}' must not be empty.`);
}

function checkNumber(p, obj, key, { required = false, nullable = false } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (!isNumber(v)) p.add(key, `'${key}' must be a number.`);
}

function checkEnum(p, obj, key, values, { required = false, nullable = false } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (!values.includes(v)) p.add(key, `'${key}' must be one of: ${values.join(", ")}.`);
}

function checkCurrency(p, obj, key, { required = false } = {}) {
  checkString(p, obj, key, { required });
  if (typeof obj[key] === "string" && !/^[A-Z]{3}$/.test(obj[key])) {
    p.add(key, `'${key}' must be an ISO 4217 currency code such as GBP.`);
  }
}

function checkTags(p, tags) {
  if (tags === undefined) return;
  if (!isObject(tags)) {
    p.add("tags", "'tags' must be an object of string values.");
    return;
  }
  const keys = Object.keys(tags);
  if (keys.length > 10) p.add("tags", "At most 10 tags are allowed.");
  for (const k of keys) {
    if (k.length < 1 || k.length > 27) p.add(`tags.${k}`, "Tag names must be 1 to 27 characters long.");
    if (typeof tags[k] !== "string") p.add(`tags.${k}`, "Tag values must be strings.");
    else if (tags[k].length > 100) p.add(`tags.${k}`, "Tag values must be at most 100 characters long.");
  }
}

// ---------------------------------------------------------------------------------------------
// Query language: `field op value` clauses joined by && and || (&& binds tighter), where op is one
// of = != > < >= <= ~ (contains). Values may be wrapped in quotes or {braces}. Comparison of
// strings is case-insensitive.

function parseQuery(text, knownFields, resource) {
  const orGroups = text.split("||").map((group) =>
    group.split("&&").map((clause) => {
      const m = /^\s*([A-Za-z_][\w.]*)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$/.exec(clause);
      if (!m || m[3] === "") throw new ApiError(400, "Error parsing query - Malformed query.");
      const [, field, op, raw] = m;
      if (knownFields && !knownFields.includes(field)) {
        throw new ApiError(400, `Error parsing query - Could not resolve property ${field} on ${resource}`);
      }
      let value = raw;
      if (/^(".*"|'.*'|\{.*\})$/.test(value)) value = value.slice(1, -1);
      return { field, op, value };
    }),
  );
  return (record) => orGroups.some((clauses) => clauses.every((c) => matchClause(record, c)));
}

function matchClause(record, { field, op, value }) {
  let actual = record;
  for (const part of field.split(".")) actual = actual == null ? undefined : actual[part];
  if (value.toLowerCase() === "null") {
    const isNull = actual === null || actual === undefined;
    return op === "!=" ? !isNull : op === "=" ? isNull : false;
  }
  if (actual === null || actual === undefined) return op === "!=";
  let a = actual;
  let b = value;
  if (typeof actual === "number") {
    b = Number(value);
    if (Number.isNaN(b)) return op === "!=";
  } else if (typeof actual === "boolean") {
    a = String(actual);
    b = value.toLowerCase();
  } else {
    a = String(actual).toLowerCase();
    b = value.toLowerCase();
  }
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case ">":
      return a > b;
    case "<":
      return a < b;
    case ">=":
      return a >= b;
    case "<=":
      return a <= b;
    case "~":
      return String(a).includes(String(b));
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The server

/**
 * Starts the fake API.
 * @param {object} [options]
 * @param {number} [options.port=0] 0 picks a free port
 * @param {string} [options.host="127.0.0.1"]
 * @param {string} [options.apiKey="Basic ZGVtby1rZXk="] the exact Authorization value accepted
 * @param {number} [options.tokenTtlMs=86400000] lifetime of company access tokens
 * @param {number} [options.pushCompletesAfterMs=300] push operations are "Pending" for this long
 * @param {number} [options.syncCompletesAfterMs=300] managed bank feed syncs are "Started" for this long
 * @param {boolean|((line: string) => void)} [options.log=false] one line per request
 * @returns {Promise<{ url: string, close: () => Promise<void>, state: object }>}
 */
export async function startFakeCodat({
  port = 0,
  host = "127.0.0.1",
  apiKey = DEFAULT_API_KEY,
  tokenTtlMs = 24 * 60 * 60 * 1000,
  pushCompletesAfterMs = 300,
  syncCompletesAfterMs = 300,
  log = false,
} = {}) {
  if (typeof apiKey !== "string" || !apiKey.startsWith("Basic ")) {
    throw new TypeError('startFakeCodat: apiKey must be a "Basic ..." Authorization value');
  }
  const logLine = typeof log === "function" ? log : log ? (line) => console.log(line) : null;

  const state = {
    clientId: randomUUID(),
    /**
     * companyId -> { data, connections }: `data` holds the company's own fields (id, name,
     * description, tags, created, lastSync, createdByUserName, products); `connections` maps
     * connectionId -> { data, accounts, accountMeta, bankAccounts, credentials, otps } where
     * `data` is the Connection body, `accounts` maps source account id -> the account as the API
     * returns it, `accountMeta` -> { version, targetAccountId, transactions } and `bankAccounts`
     * holds the target accounts of the accounting software.
     */
    companies: new Map(),
    /** access token -> { companyId, expiresAt } */
    tokens: new Map(),
    /** pushOperationKey -> push operation record */
    pushOperations: new Map(),
    /** syncId -> managed bank feed sync record */
    syncs: new Map(),
  };

  // ----- views: records -> response bodies (shapes follow the spec's schemas)

  const connectionView = (k) => structuredClone(k.data);

  const companyView = (c) => {
    const d = c.data;
    const view = { id: d.id, name: d.name };
    if (typeof d.description === "string") view.description = d.description;
    Object.assign(view, {
      redirect: `https://link.codat.io/company/${d.id}`,
      lastSync: d.lastSync,
      created: d.created,
      createdByUserName: d.createdByUserName,
      products: [...d.products],
      tags: { ...d.tags },
      referenceParentCompany: null,
      referenceSubsidiaryCompanies: [],
      dataConnections: [...c.connections.values()].map(connectionView),
    });
    return view;
  };

  const V1_FIELDS = ["id", "accountName", "accountType", "accountNumber", "sortCode", "currency", "balance", "modifiedDate", "status", "feedStartDate"];
  const sourceAccountView = (account) => structuredClone(account);
  /** The `SourceAccount` (v1) shape of any stored account: what PATCH answers with. */
  const sourceAccountV1View = (account) => {
    const out = {};
    for (const f of V1_FIELDS) if (has(account, f)) out[f] = structuredClone(account[f]);
    return out;
  };

  const bankAccountView = (b) => structuredClone(b);

  const pushOperationView = (op) => {
    const view = {
      changes: op.changes ? structuredClone(op.changes) : null,
      dataType: op.dataType,
      companyId: op.companyId,
      pushOperationKey: op.pushOperationKey,
      dataConnectionKey: op.dataConnectionKey,
      requestedOnUtc: op.requestedOnUtc,
    };
    if (op.completedOnUtc) view.completedOnUtc = op.completedOnUtc;
    Object.assign(view, {
      timeoutInMinutes: op.timeoutInMinutes,
      status: op.status,
      errorMessage: op.errorMessage,
      validation: { errors: [], warnings: [] },
      statusCode: op.statusCode,
      data: structuredClone(op.data),
    });
    return view;
  };

  const syncView = (s) => ({
    syncId: s.syncId,
    clientId: state.clientId,
    companyId: s.companyId,
    companyName: s.companyName,
    dataConnectionId: s.dataConnectionId,
    sourceAccountId: s.sourceAccountId,
    periodStartUtc: s.periodStartUtc,
    periodEndUtc: s.periodEndUtc,
    executionStartUtc: s.executionStartUtc,
    status: s.status,
    executionEndUtc: s.executionEndUtc,
    errorMessage: s.errorMessage,
    errorCode: s.errorCode,
    pushOperationKeys: s.pushOperationKeys ? [...s.pushOperationKeys] : null,
  });

  // ----- lookups

  const getCompany = (id) => {
    const c = state.companies.get(id);
    if (!c) throw notFound(`No company was found with ID ${id}`);
    return c;
  };
  const getConnection = (params) => {
    const c = getCompany(params.companyId);
    const k = c.connections.get(params.connectionId);
    if (!k) throw notFound(`Data connection ${params.connectionId} not found`);
    return { company: c, connection: k };
  };
  /** -> { account, meta } for a source account of the connection, or a 404. */
  const getSourceAccount = (connection, id) => {
    const account = connection.accounts.get(id);
    if (!account) throw notFound(`No source account was found with ID ${id} on data connection ${connection.id}`);
    return { account, meta: connection.accountMeta.get(id) };
  };

  // ----- pagination

  function intParam(query, name, { min, max, fallback }) {
    const raw = query.get(name);
    if (raw === null || raw === "") return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || (max !== undefined && Number(raw) > max)) {
      throw badRequest(`Error processing request - '${name}' must be an integer${max !== undefined ? ` between ${min} and ${max}` : ` of at least ${min}`}.`);
    }
    return Number(raw);
  }

  function paginate(items, query, path) {
    const page = intParam(query, "page", { min: 1, fallback: 1 });
    // The API accepts up to 5000; the response schema caps pageSize at 2000, so larger pages are
    // served as 2000.
    const pageSize = Math.min(intParam(query, "pageSize", { min: 1, max: 5000, fallback: 100 }), 2000);
    const extra = new URLSearchParams();
    for (const name of ["query", "orderBy"]) if (query.get(name)) extra.set(name, query.get(name));
    const href = (p) => {
      const q = new URLSearchParams({ page: String(p), pageSize: String(pageSize) });
      for (const [k, v] of extra) q.set(k, v);
      return { href: `${path}?${q}` };
    };
    const start = (page - 1) * pageSize;
    const links = { self: { href: path }, current: href(page) };
    if (start + pageSize < items.length) links.next = href(page + 1);
    if (page > 1) links.previous = href(page - 1);
    return {
      results: items.slice(start, start + pageSize),
      pageNumber: page,
      pageSize,
      totalResults: items.length,
      _links: links,
    };
  }

  function filterByQuery(views, query, knownFields, resource) {
    const q = query.get("query");
    if (!q) return views;
    const match = parseQuery(q, knownFields, resource);
    return views.filter(match);
  }

  // ----- timed transitions

  function advance(now = Date.now()) {
    for (const op of state.pushOperations.values()) {
      if (op.status === "Pending" && now >= op.completesAt) completePush(op);
    }
    for (const s of state.syncs.values()) {
      if (s.status === "Started" && now >= s.completesAt) finishSync(s);
    }
  }

  function completePush(op) {
    const doneAt = iso(op.completesAt);
    op.status = "Success";
    op.statusCode = 200;
    op.completedOnUtc = doneAt;
    const company = state.companies.get(op.companyId);
    const connection = company?.connections.get(op.dataConnectionKey);
    if (op.dataType === "bankTransactions") {
      op.changes = op.data.transactions.map((t, i) => ({
        type: "Created",
        recordRef: { id: typeof t.id === "string" ? t.id : `${op.pushOperationKey}-${i}`, dataType: "bankTransactions" },
        attachmentId: null,
      }));
      const target = connection?.accountMeta.get(op.accountId) ?? connection?.bankAccounts.get(op.accountId);
      if (target) target.transactions.push(...structuredClone(op.data.transactions));
    } else if (op.dataType === "bankAccounts") {
      op.changes = [{ type: "Created", recordRef: { id: op.data.id, dataType: "bankAccounts" }, attachmentId: null }];
      if (connection) connection.bankAccounts.set(op.data.id, { ...structuredClone(op.data), transactions: [] });
    }
    if (connection) connection.data.lastSync = doneAt;
    if (company) company.data.lastSync = doneAt;
  }

  function finishSync(s) {
    s.executionEndUtc = iso(s.completesAt);
    const connection = state.companies.get(s.companyId)?.connections.get(s.dataConnectionId);
    const account = connection?.accounts.get(s.sourceAccountId);
    if (account?.status !== "connected") {
      s.status = "Failed";
      s.errorCode = "SourceAccountNotConnected";
      s.errorMessage = `Source account ${s.sourceAccountId} is not mapped to a target account; map it before syncing.`;
      s.pushOperationKeys = [];
      return;
    }
    // The fake has no bank to fetch from: the sync "records" the transactions pushed for this
    // account during its period.
    const keys = [...state.pushOperations.values()]
      .filter(
        (op) =>
          op.dataType === "bankTransactions" &&
          op.dataConnectionKey === s.dataConnectionId &&
          op.accountId === s.sourceAccountId &&
          op.requestedOnUtc >= s.periodStartUtc &&
          op.requestedOnUtc <= s.periodEndUtc,
      )
      .map((op) => op.pushOperationKey);
    s.pushOperationKeys = keys;
    s.status = keys.length > 0 ? "SuccessDataPushed" : "SuccessNoDataPushed";
  }

  // ----- source accounts

  const isV2Body = (b) => has(b, "accountInfo") || has(b, "routingInfo") || V2_ACCOUNT_TYPES.includes(b.accountType);

  /** Validates a create body; returns { version, account } (the stored, response-shaped account). */
  function buildSourceAccount(body, now, label = "") {
    const p = new Problems();
    if (!isObject(body)) {
      p.add(label || null, "A source account must be a JSON object.");
      return { problems: p.items };
    }
    const version = isV2Body(body) ? 2 : 1;
    checkString(p, body, "id", { required: true, minLength: 1 });
    let account;
    if (version === 2) {
      checkString(p, body, "accountName", { required: true });
      checkEnum(p, body, "accountType", V2_ACCOUNT_TYPES, { required: true });
      checkString(p, body, "accountNumber", { required: true });
      checkString(p, body, "sortCode", { nullable: true });
      checkCurrency(p, body, "currency", { required: true });
      checkNumber(p, body, "balance", { required: true });
      checkString(p, body, "modifiedDate", { nullable: true });
      if (body.routingInfo !== undefined && body.routingInfo !== null) {
        if (!isObject(body.routingInfo)) p.add("routingInfo", "'routingInfo' must be an object.");
        else {
          checkString(p, body.routingInfo, "bankCode", { nullable: true });
          checkEnum(p, body.routingInfo, "type", ROUTING_TYPES, { nullable: true });
        }
      }
      if (body.accountInfo !== undefined && body.accountInfo !== null) {
        if (!isObject(body.accountInfo)) p.add("accountInfo", "'accountInfo' must be an object or null.");
        else {
          for (const k of ["description", "nickname", "accountOpenDate"]) checkString(p, body.accountInfo, k, { nullable: true });
          checkNumber(p, body.accountInfo, "availableBalance", { nullable: true });
        }
      }
      if (p.items.length === 0) {
        account = { id: body.id, accountName: body.accountName, accountType: body.accountType, accountNumber: body.accountNumber };
        if (body.sortCode !== undefined) account.sortCode = body.sortCode;
        // routingInfo defaults to the spec's default type; it also keeps the v2 shape
        // unambiguous (a v1 `SourceAccount` may not carry it).
        const ri = isObject(body.routingInfo) ? body.routingInfo : {};
        account.routingInfo = { bankCode: ri.bankCode ?? null, type: ri.type ?? "bankcode" };
        account.currency = body.currency;
        account.balance = body.balance;
        if (isObject(body.accountInfo)) {
          const ai = {};
          for (const k of ["description", "nickname", "accountOpenDate", "availableBalance"])
            if (body.accountInfo[k] !== undefined) ai[k] = body.accountInfo[k];
          account.accountInfo = ai;
        } else if (body.accountInfo === null) {
          account.accountInfo = null;
        }
        account.modifiedDate = body.modifiedDate ?? iso(now);
        account.status = "pending";
        account.feedStartDate = null;
      }
    } else {
      for (const k of ["accountName", "accountType", "accountNumber", "sortCode", "modifiedDate"]) checkString(p, body, k, { nullable: true });
      checkCurrency(p, body, "currency");
      checkNumber(p, body, "balance", { nullable: true });
      if (p.items.length === 0) {
        account = {
          id: body.id,
          accountName: body.accountName ?? null,
          accountType: body.accountType ?? null,
          accountNumber: body.accountNumber ?? null,
          sortCode: body.sortCode ?? null,
        };
        if (body.currency !== undefined) account.currency = body.currency;
        account.balance = body.balance ?? null;
        account.modifiedDate = body.modifiedDate ?? iso(now);
        account.status = "pending";
        account.feedStartDate = null;
      }
    }
    if (label) for (const item of p.items) item.itemId = item.itemId ? `${label}.${item.itemId}` : label;
    return { version, account, problems: p.items };
  }

  function connectionVersion(connection) {
    const first = connection.accountMeta.values().next().value;
    return first ? first.version : null;
  }

  function addSourceAccount(connection, version, account) {
    connection.accounts.set(account.id, account);
    connection.accountMeta.set(account.id, { version, targetAccountId: null, transactions: [] });
  }

  function assertSameVersion(connection, version) {
    const existing = connectionVersion(connection);
    if (existing !== null && existing !== version) {
      throw badRequest(
        `Error processing request - data connection ${connection.id} holds version ${existing} source accounts; ` +
          `a version ${version} account cannot be added (list responses are all version 2 or all version 1).`,
      );
    }
  }

  // ----- option models (PushOption)

  const prop = (type, displayName, description, required, extra = {}) => ({ type, displayName, description, required, ...extra });
  const choices = (values) => values.map((v) => ({ value: v, type: "String", displayName: v, required: false }));

  const bankAccountOptions = () => ({
    type: "Object",
    displayName: "Bank Account",
    description: "Bank account",
    required: true,
    properties: {
      accountName: prop("String", "Name", "Name of the bank account in the accounting software.", true),
      accountType: prop("String", "Account Type", "The type of the bank account.", false, { options: choices(["Credit", "Debit"]) }),
      accountNumber: prop("String", "Account Number", "The account number.", false),
      sortCode: prop("String", "Sort Code", "The sort code.", false, {
        validation: { warnings: [], information: [{ field: "SortCode", details: "Must be 6 digits if provided." }] },
      }),
      currency: prop("String", "Currency", "ISO 4217 currency code of the account.", true),
      nominalCode: prop("String", "Nominal Code", "Code used to identify the account in the chart of accounts.", false),
      balance: prop("Number", "Balance", "Opening balance of the account.", false),
    },
    validation: { warnings: [], information: [] },
  });

  const bankTransactionOptions = () => ({
    type: "Object",
    displayName: "Bank Transactions",
    description: "Bank transactions to push to the target account",
    required: true,
    properties: {
      accountId: prop("String", "Account ID", "Unique identifier of the bank account the transactions belong to.", true),
      transactions: prop("Array", "Transactions", "The transactions to create, at most 1000 per request.", true, {
        properties: {
          id: prop("String", "ID", "Identifier of the transaction in your application.", true),
          date: prop("DateTime", "Date", "Date and time of the transaction.", true),
          counterparty: prop("String", "Counterparty", "The other party of the transaction.", false),
          reference: prop("String", "Reference", "Reference of the transaction.", false),
          reconciled: prop("Boolean", "Reconciled", "Whether the transaction has been reconciled.", false),
          amount: prop("Number", "Amount", "Amount of the transaction; negative for money going out.", true),
          balance: prop("Number", "Balance", "Balance of the account after the transaction.", true),
          transactionType: prop("String", "Transaction Type", "Type of the transaction.", false, { options: choices(TRANSACTION_TYPES) }),
        },
        validation: {
          warnings: [],
          information: [{ field: "Transactions", details: "Transactions must be in date order and not older than the feed start date." }],
        },
      }),
    },
    validation: { warnings: [], information: [] },
  });

  // ----- push operations

  function timeoutParam(query) {
    const raw = query.get("timeoutInMinutes");
    if (raw === null || raw === "") return null;
    if (!/^\d+$/.test(raw) || Number(raw) > 2 ** 31 - 1) throw badRequest("Error processing request - 'timeoutInMinutes' must be a non-negative integer.");
    return Number(raw);
  }

  function newPushOperation({ company, connection, dataType, data, query, accountId }) {
    const now = Date.now();
    const op = {
      pushOperationKey: randomUUID(),
      companyId: company.id,
      dataConnectionKey: connection.id,
      dataType,
      requestedOnUtc: iso(now),
      completedOnUtc: null,
      completesAt: now + pushCompletesAfterMs,
      timeoutInMinutes: timeoutParam(query),
      status: "Pending",
      statusCode: 202,
      errorMessage: null,
      changes: null,
      data,
      accountId,
    };
    state.pushOperations.set(op.pushOperationKey, op);
    if (pushCompletesAfterMs <= 0) completePush(op);
    return op;
  }

  // ----- seeded target accounts (what the accounting software already has)

  function seedBankAccounts(now) {
    const seeds = [
      { accountName: "Business Current Account", nominalCode: "1200", accountNumber: "31926819", balance: 12500.5 },
      { accountName: "Business Savings Account", nominalCode: "1210", accountNumber: "71829304", balance: 40250 },
    ];
    const map = new Map();
    for (const s of seeds) {
      const id = randomUUID();
      map.set(id, {
        id,
        accountName: s.accountName,
        accountType: "Debit",
        nominalCode: s.nominalCode,
        sortCode: "401162",
        accountNumber: s.accountNumber,
        iBan: null,
        currency: "GBP",
        balance: s.balance,
        institution: "Fake Bank plc",
        availableBalance: s.balance,
        overdraftLimit: 0,
        status: "Active",
        metadata: { isDeleted: false },
        modifiedDate: iso(now),
        sourceModifiedDate: iso(now),
        transactions: [],
      });
    }
    return map;
  }

  const bankAccountPublic = (b) => {
    const { transactions, ...rest } = b;
    return bankAccountView(rest);
  };

  // ----- handlers

  function companyFromBody(body, { partial }) {
    const p = new Problems();
    checkString(p, body, "name", { required: !partial });
    if (typeof body.name === "string") {
      if (body.name.length < 1) p.add("name", "'name' must not be empty.");
      else if (!COMPANY_NAME_PATTERN.test(body.name)) p.add("name", "'name' may only contain letters, digits, spaces and - ' , & @ . ? !");
    }
    checkString(p, body, "description", { nullable: true });
    checkTags(p, body.tags);
    p.throwIfAny();
  }

  const routes = [
    // Companies
    [
      "POST",
      "/companies",
      ({ body }) => {
        requireObjectBody(body);
        companyFromBody(body, { partial: false });
        const now = Date.now();
        const company = {
          data: {
            id: randomUUID(),
            name: body.name,
            description: body.description ?? null,
            tags: body.tags ? { ...body.tags } : {},
            created: iso(now),
            lastSync: null,
            createdByUserName: null,
            products: ["bank-feeds"],
          },
          connections: new Map(),
          get id() {
            return this.data.id;
          },
        };
        state.companies.set(company.id, company);
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "GET",
      "/companies",
      ({ query }) => {
        let views = [...state.companies.values()].map(companyView);
        views = filterByQuery(views, query, ["id", "name", "description", "redirect", "lastSync", "created", "createdByUserName"], "Company");
        const tags = query.get("tags");
        if (tags) {
          const match = parseQuery(tags, null, "tags");
          views = views.filter((v) => match(v.tags));
        }
        return { status: 200, json: paginate(views, query, "/companies") };
      },
    ],
    ["GET", "/companies/:companyId", ({ params }) => ({ status: 200, json: companyView(getCompany(params.companyId)) })],
    [
      "DELETE",
      "/companies/:companyId",
      ({ params }) => {
        getCompany(params.companyId);
        state.companies.delete(params.companyId);
        for (const [k, op] of state.pushOperations) if (op.companyId === params.companyId) state.pushOperations.delete(k);
        for (const [k, s] of state.syncs) if (s.companyId === params.companyId) state.syncs.delete(k);
        for (const [t, rec] of state.tokens) if (rec.companyId === params.companyId) state.tokens.delete(t);
        return { status: 204 };
      },
    ],
    [
      "PUT",
      "/companies/:companyId",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        companyFromBody(body, { partial: false });
        company.data.name = body.name;
        company.data.description = body.description ?? null;
        company.data.tags = body.tags ? { ...body.tags } : {};
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "PATCH",
      "/companies/:companyId",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        companyFromBody(body, { partial: true });
        if (body.name !== undefined) company.data.name = body.name;
        if (body.description !== undefined) company.data.description = body.description;
        if (body.tags !== undefined) company.data.tags = { ...body.tags };
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "GET",
      "/companies/:companyId/accessToken",
      ({ params }) => {
        const company = getCompany(params.companyId);
        const token = randomBytes(32).toString("base64url");
        state.tokens.set(token, { companyId: company.id, expiresAt: Date.now() + tokenTtlMs });
        return { status: 200, json: { expiresIn: Math.max(0, Math.floor(tokenTtlMs / 1000)), accessToken: token, tokenType: "Bearer" } };
      },
    ],

    // Connections
    [
      "GET",
      "/companies/:companyId/connections",
      ({ params, query }) => {
        const company = getCompany(params.companyId);
        let views = [...company.connections.values()].map(connectionView);
        views = filterByQuery(
          views,
          query,
          ["id", "integrationId", "integrationKey", "sourceId", "sourceType", "platformName", "linkUrl", "status", "lastSync", "created"],
          "DataConnection",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/connections`) };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "platformKey", { required: true });
        if (typeof body.platformKey === "string" && !/^[a-z]{4}$/.test(body.platformKey))
          p.add("platformKey", "'platformKey' must be 4 lowercase letters, e.g. gbol.");
        p.throwIfAny();
        const now = Date.now();
        const id = randomUUID();
        const key = body.platformKey;
        const connection = {
          data: {
            id,
            integrationId: stableUuid(`integration:${key}`),
            integrationKey: key,
            sourceId: stableUuid(`source:${key}`),
            platformName: PLATFORM_NAMES[key] ?? `Platform ${key}`,
            linkUrl: `https://link-api.codat.io/companies/${company.id}/connections/${id}/start`,
            status: "Linked",
            lastSync: null,
            created: iso(now),
            sourceType: "Accounting",
            dataConnectionErrors: [],
            connectionInfo: {},
          },
          companyId: company.id,
          accounts: new Map(),
          accountMeta: new Map(),
          bankAccounts: seedBankAccounts(now),
          credentials: [],
          otps: [],
          get id() {
            return this.data.id;
          },
        };
        company.connections.set(id, connection);
        return { status: 200, json: connectionView(connection) };
      },
    ],
    ["GET", "/companies/:companyId/connections/:connectionId", ({ params }) => ({ status: 200, json: connectionView(getConnection(params).connection) })],
    [
      "DELETE",
      "/companies/:companyId/connections/:connectionId",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        company.connections.delete(connection.id);
        for (const [k, s] of state.syncs) if (s.dataConnectionId === connection.id) state.syncs.delete(k);
        return { status: 200 };
      },
    ],
    [
      "PATCH",
      "/companies/:companyId/connections/:connectionId",
      ({ params, body }) => {
        const { connection } = getConnection(params);
        const b = body === undefined ? {} : requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(b)) if (k !== "status") p.add(k, `'${k}' is not a property of the update connection request.`);
        checkEnum(p, b, "status", CONNECTION_STATUSES, { nullable: true });
        p.throwIfAny();
        connection.data.status = b.status ?? "Unlinked";
        return { status: 200, json: connectionView(connection) };
      },
    ],

    // Bank accounts (the target accounts in the accounting software)
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/data/bankAccounts",
      ({ params, query }) => {
        const { company, connection } = getConnection(params);
        let views = [...connection.bankAccounts.values()].map(bankAccountPublic);
        views = filterByQuery(
          views,
          query,
          [
            "id",
            "accountName",
            "accountType",
            "nominalCode",
            "sortCode",
            "accountNumber",
            "iBan",
            "currency",
            "balance",
            "institution",
            "availableBalance",
            "overdraftLimit",
            "status",
            "modifiedDate",
            "sourceModifiedDate",
            "metadata.isDeleted",
          ],
          "BankAccount",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/connections/${connection.id}/data/bankAccounts`) };
      },
    ],
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/options/bankAccounts",
      ({ params }) => {
        getConnection(params);
        return { status: 200, json: bankAccountOptions() };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/push/bankAccounts",
      ({ params, body, query }) => {
        const { company, connection } = getConnection(params);
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "accountName", { required: true, minLength: 1 });
        checkEnum(p, body, "accountType", BANK_ACCOUNT_TYPES);
        for (const k of ["nominalCode", "sortCode", "accountNumber", "iBan", "institution"]) checkString(p, body, k, { nullable: true });
        checkCurrency(p, body, "currency", { required: true });
        for (const k of ["balance", "availableBalance", "overdraftLimit"]) checkNumber(p, body, k, { nullable: true });
        checkEnum(p, body, "status", BANK_ACCOUNT_STATUSES);
        p.throwIfAny();
        const nowIso = iso(Date.now());
        const account = {
          id: randomUUID(),
          accountName: body.accountName,
          accountType: body.accountType ?? "Debit",
          nominalCode: body.nominalCode ?? null,
          sortCode: body.sortCode ?? null,
          accountNumber: body.accountNumber ?? null,
          iBan: body.iBan ?? null,
          currency: body.currency,
          balance: body.balance ?? 0,
          institution: body.institution ?? null,
          availableBalance: body.availableBalance ?? body.balance ?? 0,
          overdraftLimit: body.overdraftLimit ?? 0,
          status: body.status ?? "Active",
          metadata: { isDeleted: false },
          modifiedDate: nowIso,
          sourceModifiedDate: nowIso,
        };
        const op = newPushOperation({ company, connection, dataType: "bankAccounts", data: account, query, accountId: account.id });
        return { status: 200, json: pushOperationView(op) };
      },
    ],

    // Source accounts
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/batch",
      ({ params, body }) => {
        const { connection } = getConnection(params);
        if (body === undefined) throw badRequest("Error processing request - the request body is required.");
        if (!Array.isArray(body)) throw badRequest("Error processing request - the request body must be a JSON array of source accounts.");
        if (body.length === 0) throw badRequest("Error processing request - at least one source account is required.");
        const now = Date.now();
        const built = body.map((item, i) => buildSourceAccount(item, now, `[${i}]`));
        const problems = built.flatMap((b) => b.problems);
        if (problems.length > 0) {
          throw badRequest(`Error processing request - not valid. ${problems.map((e) => `${e.itemId}: ${e.message}`).join("; ")}`, {
            errors: problems,
            warnings: [],
          });
        }
        const versions = new Set(built.map((b) => b.version));
        if (versions.size > 1) throw badRequest("Error processing request - a batch must be all version 2 or all version 1 source accounts.");
        assertSameVersion(connection, built[0].version);
        const seen = new Set();
        const results = built.map(({ version, account }) => {
          if (connection.accounts.has(account.id) || seen.has(account.id)) {
            return { sourceAccountId: account.id, result: { statusCode: "409", error: "A bank account already exists with the same Id" } };
          }
          seen.add(account.id);
          addSourceAccount(connection, version, account);
          return { sourceAccountId: account.id, result: { statusCode: 201, error: null, account: structuredClone(account) } };
        });
        const failed = results.filter((r) => typeof r.result.statusCode === "string").length;
        const status = failed === 0 ? 201 : failed === results.length ? 409 : 207;
        return { status, json: results };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts",
      ({ params, body }) => {
        const { connection } = getConnection(params);
        requireObjectBody(body);
        const { version, account, problems } = buildSourceAccount(body, Date.now());
        if (problems.length > 0) {
          const p = new Problems();
          p.items = problems;
          p.throwIfAny();
        }
        assertSameVersion(connection, version);
        if (connection.accounts.has(account.id)) throw badRequest(`A bank account already exists with the same Id (${account.id}).`);
        addSourceAccount(connection, version, account);
        return { status: 200, json: sourceAccountView(account) };
      },
    ],
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts",
      ({ params }) => {
        const { connection } = getConnection(params);
        return { status: 200, json: [...connection.accounts.values()].map(sourceAccountView) };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/credentials",
      ({ params, body, rawBody }) => {
        const { connection } = getConnection(params);
        if (rawBody.length === 0 || body === undefined) throw badRequest("Error processing request - a request body is required.");
        const creds = {
          username: `${randomCode(4)}-${randomCode(4)}-${randomCode(4)}`,
          password: randomCode(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        };
        connection.credentials.push({ ...creds, request: body, created: iso(Date.now()) });
        return { status: 200, json: creds };
      },
    ],
    [
      "DELETE",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/credentials",
      ({ params }) => {
        const { connection } = getConnection(params);
        connection.credentials = [];
        return { status: 204 };
      },
    ],
    [
      "PATCH",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/:accountId",
      ({ params, body }) => {
        const { connection } = getConnection(params);
        const { account, meta } = getSourceAccount(connection, params.accountId);
        requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(body)) if (!V1_FIELDS.includes(k)) p.add(k, `'${k}' is not a property of SourceAccount.`);
        checkString(p, body, "id", { required: true });
        if (typeof body.id === "string" && body.id !== account.id) p.add("id", `'id' must match the account in the path (${account.id}).`);
        if (meta.version === 2) {
          for (const k of ["accountName", "accountNumber"]) checkString(p, body, k);
          checkEnum(p, body, "accountType", V2_ACCOUNT_TYPES);
          checkNumber(p, body, "balance");
        } else {
          for (const k of ["accountName", "accountType", "accountNumber"]) checkString(p, body, k, { nullable: true });
          checkNumber(p, body, "balance", { nullable: true });
        }
        checkString(p, body, "sortCode", { nullable: true });
        checkCurrency(p, body, "currency");
        checkString(p, body, "modifiedDate", { nullable: true });
        checkEnum(p, body, "status", SOURCE_ACCOUNT_STATUSES, { nullable: true });
        checkString(p, body, "feedStartDate", { nullable: true });
        p.throwIfAny();
        for (const k of V1_FIELDS) {
          if (k === "id" || body[k] === undefined) continue;
          let v = body[k];
          if (k === "feedStartDate" && meta.version === 2 && typeof v === "string") v = v.slice(0, 10);
          account[k] = v;
        }
        if (body.modifiedDate === undefined) account.modifiedDate = iso(Date.now());
        return { status: 200, json: sourceAccountV1View(account) };
      },
    ],
    [
      "DELETE",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/:accountId",
      ({ params }) => {
        const { connection } = getConnection(params);
        getSourceAccount(connection, params.accountId);
        connection.accounts.delete(params.accountId);
        connection.accountMeta.delete(params.accountId);
        for (const [k, s] of state.syncs) if (s.dataConnectionId === connection.id && s.sourceAccountId === params.accountId) state.syncs.delete(k);
        return { status: 204 };
      },
    ],

    // Account mapping
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/mapping",
      ({ params }) => {
        const { connection } = getConnection(params);
        const options = [...connection.bankAccounts.values()].map((b) => ({
          id: b.id,
          name: b.accountName,
          balance: b.balance,
          sortCode: b.sortCode,
          accountNumber: b.accountNumber,
        }));
        const mappings = [...connection.accounts.values()].map((a) => {
          const meta = connection.accountMeta.get(a.id);
          const m = { sourceAccountId: a.id };
          if (typeof a.accountName === "string") m.sourceAccountName = a.accountName;
          if (typeof a.accountNumber === "string") m.sourceAccountNumber = a.accountNumber;
          if (isNumber(a.balance)) m.sourceBalance = a.balance;
          if (typeof a.currency === "string") m.sourceCurrency = a.currency;
          m.targetAccountId = meta.targetAccountId;
          const target = meta.targetAccountId ? connection.bankAccounts.get(meta.targetAccountId) : undefined;
          if (target) m.targetAccountName = target.accountName;
          m.status = a.status ?? "unknown";
          m.targetAccountOptions = options.map((o) => ({ ...o }));
          m.feedStartDate = a.feedStartDate ?? null;
          return m;
        });
        return { status: 200, json: mappings };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/mapping",
      ({ params, body }) => {
        const { connection } = getConnection(params);
        requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(body)) {
          if (!["sourceAccountId", "targetAccountId", "feedStartDate"].includes(k)) p.add(k, `'${k}' is not a property of BankFeedAccountMapping.`);
        }
        checkString(p, body, "sourceAccountId", { required: true, minLength: 1 });
        checkString(p, body, "targetAccountId", { nullable: true });
        checkString(p, body, "feedStartDate", { nullable: true });
        if (typeof body.feedStartDate === "string" && Number.isNaN(Date.parse(body.feedStartDate)))
          p.add("feedStartDate", "'feedStartDate' must be a date or date-time.");
        p.throwIfAny();
        const { account, meta } = getSourceAccount(connection, body.sourceAccountId);
        const targetAccountId = body.targetAccountId ?? null;
        const answer = (status, error) => ({ status: 200, json: { sourceAccountId: account.id, targetAccountId, status, error } });
        if (targetAccountId === null) {
          meta.targetAccountId = null;
          account.status = "pending";
          return answer("Success", null);
        }
        if (!connection.bankAccounts.has(targetAccountId))
          return answer("Failed", `Target account ${targetAccountId} was not found in the accounting software`);
        for (const [otherId, other] of connection.accountMeta) {
          if (otherId !== account.id && other.targetAccountId === targetAccountId) return answer("Failed", "A feed connection already exists to this account");
        }
        meta.targetAccountId = targetAccountId;
        account.status = "connected";
        if (typeof body.feedStartDate === "string") {
          account.feedStartDate = meta.version === 2 ? body.feedStartDate.slice(0, 10) : body.feedStartDate;
        }
        return answer("Success", null);
      },
    ],

    // Company information and one-time passwords
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeeds/info",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        const currencies = [...new Set(["GBP", ...[...connection.bankAccounts.values()].map((b) => b.currency)])];
        return {
          status: 200,
          json: { companyName: company.data.name, baseCurrency: "GBP", planType: "Premium", multicurrencyEnabled: currencies.length > 1, currencies },
        };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeeds/otp",
      ({ params }) => {
        const { connection } = getConnection(params);
        const otp = { otp: randomCode(6), expiry: iso(Date.now() + 10 * 60 * 1000) };
        connection.otps.push(otp);
        return { status: 200, json: { ...otp } };
      },
    ],

    // Transactions
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/push/bankAccounts/:accountId/bankTransactions",
      ({ params, body, query }) => {
        const { company, connection } = getConnection(params);
        if (!connection.accounts.has(params.accountId) && !connection.bankAccounts.has(params.accountId)) {
          throw notFound(`No bank account was found with ID ${params.accountId} on data connection ${connection.id}`);
        }
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "accountId", { required: true });
        if (!has(body, "transactions")) p.add("transactions", "'transactions' is required.");
        else if (!Array.isArray(body.transactions)) p.add("transactions", "'transactions' must be an array.");
        else {
          if (body.transactions.length > 1000) p.add("transactions", "At most 1000 transactions may be pushed at once.");
          body.transactions.forEach((t, i) => {
            const tp = new Problems();
            if (!isObject(t)) tp.add(null, "must be an object");
            else {
              for (const k of ["id", "date"]) checkString(tp, t, k);
              for (const k of ["description", "counterparty", "reference"]) checkString(tp, t, k, { nullable: true });
              if (t.reconciled !== undefined && t.reconciled !== null && typeof t.reconciled !== "boolean")
                tp.add("reconciled", "'reconciled' must be a boolean.");
              for (const k of ["amount", "balance"]) checkNumber(tp, t, k);
              checkEnum(tp, t, "transactionType", TRANSACTION_TYPES, { nullable: true });
            }
            for (const e of tp.items) p.add(`transactions[${i}]${e.itemId ? `.${e.itemId}` : ""}`, e.message);
          });
        }
        p.throwIfAny();
        const data = { accountId: body.accountId, transactions: structuredClone(body.transactions) };
        const op = newPushOperation({ company, connection, dataType: "bankTransactions", data, query, accountId: params.accountId });
        return { status: 200, json: pushOperationView(op) };
      },
    ],
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/options/bankAccounts/:accountId/bankTransactions",
      ({ params }) => {
        const { connection } = getConnection(params);
        if (!connection.accounts.has(params.accountId) && !connection.bankAccounts.has(params.accountId)) {
          throw notFound(`No bank account was found with ID ${params.accountId} on data connection ${connection.id}`);
        }
        return { status: 200, json: bankTransactionOptions() };
      },
    ],
    [
      "GET",
      "/companies/:companyId/push/:pushOperationKey",
      ({ params }) => {
        getCompany(params.companyId);
        const op = state.pushOperations.get(params.pushOperationKey);
        if (!op || op.companyId !== params.companyId) throw notFound(`No push operation was found with key ${params.pushOperationKey}`);
        return { status: 200, json: pushOperationView(op) };
      },
    ],
    [
      "GET",
      "/companies/:companyId/push",
      ({ params, query }) => {
        const company = getCompany(params.companyId);
        let views = [...state.pushOperations.values()].filter((op) => op.companyId === company.id).map(pushOperationView);
        views = filterByQuery(
          views,
          query,
          [
            "pushOperationKey",
            "dataType",
            "companyId",
            "dataConnectionKey",
            "requestedOnUtc",
            "completedOnUtc",
            "timeoutInMinutes",
            "status",
            "statusCode",
            "errorMessage",
          ],
          "PushOperation",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/push`) };
      },
    ],

    // Managed bank feeds
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/latest",
      ({ params }) => {
        const { connection } = getConnection(params);
        getSourceAccount(connection, params.sourceAccountId);
        const latest = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === params.sourceAccountId).at(-1);
        return latest ? { status: 200, json: syncView(latest) } : { status: 204 };
      },
    ],
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/:syncId",
      ({ params }) => {
        const { connection } = getConnection(params);
        getSourceAccount(connection, params.sourceAccountId);
        const s = state.syncs.get(params.syncId);
        if (!s || s.dataConnectionId !== connection.id || s.sourceAccountId !== params.sourceAccountId)
          throw notFound(`No sync was found with ID ${params.syncId}`);
        return { status: 200, json: syncView(s) };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        const { account } = getSourceAccount(connection, params.sourceAccountId);
        const previous = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === account.id);
        if (previous.some((s) => s.status === "Started")) throw new ApiError(409, `A sync is already running for source account ${account.id}`);
        const now = Date.now();
        const lastOk = previous.filter((s) => s.status.startsWith("Success") || s.status.startsWith("PartialSuccess")).at(-1);
        const feedStart = account.feedStartDate ? Date.parse(account.feedStartDate) : NaN;
        const periodStart = lastOk ? lastOk.executionStartUtc : iso(Number.isNaN(feedStart) ? Date.parse(connection.data.created) : Math.min(feedStart, now));
        const s = {
          syncId: randomUUID(),
          companyId: company.id,
          companyName: company.data.name,
          dataConnectionId: connection.id,
          sourceAccountId: account.id,
          periodStartUtc: periodStart,
          periodEndUtc: iso(now),
          executionStartUtc: iso(now),
          status: "Started",
          executionEndUtc: null,
          errorMessage: null,
          errorCode: null,
          pushOperationKeys: null,
          completesAt: now + syncCompletesAfterMs,
        };
        state.syncs.set(s.syncId, s);
        if (syncCompletesAfterMs <= 0) finishSync(s);
        return { status: 201, json: { syncId: s.syncId } };
      },
    ],
  ].map(([method, pattern, handler]) => ({ method, segments: pattern.split("/").slice(1), handler }));

  function matchRoute(segments) {
    const matches = [];
    for (const route of routes) {
      if (route.segments.length !== segments.length) continue;
      const params = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const want = route.segments[i];
        if (want.startsWith(":")) params[want.slice(1)] = segments[i];
        else if (want !== segments[i]) {
          ok = false;
          break;
        }
      }
      if (ok) matches.push({ route, params });
    }
    return matches;
  }

  // ----- auth

  function authenticate(header) {
    if (!header) return null;
    if (header === apiKey) return { kind: "apiKey" };
    const m = /^Bearer (\S+)$/.exec(header);
    if (!m) return null;
    const rec = state.tokens.get(m[1]);
    if (!rec) return null;
    if (Date.now() >= rec.expiresAt) {
      state.tokens.delete(m[1]);
      return null;
    }
    return { kind: "token", companyId: rec.companyId };
  }

  // ----- HTTP plumbing

  const CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "Authorization, Content-Type, Accept, User-Agent",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-max-age": "600",
  };

  function send(res, status, json, extraHeaders = {}) {
    if (json === undefined) {
      res.writeHead(status, { ...CORS, ...extraHeaders, "content-length": "0" });
      res.end();
      return;
    }
    const text = JSON.stringify(json);
    res.writeHead(status, {
      ...CORS,
      ...extraHeaders,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  async function handle(req, _res) {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    }
    const url = new URL(req.url, "http://fake.codat.local");
    const method = req.method.toUpperCase();

    if (method === "OPTIONS") {
      const asked = req.headers["access-control-request-headers"];
      return { status: 204, headers: asked ? { "access-control-allow-headers": asked } : {} };
    }
    advance();

    const principal = authenticate(req.headers.authorization);
    if (!principal) return { status: 401, json: errorBody(401, "Unauthorized") };
    if (tooLarge) throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

    let path = url.pathname;
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    let segments;
    try {
      segments = path
        .split("/")
        .slice(1)
        .map((s) => decodeURIComponent(s));
    } catch {
      throw badRequest("Error processing request - the path is not correctly URL-encoded.");
    }

    if (principal.kind === "token" && !(segments[0] === "companies" && segments[1] === principal.companyId)) {
      throw new ApiError(403, "You are using an outdated API key or a key not associated with that resource.");
    }

    const matches = matchRoute(segments);
    if (matches.length === 0) throw notFound(`No route matches ${method} ${url.pathname}`);
    const match = matches.find((m) => m.route.method === method);
    if (!match) {
      const allow = [...new Set(matches.map((m) => m.route.method))].join(", ");
      return { status: 405, json: errorBody(405, `Method ${method} is not allowed on ${url.pathname}; allowed: ${allow}`), headers: { allow } };
    }

    const rawBody = Buffer.concat(chunks);
    let body;
    if (rawBody.length > 0) {
      const text = rawBody.toString("utf8");
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text);
        } catch (err) {
          throw badRequest(`Error processing request - the request body is not valid JSON (${err.message}).`);
        }
      }
    }
    return match.route.handler({ params: match.params, query: url.searchParams, body, rawBody, principal, method });
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((err) => {
        if (err instanceof ApiError) return { status: err.status, json: errorBody(err.status, err.message, err.validation) };
        if (req.destroyed || res.destroyed) return null; // the client went away mid-request
        console.error("fake Codat API: internal error:", err);
        return { status: 500, json: errorBody(500, "An internal error occurred in the fake Codat API.") };
      })
      .then((reply) => {
        if (!reply || res.destroyed) return;
        send(res, reply.status, reply.json, reply.headers);
        if (logLine) {
          const path = req.url.split("?")[0];
          logLine(`${req.method} ${path} ${reply.status} ${Date.now() - started}ms`);
        }
      })
      .catch((err) => {
        console.error("fake Codat API: failed to answer:", err);
        res.destroy();
      });
  });
  server.keepAliveTimeout = 2000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const urlHost = address.family === "IPv6" || address.family === 6 ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;

  let closing;
  const close = () => {
    closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url, close, state, port: address.port };
}

// ---------------------------------------------------------------------------------------------
// Command line: node examples/mock-api/server.mjs [--port 4010] [--host 127.0.0.1] [--api-key "Basic ..."] [--log]
// (port 4010 unless given; --port 0 picks a free one)

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const options = { port: 4010 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (flag === "--port") options.port = Number(value());
    else if (flag === "--host") options.host = value();
    else if (flag === "--api-key") options.apiKey = value();
    else if (flag === "--log") options.log = true;
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: node examples/mock-api/server.mjs [--port 4010] [--host 127.0.0.1] [--api-key 'Basic ...'] [--log]");
      process.exit(0);
    } else {
      console.error(`unknown argument: ${args[i]}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error("--port must be an integer between 0 and 65535");
    process.exit(2);
  }
  const fake = await startFakeCodat(options);
  console.log(`Fake Codat API listening on ${fake.url}`);
  console.log(`Accepted API key: Authorization: ${options.apiKey ?? DEFAULT_API_KEY}`);
  const stop = async () => {
    await fake.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
