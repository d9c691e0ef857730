// The fake's records, in memory, and finding them (a 404 when they are missing).
import { notFound } from "./errors.mjs";
import { uuid } from "./ids.mjs";
import { targetAccount } from "./targets.mjs";

/** Empty state; `clearState` empties it again in place (the object callers hold stays valid). */
export function createState() {
  const state = { clientId: "" };
  clearState(state);
  return state;
}

export function clearState(state) {
  Object.assign(state, {
    clientId: uuid(),
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
    /** pushOperationKey -> push operation record (rules/push-operations.mjs) */
    pushOperations: new Map(),
    /** syncId -> managed bank feed sync record */
    syncs: new Map(),
  });
}

export function getCompany(state, id) {
  const c = state.companies.get(id);
  if (!c) throw notFound(`No company was found with ID ${id}`);
  return c;
}

/** -> { company, connection } for the path's `companyId` and `connectionId`, or a 404. */
export function getConnection(state, params) {
  const c = getCompany(state, params.companyId);
  const k = c.connections.get(params.connectionId);
  if (!k) throw notFound(`Data connection ${params.connectionId} not found`);
  return { company: c, connection: k };
}

/** -> { account, meta } for a source account of the connection, or a 404. */
export function getSourceAccount(connection, id) {
  const account = connection.accounts.get(id);
  if (!account) throw notFound(`No source account was found with ID ${id} on data connection ${connection.id}`);
  return { account, meta: connection.accountMeta.get(id) };
}

/** Companies with a `Linked` connection (each adds to the daily quota). */
export const connectedCompanies = (state) =>
  [...state.companies.values()].filter((c) => [...c.connections.values()].some((k) => k.data.status === "Linked")).length;

/** The target accounts a new connection's accounting software already has. */
export function seedBankAccounts(now) {
  const seeds = [
    { accountName: "Business Current Account", nominalCode: "1200", accountNumber: "31926819", balance: 12500.5 },
    { accountName: "Business Savings Account", nominalCode: "1210", accountNumber: "71829304", balance: 40250 },
    { accountName: "US Dollar Account", nominalCode: "1220", accountNumber: "52087316", balance: 8300, currency: "USD" },
  ];
  return new Map(seeds.map((s) => targetAccount(s, now)).map((t) => [t.id, t]));
}
