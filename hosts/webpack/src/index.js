// The page: a GET and a POST through the client (same as common/page-main.ts, in JS).
import { CodatBankFeeds } from "codat-bank-feeds-wasm";

const api = new URLSearchParams(location.search).get("api") ?? "";

async function run() {
  const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
  const got = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  const made = await sdk.companies.create({ name: "X" });
  return {
    get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
    post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
  };
}

run().then(
  (r) => {
    window.__result = r;
    document.querySelector("#app").textContent = JSON.stringify(r);
  },
  (e) => {
    window.__result = { error: String(e?.stack ?? e) };
  },
);
