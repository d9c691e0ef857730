// Deno, no node_modules: the package through an npm: specifier (from NPM_CONFIG_REGISTRY).
import { CodatBankFeeds, type Company } from "npm:codat-bank-feeds-wasm@0.1.0";

const api = Deno.args[0];
const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
const got: Company = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
const made: Company = await sdk.companies.create({ name: "X" });
console.log(JSON.stringify({
  deno: Deno.version.deno,
  get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
  post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
}));
