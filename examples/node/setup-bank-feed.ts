// The bank-feed setup flow, end to end. Runs against the local fake API in the demo
// (`bash scripts/demo.sh`) or against Codat with CODAT_SERVER_URL unset and CODAT_AUTH_HEADER
// set to "Basic <base64 API key>".
import { CodatBankFeeds, ErrorMessage, type Company } from "codat-bank-feeds-wasm";

const authHeader = process.env.CODAT_AUTH_HEADER;
if (!authHeader) throw new Error("set CODAT_AUTH_HEADER to `Basic <base64 API key>`");

const sdk = new CodatBankFeeds({
  authHeader,
  serverURL: process.env.CODAT_SERVER_URL,
  timeoutMs: 60_000,
});

const created: Company = await sdk.companies.create({
  name: "Toft stores",
  description: "Bank feed demo",
  tags: { source: "codat-bank-feeds-wasm demo" },
});
console.log(`created company ${created.id} (${created.name})`);

const readBack = await sdk.companies.get({ companyId: created.id });
console.log("read back through the client:", JSON.stringify(readBack, null, 2));

try {
  await sdk.companies.get({ companyId: "00000000-0000-0000-0000-000000000000" });
} catch (err) {
  if (!(err instanceof ErrorMessage)) throw err;
  console.log(`a missing company is an ErrorMessage: HTTP ${err.statusCode}, "${err.data.error}"`);
}
