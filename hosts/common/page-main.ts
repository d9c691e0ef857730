// The page every browser case loads: a GET and a POST through the client, read back typed.
import { CodatBankFeeds, type Company } from "codat-bank-feeds-wasm";

const api = new URLSearchParams(location.search).get("api") ?? "";

async function run() {
  const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
  const got: Company = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  const made: Company = await sdk.companies.create({ name: "X" });
  return {
    get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
    post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
  };
}

// The test driver reads the result from here.
const page = window as unknown as { __result: unknown };
run().then(
  (r) => {
    page.__result = r;
    const app = document.querySelector("#app");
    if (app) app.textContent = JSON.stringify(r);
  },
  (e) => {
    page.__result = { error: String(e?.stack ?? e) };
  },
);
