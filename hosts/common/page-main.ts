// The page every browser case loads (Vite 8 and 7, webpack, bun build): a GET and a POST through
// the client, the results read back. TypeScript with no type syntax, so that webpack (no
// TypeScript loader) bundles it as JavaScript while the Vite apps' tsc checks it under their
// templates' tsconfig, the results' types inferred from the package's.
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

// The test driver reads the result from here.
run().then(
  (r) => {
    Object.assign(window, { __result: r });
    const app = document.querySelector("#app");
    if (app) app.textContent = JSON.stringify(r);
  },
  (e) => {
    Object.assign(window, { __result: { error: String(e?.stack ?? e) } });
  },
);
