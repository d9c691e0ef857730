// The reads-ahead tests' page script, bundled by esbuild from the installed package: the calls of
// `?case=` made at once, while the test holds the .wasm back (it is loaded from `?gate=`), against
// the fake API of `?ids=` (cross-origin). `window.__called` once they are made, `window.__result`
// once they have ended: each call's company or connection id, or its error's class; `window.__contexts`:
// what an `authHeader` function was called with.
import { CodatBankFeeds, companyAccessToken, init } from "codat-bank-feeds-wasm";

const q = new URLSearchParams(location.search);
const { companyId, connectionId, serverURL, apiKey } = JSON.parse(q.get("ids"));
init({ wasmUrl: new URL(`./codat_bank_feeds_wasm_bg.wasm?gate=${q.get("gate")}`, location.href) });

const options = { authHeader: apiKey, serverURL };
const client = new CodatBankFeeds(options);
const token = () => fetch(`/token?companyId=${companyId}`).then((r) => r.json());

const CASES = {
  // Reads of one company by path: each sent ahead.
  reads: () => [
    client.companies.get({ companyId }),
    client.connections.get({ companyId, connectionId }),
    client.sourceAccounts.list({ companyId, connectionId }),
  ],
  // One token for three reads, asked for ahead.
  token: () => {
    const tokenClient = new CodatBankFeeds({ authHeader: companyAccessToken(token), serverURL: `${serverURL}/` });
    return [0, 1, 2].map(() => tokenClient.companies.get({ companyId }));
  },
  // An authHeader function, which records what it is called with.
  provider: () => {
    window.__contexts = [];
    const providerClient = new CodatBankFeeds({
      authHeader: (context) => {
        window.__contexts.push(context);
        return apiKey;
      },
      serverURL,
    });
    return [0, 1].map(() => providerClient.companies.get({ companyId }));
  },
  // The first (a marker) goes ahead; none of the others may.
  held: () => [
    client.companies.get({ companyId }),
    new CodatBankFeeds({ ...options, timeoutMs: 30_000 }).connections.get({ companyId, connectionId }),
    new CodatBankFeeds({ ...options, authHeader: "Bearer" }).companies.get({ companyId }),
    new CodatBankFeeds({ ...options, serverURL: `${serverURL}?x` }).companies.get({ companyId }),
    client.companies.get({ companyId: "" }),
    client.companies.get({ companyId: ".." }),
    client.companies.get({ companyId, connectionId }),
    client.companies.get({ companyId: `${companyId} ` }),
    client.connections.get({ companyId, connectionId }, { retries: { strategy: "none" } }),
    client.companies.list(),
    client.companies.get(
      new Proxy(
        { companyId },
        {
          getPrototypeOf() {
            throw new Error("a trap");
          },
        },
      ),
    ),
  ],
  // Codat's limit per company: ten ahead, the eleventh once the .wasm is in.
  eleven: () => Array.from({ length: 11 }, () => client.companies.get({ companyId })),
  // The .wasm does not load: the call fails with WasmLoadError, its request ahead aborted.
  missing: () => [client.companies.get({ companyId })],
};

const outcome = (value) => (Array.isArray(value) ? `${value.length} accounts` : (value.id ?? "ok"));
const calls = CASES[q.get("case")]();
window.__called = true;
Promise.all(calls.map((call) => call.then(outcome, (error) => error.name))).then((result) => {
  window.__result = result;
});
