// The names a documentation block may use without declaring them, as a reader's own code would
// have them: a client, a company with a connection, a mapped source account and a push, a
// signed webhook delivery. js-tests/doc-snippets.test.mjs imports into each block the ones it
// uses and does not declare. Every call a block makes to https://api.codat.io (the client's
// default serverURL) is answered in-process by the packaged fake API, created here; other URLs
// go to the real fetch.
import { type BankTransaction, CodatBankFeeds, type CreateBankTransactions } from "codat-bank-feeds-wasm";
import { createFakeCodat } from "codat-bank-feeds-wasm/testing";

// What a page's earlier block imported.
export { CodatBankFeeds } from "codat-bank-feeds-wasm";

export const fake = createFakeCodat({ pushCompletesAfterMs: 0, syncCompletesAfterMs: 0 });
const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  return url.startsWith("https://api.codat.io/") ? fake.fetch(input, init) : realFetch(input, init);
};

/** The API key, as a backend holds it (`Basic <base64>` is built from it). */
process.env.CODAT_API_KEY_BASE64 ??= fake.apiKey.slice("Basic ".length);
/** The `Authorization` value of the examples. */
export const authHeader = fake.apiKey;
export const sdk = new CodatBankFeeds({ authHeader });

const company = await sdk.companies.create({ name: "Toft stores" });
export const companyId = company.id;
const connection = await sdk.connections.create({ companyId, requestBody: { platformKey: "gbol" } });
export const connectionId = connection.id;
const source = await sdk.sourceAccounts.create({
  companyId,
  connectionId,
  requestBody: {
    id: "acc-002",
    accountName: "Toft Business Checking",
    accountType: "checking",
    accountNumber: "12345670",
    currency: "USD",
    balance: 4200.5,
    routingInfo: { bankCode: "021000021", type: "rtn" },
  },
});
export const accountId = source.id ?? "acc-002";
export const sourceAccountId = accountId;
const [mapping] = await sdk.accountMapping.get({ companyId, connectionId });
const target = mapping?.targetAccountOptions?.[0]?.id;
if (!target) throw new Error("prelude: the fake offered no target account");
await sdk.accountMapping.create({ companyId, connectionId, requestBody: { sourceAccountId: accountId, targetAccountId: target, feedStartDate: "2024-05-01" } });

const sale = (day: number, i: number): BankTransaction & { date: string } => ({
  id: `txn-${day}-${i}`,
  date: `2024-05-${String(day).padStart(2, "0")}T09:00:00`,
  description: `Card sale ${i}`,
  amount: 10,
  balance: 4210.5 + 10 * i,
  transactionType: "Credit",
});
// One push made already (so a push operation exists), dated before the others.
const pushed = await sdk.transactions.create({ companyId, connectionId, accountId, requestBody: { accountId, transactions: [sale(1, 0)] } });
export const pushOperationKey = pushed.pushOperationKey;
/** A few transactions of the account not pushed yet, in date order. */
export const transactions: (BankTransaction & { date: string })[] = [2, 3, 4].map((day, i) => sale(day, i + 1));
export const requestBody: CreateBankTransactions = { accountId, transactions };
/** A `transactions.create` request. */
export const push = { companyId, connectionId, accountId, requestBody };
const sync = await sdk.managedBankFeeds.runAdHocSync({ companyId, connectionId, sourceAccountId });
export const syncId = sync.syncId ?? "";

/** A signal that never aborts. */
export const signal = new AbortController().signal;
/** A log line. */
export const log = (line: string) => console.log(line);
/** A metrics client. */
export const metrics = { count: (name: string | number) => void name };
/** A job queue: `later` keeps a job for a later attempt. */
export const queue = { later: async (job: { push: typeof push; idempotencyKey: string }) => void job };
/** A job taken from that queue. */
export const job = { push, idempotencyKey: crypto.randomUUID() };

const secretKey = crypto.getRandomValues(new Uint8Array(24));
/** A Worker's bindings: the webhook secret Codat shows for the endpoint. */
export const env = { CODAT_WEBHOOK_SECRET: `whsec_${btoa(String.fromCharCode(...secretKey))}` };
const event = JSON.stringify({
  id: "743ec94a-8aa4-44bb-8bd4-e1855ee0e74b",
  eventType: "bankFeeds.sourceAccount.connected",
  generatedDate: new Date().toISOString(),
  payload: { companyId, connectionId, sourceAccount: { id: accountId } },
});
const msgId = "msg_1";
const timestamp = String(Math.floor(Date.now() / 1000));
const hmac = await crypto.subtle.importKey("raw", secretKey, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(`${msgId}.${timestamp}.${event}`)));
/** A webhook delivery from Codat, signed with `env.CODAT_WEBHOOK_SECRET`. */
export const request = new Request("https://example.com/webhooks/codat", {
  method: "POST",
  headers: { "svix-id": msgId, "svix-timestamp": timestamp, "svix-signature": `v1,${btoa(String.fromCharCode(...mac))}` },
  body: event,
});
