// The loading tests' page script, bundled by esbuild (ESM and IIFE) from the installed package:
// clients built before the .wasm is in, bad options, a missing .wasm, `init({ wasmUrl })`. The
// API is the package's testing kit, in-process. No top-level await: it runs as an IIFE too.
import { CodatBankFeeds, CompaniesApi, init, ready, WasmLoadError } from "codat-bank-feeds-wasm";
import { createFakeCodat } from "codat-bank-feeds-wasm/testing";

const mode = new URLSearchParams(location.search).get("mode") ?? "";
const elsewhere = new URL("../elsewhere/codat_bank_feeds_wasm_bg.wasm", location.href);
// Apps hosting the .wasm apart from their bundle say so at the top level, before any request.
if (mode === "elsewhere") init({ wasmUrl: elsewhere });

const fake = createFakeCodat();
const options = { authHeader: fake.apiKey, fetch: fake.fetch, retryConfig: { strategy: "none" } };
const thrown = (f) => {
  try {
    f();
    return undefined;
  } catch (error) {
    return error;
  }
};
const name = (error) => error?.name ?? null;

// Built and called at once, while the .wasm is still on its way: nothing throws, the calls wait.
const early = new CodatBankFeeds(options);
const badEarly = thrown(() => new CodatBankFeeds({ ...options, serverURL: 5 }));
const badClient = badEarly ? undefined : new CodatBankFeeds({ ...options, serverURL: 5 });
const creating = mode === "missing" ? undefined : early.companies.create({ name: "Early" });
const listing = new CodatBankFeeds(options).companies.listAll();

async function loaded() {
  const result = { mode, badEarlyThrew: name(badEarly) };
  result.badFirstCall = name(await badClient.companies.get({ companyId: "x" }).catch((e) => e));
  const created = await creating;
  const names = [];
  for await (const c of listing) names.push(c.name);
  result.listed = names;
  result.got = (await early.companies.get({ companyId: created.id })).name;
  await ready();
  result.badAfterReady = name(thrown(() => new CodatBankFeeds({ ...options, serverURL: 5 })));
  const companies = early.companies;
  result.groupClass = companies instanceof CompaniesApi && early.companies === companies;
  result.noFree = !("free" in early) && !(Symbol.dispose in early) && !("free" in early.companies);
  return result;
}

async function missing() {
  const result = { mode };
  const fromReady = await ready().catch((e) => e);
  result.ready = name(fromReady);
  result.readyMessage = fromReady?.message;
  result.readyIsSdkError = fromReady instanceof WasmLoadError;
  result.call = name(await early.companies.get({ companyId: "x" }).catch((e) => e));
  await init({ wasmUrl: elsewhere });
  const created = await early.companies.create({ name: "After init" });
  result.afterInit = (await early.companies.get({ companyId: created.id })).name;
  return result;
}

(mode === "missing" ? missing() : loaded()).then(
  (result) => {
    window.__result = result;
  },
  (error) => {
    window.__result = { error: String(error), stack: error?.stack };
  },
);
