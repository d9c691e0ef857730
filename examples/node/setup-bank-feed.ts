// The bank-feed setup flow, end to end: create a company and its connection, register the
// bank account of your app as a source account, map it to an account in the accounting
// software, push bank transactions, and follow the push until it finishes; then push a
// backlog of 2,500 with `pushAll` (date order, 1,000 per push, never twice).
//
// `bash scripts/demo.sh` runs it against the local fake API. Against Codat:
//   CODAT_AUTH_HEADER="Basic <base64 API key>" node examples/node/dist/setup-bank-feed.js
import {
  CodatBankFeeds,
  ConnectionError,
  type CreateBankTransactions,
  ErrorMessage,
  type PushAllTransaction,
  type PushOperation,
  type SourceAccountV2Prototype,
} from "codat-bank-feeds-wasm";

const authHeader = process.env.CODAT_AUTH_HEADER;
if (!authHeader) throw new Error("set CODAT_AUTH_HEADER to `Basic <base64 API key>`");

// Attempts whose answer never arrived (the fake API cuts the first one after it commits).
let lost = 0;
const sdk = new CodatBankFeeds({
  authHeader,
  serverURL: process.env.CODAT_SERVER_URL,
  timeoutMs: 60_000,
  hooks: {
    afterError: (failure) => {
      if (failure instanceof ConnectionError) lost++;
    },
  },
});

const company = await sdk.companies.create({ name: "Toft stores", description: "Bank feed demo" });
console.log(`1. created company ${company.id} (${company.name})`);
const named = await sdk.companies.list({ query: `name=${company.name}` });
console.log(`   ${lost} answer lost on a dropped connection, retried under the same Idempotency-Key: ${named.totalResults} company written`);
const readBack = await sdk.companies.get({ companyId: company.id });
console.log(`   read back through the client: ${readBack.name}, created ${readBack.created}`);

const connection = await sdk.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
const ids = { companyId: company.id, connectionId: connection.id };
console.log(`2. created connection ${connection.id} (${connection.platformName}, ${connection.status})`);

const account: SourceAccountV2Prototype = {
  id: "acc-002",
  accountName: "Toft Business Checking",
  accountType: "checking",
  accountNumber: "12345670",
  currency: "USD",
  balance: 4_200.5,
  routingInfo: { bankCode: "021000021", type: "rtn" },
};
const source = await sdk.sourceAccounts.create({ ...ids, requestBody: account });
console.log(`3. created source account ${source.id} (status ${source.status})`);

const [mapping] = await sdk.accountMapping.get(ids);
const target = mapping?.targetAccountOptions?.[0];
if (!mapping?.sourceAccountId || !target) throw new Error("no target account to map to");
const mapped = await sdk.accountMapping.create({
  ...ids,
  requestBody: { sourceAccountId: mapping.sourceAccountId, targetAccountId: target.id, feedStartDate: "2024-05-01" },
});
console.log(`4. mapped ${mapped.sourceAccountId} -> ${target.name} (${mapped.status})`);

const push: CreateBankTransactions = {
  accountId: account.id,
  transactions: [
    { id: "txn-001", date: "2024-05-02T09:15:00", description: "Coffee beans", amount: -42.1, balance: 4_158.4, transactionType: "Debit" },
    { id: "txn-002", date: "2024-05-02T16:40:00", description: "Card sales", amount: 310.0, balance: 4_468.4, transactionType: "Credit" },
  ],
};
const started = await sdk.transactions.create({ ...ids, accountId: account.id, requestBody: push });
console.log(`5. pushed ${push.transactions.length} transactions: operation ${started.pushOperationKey} ${started.status}`);

const operation: PushOperation = await sdk.transactions.waitForOperation(
  { companyId: company.id, pushOperationKey: started.pushOperationKey },
  { intervalMs: 100, timeoutMs: 30_000 },
);
console.log(`6. push operation read back: ${operation.status}, ${operation.changes?.length ?? 0} changes, completed ${operation.completedOnUtc}`);

let pushes = 0;
for await (const push of sdk.transactions.listAllCreateOperations({ companyId: company.id, pageSize: 50 })) {
  if (push.pushOperationKey === started.pushOperationKey) pushes++;
}
console.log(`   listAllCreateOperations pages through the company's pushes: found ours ${pushes} time(s)`);

// A backlog, in whatever order the app's database returns it: 2,500 card sales ten minutes
// apart, from the day after the first push. pushAll sorts them (accounting software refuses a
// transaction older than the account's latest), pushes 1,000 at a time, each after the last
// succeeded, under keys derived from the batch.
const backlog: PushAllTransaction[] = Array.from({ length: 2_500 }, (_, i) => ({
  id: `sale-${i + 1}`,
  date: new Date(Date.UTC(2024, 4, 3) + i * 600_000).toISOString().slice(0, 19),
  description: `Card sale ${i + 1}`,
  amount: 12.5,
  balance: 4_468.4 + 12.5 * (i + 1),
  transactionType: "Credit",
}));
backlog.sort((a, b) => (a.id ?? "").localeCompare(b.id ?? "")); // by id: out of date order
const batch = { ...ids, accountId: account.id, transactions: backlog };
const countPushes = async () => {
  let n = 0;
  for await (const _ of sdk.transactions.listAllCreateOperations({ companyId: company.id, pageSize: 100 })) n++;
  return n;
};
const before = await countPushes();
const result = await sdk.transactions.pushAll(batch, {
  intervalMs: 100,
  onProgress: ({ chunk, chunks, pushed, total, operation }) =>
    console.log(`   chunk ${chunk} of ${chunks}: ${pushed} of ${total} pushed (operation ${operation.pushOperationKey}, ${operation.status})`),
});
const first = result.operations.map((o) => o.pushOperationKey);
console.log(`7. pushAll pushed ${result.pushed} transactions in date order in ${first.length} pushes: batch ${result.batchId}`);
const again = await sdk.transactions.pushAll(batch, { intervalMs: 100 });
const replayed = again.operations.every((o, i) => o.pushOperationKey === first[i]);
const added = (await countPushes()) - before;
console.log(`   the same batch again: batch ${again.batchId}, ${replayed ? "every chunk replayed" : "pushed again"}; ${added} pushes in all`);

try {
  await sdk.companies.get({ companyId: "00000000-0000-0000-0000-000000000000" });
} catch (err) {
  if (!(err instanceof ErrorMessage)) throw err;
  console.log(`8. a missing company is an ErrorMessage: HTTP ${err.statusCode}, "${err.data.error}"`);
}
