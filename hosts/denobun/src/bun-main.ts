// Bun: a GET and a POST through the client; bundled by `bun build --target=bun`, then run.
import { CodatBankFeeds, type Company } from "codat-bank-feeds-wasm";

const api = process.argv[2];
const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
const got: Company = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
const made: Company = await sdk.companies.create({ name: "X" });
console.log(JSON.stringify({
  bun: Bun.version,
  get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
  post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
}));
