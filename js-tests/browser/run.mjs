// What the browser test runs, in a page or a worker (bundled by esbuild): `run(config)` makes a
// client whose `authHeader` is companyAccessToken over the site's own /token endpoint, runs
// `config.calls` GETs and then (when `config.write`) one keyed write, and resolves to what
// happened: results, the error's class and message, the attempts the client sent, how long it
// took, the origin it ran at and the kind of global it ran in. A call still pending after 15 s resolves to `{ pending: true }`.
import { CodatBankFeeds, ConnectionError, companyAccessToken } from "codat-bank-feeds-wasm";

export async function run({ companyId, connectionId, serverURL, calls = 0, write = false, idempotencyKeys = true }) {
  const authHeader = companyAccessToken(async () => {
    const res = await fetch(`/token?companyId=${encodeURIComponent(companyId)}`);
    if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
    return res.json();
  });
  let attempts = 0;
  const client = new CodatBankFeeds({ authHeader, serverURL, idempotencyKeys, hooks: { beforeRequest: () => void attempts++ } });
  const started = performance.now();
  const work = (async () => {
    const got = await Promise.all(Array.from({ length: calls }, () => client.companies.get({ companyId })));
    const requestBody = {
      id: `acc-${Math.random().toString(36).slice(2)}`,
      accountName: "Float",
      accountType: "checking",
      accountNumber: "12345670",
      sortCode: "401162",
      currency: "GBP",
      balance: 1,
    };
    const wrote = write ? await client.sourceAccounts.create({ companyId, connectionId, requestBody }) : undefined;
    return { ok: true, got: got.map((c) => c.id), wrote: wrote?.id };
  })().catch((e) => ({ ok: false, name: e.name, connection: e instanceof ConnectionError, message: e.message }));
  const pending = new Promise((r) => setTimeout(() => r({ pending: true }), 15_000));
  const outcome = await Promise.race([work, pending]);
  return { ...outcome, attempts, ms: performance.now() - started, origin: location.origin, global: globalThis.constructor.name };
}
