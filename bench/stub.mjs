// The three bench calls against a `fetch` stub that hands back a ready `Response` (no socket,
// no server, no undici), for a client and for raw stub + `response.json()`: what the client
// itself costs per call. bench/run.mjs (the client's own work) and bench/ab.mjs use it.
import { ACCOUNT_ID, COMPANY_ID, CONNECTION_ID, companies, company, pushOperation, transactions } from "./fixtures.mjs";

const AUTH = "Basic YmVuY2g=";
const base = "https://api.codat.io";
const headers = { authorization: AUTH, accept: "application/json" };
const bodies = { get: JSON.stringify(company(0)), list: JSON.stringify(companies), create: JSON.stringify(pushOperation) };
// One stub fetch per fixed body, shared by every client and the raw side.
const stub = Object.fromEntries(
  Object.entries(bodies).map(([k, body]) => [k, async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } })]),
);

/** `get`, `list` and `create` through a client of the class `CodatBankFeeds`. */
export function stubCalls(CodatBankFeeds) {
  const client = (fetch) => new CodatBankFeeds({ authHeader: AUTH, serverURL: base, retryConfig: { strategy: "none" }, fetch });
  const ids = { companyId: COMPANY_ID, connectionId: CONNECTION_ID, accountId: ACCOUNT_ID };
  const [get, list, create] = [client(stub.get), client(stub.list), client(stub.create)];
  return {
    get: () => get.companies.get({ companyId: COMPANY_ID }),
    list: () => list.companies.list({ page: 1, pageSize: 100 }),
    create: () => create.transactions.create({ ...ids, requestBody: transactions }),
  };
}

/** The same three calls as raw stub + `response.json()`. */
export const rawStubCalls = {
  get: async () => (await stub.get(`${base}/companies/${COMPANY_ID}`, { headers })).json(),
  list: async () => (await stub.list(`${base}/companies?page=1&pageSize=100`, { headers })).json(),
  create: async () =>
    (
      await stub.create(`${base}/companies/${COMPANY_ID}/connections/${CONNECTION_ID}/push/bankAccounts/${ACCOUNT_ID}/bankTransactions`, {
        method: "POST",
        headers,
        body: JSON.stringify(transactions),
      })
    ).json(),
};
