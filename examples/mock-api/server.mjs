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

import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import {
  ApiError,
  badRequest,
  COMPANY_NAME_PATTERN,
  checkCurrency,
  checkEnum,
  checkNumber,
  checkString,
  checkTags,
  DEFAULT_API_KEY,
  errorBody,
  has,
  IDEMPOTENCY_TTL_MS,
  isObject,
  iso,
  MAX_BODY_BYTES,
  notFound,
  Problems,
  parseQuery,
  ROUTING_TYPES,
  TRANSACTION_TYPES,
  V2_ACCOUNT_TYPES,
} from "./lib.mjs";
import { accountMappingRoutes } from "./routes/account-mapping.mjs";
import { bankAccountsRoutes } from "./routes/bank-accounts.mjs";
import { companiesRoutes } from "./routes/companies.mjs";
import { companyInformationRoutes } from "./routes/company-information.mjs";
import { connectionsRoutes } from "./routes/connections.mjs";
import { managedBankFeedsRoutes } from "./routes/managed-bank-feeds.mjs";
import { sourceAccountsRoutes } from "./routes/source-accounts.mjs";
import { transactionsRoutes } from "./routes/transactions.mjs";

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
 * @param {number} [options.loseWriteResponses=0] the answers to the first n writes under an
 *   `Idempotency-Key` are kept and then lost: the connection is cut after the write commits
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
  loseWriteResponses = 0,
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
    /** Idempotency-Key -> { body, route, inProgress, reply, expiresAt } */
    idempotency: new Map(),
    /** requests counted against today's quota */
    quota: { day: "", used: 0 },
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
      validation: { errors: structuredClone(op.validationErrors ?? []), warnings: [] },
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
      const target = connection?.accountMeta.get(op.accountId) ?? connection?.bankAccounts.get(op.accountId);
      const errors = outOfOrder(target?.transactions ?? [], op.data.transactions);
      if (errors.length > 0) {
        op.status = "Failed";
        op.statusCode = 400;
        op.errorMessage = "Bank transactions must be pushed in date order, none older than the account's latest.";
        op.validationErrors = errors;
        return;
      }
      op.changes = op.data.transactions.map((t, i) => ({
        type: "Created",
        recordRef: { id: typeof t.id === "string" ? t.id : `${op.pushOperationKey}-${i}`, dataType: "bankTransactions" },
        attachmentId: null,
      }));
      if (target) target.transactions.push(...structuredClone(op.data.transactions));
    } else if (op.dataType === "bankAccounts") {
      op.changes = [{ type: "Created", recordRef: { id: op.data.id, dataType: "bankAccounts" }, attachmentId: null }];
      if (connection) connection.bankAccounts.set(op.data.id, { ...structuredClone(op.data), transactions: [] });
    }
    if (connection) connection.data.lastSync = doneAt;
    if (company) company.data.lastSync = doneAt;
  }

  /**
   * The rule of Xero, QuickBooks Online and Sage feeds (Codat's integration guides): a push's
   * transactions in date order, none older than the latest already on the account. Dates are
   * local (an offset is ignored, as the spec says). One validation error per offender.
   */
  function outOfOrder(existing, pushed) {
    const local = (t) => (typeof t?.date === "string" ? t.date.replace(/(T[^Zz+-]*)[Zz+-].*$/, "$1") : "");
    let latest = "";
    for (const t of existing) if (local(t) > latest) latest = local(t);
    const errors = [];
    pushed.forEach((t, i) => {
      if (local(t) < latest) errors.push({ itemId: t.id ?? `transactions[${i}]`, message: `dated ${local(t)}, before ${latest}`, validatorName: "DateOrder" });
      else latest = local(t);
    });
    return errors;
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

  const ctx = {
    V1_FIELDS,
    addSourceAccount,
    advance,
    apiKey,
    assertSameVersion,
    bankAccountOptions,
    bankAccountPublic,
    bankAccountView,
    bankTransactionOptions,
    buildSourceAccount,
    choices,
    companyFromBody,
    companyView,
    completePush,
    connectionVersion,
    connectionView,
    filterByQuery,
    finishSync,
    getCompany,
    getConnection,
    getSourceAccount,
    intParam,
    isV2Body,
    logLine,
    newPushOperation,
    paginate,
    prop,
    pushCompletesAfterMs,
    pushOperationView,
    seedBankAccounts,
    sourceAccountV1View,
    sourceAccountView,
    state,
    syncCompletesAfterMs,
    syncView,
    timeoutParam,
    tokenTtlMs,
  };
  const routes = [
    ...companiesRoutes(ctx),
    ...connectionsRoutes(ctx),
    ...bankAccountsRoutes(ctx),
    ...sourceAccountsRoutes(ctx),
    ...accountMappingRoutes(ctx),
    ...companyInformationRoutes(ctx),
    ...transactionsRoutes(ctx),
    ...managedBankFeedsRoutes(ctx),
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
    "access-control-allow-headers": "Authorization, Content-Type, Accept, User-Agent, Idempotency-Key",
    "access-control-expose-headers": "X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset, Retry-After",
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

  async function readBody(req) {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    }
    return { chunks, tooLarge };
  }

  async function handle(req, { chunks, tooLarge }) {
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

  const answer = (req, body) =>
    Promise.resolve()
      .then(() => handle(req, body))
      .catch((err) => {
        if (err instanceof ApiError) return { status: err.status, json: errorBody(err.status, err.message, err.validation) };
        if (req.destroyed) return null; // the client went away mid-request
        console.error("fake Codat API: internal error:", err);
        return { status: 500, json: errorBody(500, "An internal error occurred in the fake Codat API.") };
      });

  // ----- idempotency (docs.codat.io, "Idempotency"): the first answer to an `Idempotency-Key`
  // on a POST or PATCH is kept for 90 minutes and replayed to every request with that key; the
  // same key with another body is a 422, and while its first request runs a 409; a 429 is not
  // kept, so the key is free again.

  async function idempotent(req, body) {
    const key = req.headers["idempotency-key"];
    if (!key || !["POST", "PATCH"].includes(req.method)) return { reply: await answer(req, body) };
    const text = Buffer.concat(body.chunks).toString("utf8");
    const now = Date.now();
    const kept = state.idempotency.get(key);
    if (kept && kept.expiresAt > now) {
      if (kept.body !== text || kept.route !== `${req.method} ${req.url}`) {
        return { reply: { status: 422, json: errorBody(422, "The Idempotency-Key was used with a different request.") } };
      }
      if (kept.inProgress) return { reply: { status: 409, json: errorBody(409, "A request with this Idempotency-Key is in progress.") } };
      return { reply: kept.reply };
    }
    const entry = { body: text, route: `${req.method} ${req.url}`, inProgress: true, expiresAt: now + IDEMPOTENCY_TTL_MS };
    state.idempotency.set(key, entry);
    const reply = await answer(req, body);
    if (!reply || reply.status === 429) {
      state.idempotency.delete(key);
      return { reply };
    }
    entry.reply = reply;
    entry.inProgress = false;
    // A write that committed and whose answer is lost on the way back (for the demo and tests).
    const lost = lostWrites > 0;
    if (lost) lostWrites--;
    return { reply, lost };
  }
  let lostWrites = loseWriteResponses;

  // ----- rate limits (docs.codat.io, "Rate limits"): 1,000 requests a day per connected
  // company plus 1,000, reset at 00:00 UTC, in headers on every response.

  function rateLimit() {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    if (state.quota.day !== day) state.quota = { day, used: 0 };
    state.quota.used++;
    const connected = [...state.companies.values()].filter((c) => [...c.connections.values()].some((k) => k.data.status === "Linked")).length;
    const limit = 1000 * (1 + connected);
    const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const headers = {
      "x-rate-limit-limit": String(limit),
      "x-rate-limit-remaining": String(Math.max(0, limit - state.quota.used)),
      "x-rate-limit-reset": reset.toISOString(),
    };
    const over = state.quota.used > limit;
    return { headers, over, retryAfter: Math.ceil((reset.getTime() - now.getTime()) / 1000) };
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    Promise.resolve()
      .then(async () => {
        const body = await readBody(req);
        if (req.method === "OPTIONS") return answer(req, body);
        const quota = rateLimit();
        if (quota.over) {
          return { status: 429, json: errorBody(429, "Rate limit exceeded."), headers: { ...quota.headers, "retry-after": String(quota.retryAfter) } };
        }
        const { reply, lost } = await idempotent(req, body);
        if (lost) {
          req.socket.destroy();
          return null;
        }
        return reply && { ...reply, headers: { ...quota.headers, ...reply.headers } };
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
