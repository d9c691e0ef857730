// The three bench calls, `get`, `list` (100 companies) and `create` (1,000 transactions),
// through a client and as raw fetch + `response.json()`: against the bench server (the
// per-call figures, and `bench/ab.mjs --socket`), or against a `fetch` stub that hands back a
// ready `Response` (no socket, no server, no undici: what the client itself costs per call).
import { ACCOUNT_ID, COMPANY_ID, CONNECTION_ID, companies, company, pushOperation, transactions } from "./fixtures.mjs";

const AUTH = "Basic YmVuY2g=";
const STUB_URL = "https://api.codat.io";
const headers = { authorization: AUTH, accept: "application/json" };
const ids = { companyId: COMPANY_ID, connectionId: CONNECTION_ID, accountId: ACCOUNT_ID };
const bodies = { get: JSON.stringify(company(0)), list: JSON.stringify(companies), create: JSON.stringify(pushOperation) };
// One stub fetch per fixed body, shared by every client and the raw side.
const stub = Object.fromEntries(
  Object.entries(bodies).map(([k, body]) => [k, async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } })]),
);

/** `get`, `list` and `create` through clients of the class `CodatBankFeeds` at `url`, each with `fetches[call]` or the global fetch. */
export function clientCalls(CodatBankFeeds, url, fetches = {}) {
  const client = (fetch) => new CodatBankFeeds({ authHeader: AUTH, serverURL: url, retryConfig: { strategy: "none" }, ...(fetch ? { fetch } : {}) });
  const [get, list, create] = [client(fetches.get), client(fetches.list), client(fetches.create)];
  return {
    get: () => get.companies.get({ companyId: COMPANY_ID }),
    list: () => list.companies.list({ page: 1, pageSize: 100 }),
    create: () => create.transactions.create({ ...ids, requestBody: transactions }),
  };
}

/** The same three calls as raw fetch + `response.json()`. */
export function rawCalls(url, fetches = {}) {
  const send = (call, path, init) => (fetches[call] ?? fetch)(`${url}${path}`, init);
  return {
    get: async () => (await send("get", `/companies/${COMPANY_ID}`, { headers })).json(),
    list: async () => (await send("list", "/companies?page=1&pageSize=100", { headers })).json(),
    create: async () =>
      (
        await send("create", `/companies/${COMPANY_ID}/connections/${CONNECTION_ID}/push/bankAccounts/${ACCOUNT_ID}/bankTransactions`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(transactions),
        })
      ).json(),
  };
}

/** The three calls through a client against the fetch stub. */
export const stubCalls = (CodatBankFeeds) => clientCalls(CodatBankFeeds, STUB_URL, stub);

/** The same three calls as raw stub + `response.json()`. */
export const rawStubCalls = rawCalls(STUB_URL, stub);
