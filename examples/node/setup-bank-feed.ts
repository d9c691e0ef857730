// The bank-feed setup flow, end to end: create a company and its connection, register the
// bank account of your app as a source account, map it to an account in the accounting
// software, push bank transactions, and follow the push until it finishes.
//
// `bash scripts/demo.sh` runs it against the local fake API. Against Codat:
//   CODAT_AUTH_HEADER="Basic <base64 API key>" node examples/node/dist/setup-bank-feed.js
import {
  CodatBankFeeds,
  ConnectionError,
  type CreateBankTransactions,
  ErrorMessage,
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

try {
  await sdk.companies.get({ companyId: "00000000-0000-0000-0000-000000000000" });
} catch (err) {
  if (!(err instanceof ErrorMessage)) throw err;
  console.log(`7. a missing company is an ErrorMessage: HTTP ${err.statusCode}, "${err.data.error}"`);
}
