// A script for Vercel's edge-runtime (evaluated as a script, not a module): a fetch listener
// that does a GET and a POST through the client against ?api=<url>. Bundled by esbuild (see
// package.json "build") into one IIFE with the .wasm inlined as bytes.
import { CodatBankFeeds } from "codat-bank-feeds-wasm";

async function handle(request) {
  const api = new URL(request.url).searchParams.get("api");
  try {
    const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
    const got = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
    const made = await sdk.companies.create({ name: "X" });
    return Response.json({
      get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
      post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
    });
  } catch (e) {
    return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
  }
}

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));
