// The conformance scenario every runtime runs: the package as installed from its tarball against
// its own testing kit (`codat-bank-feeds-wasm/testing`), in-process over the kit's `fetch`, so
// no socket is opened. No Node APIs: it runs in workerd and browsers too. `vector` is a webhook
// signed by the test with Node's crypto, independently of the client's WebCrypto code.
export const MISSING_ID = "00000000-0000-0000-0000-000000000000";
export const STEPS = 19;
const FAST = { strategy: "backoff", backoff: { initialInterval: 10, maxInterval: 50 } };
const V8_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/;

export async function runScenario(pkg, testing, runtime, vector) {
  const steps = [];
  const check = (cond, what) => {
    if (!cond) throw new Error(`${runtime}: ${what}`);
    steps.push(what);
  };
  const fake = testing.createFakeCodat({ clock: testing.createClock("2026-12-01T09:00:00Z") });
  const calls = (operation) => fake.requests.filter((r) => r.operation === operation).length;
  const sdk = new pkg.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, retryConfig: FAST, timeoutMs: 10_000 });

  const created = await sdk.companies.create({ name: `Created from ${runtime}`, tags: { runtime } });
  check(created.name === `Created from ${runtime}` && fake.writes.length === 1 && fake.writes[0].body.tags.runtime === runtime, "POST sends the JSON body");
  const company = await sdk.companies.get({ companyId: created.id });
  check(company.id === created.id && company.tags.runtime === runtime, "GET resolves to the typed Company");
  const companyId = company.id;

  try {
    await sdk.companies.get({ companyId: MISSING_ID });
    check(false, "a 404 rejects");
  } catch (err) {
    check(err instanceof pkg.ErrorMessage && err instanceof pkg.CodatBankFeedsError && err instanceof Error, "a 404 is ErrorMessage");
    check(err.statusCode === 404 && err.data.error.includes(MISSING_ID), "ErrorMessage carries status and data");
  }

  fake.faults.add({ fault: "unavailable", operation: "companies.get" });
  const before = calls("companies.get");
  await sdk.companies.get({ companyId });
  check(calls("companies.get") - before === 2, "503 then 200 is retried to success");

  fake.faults.add({ fault: "drop", operation: "companies.create" });
  const landed = await sdk.companies.create({ name: `Dropped from ${runtime}` });
  const [lost, retried] = fake.requests.filter((r) => r.operation === "companies.create").slice(-2);
  check(
    fake.state.companies.has(landed.id) &&
      fake.writes.length === 2 &&
      lost.status === 0 &&
      retried.headers["idempotency-key"] === lost.headers["idempotency-key"],
    "a write whose answer is lost is retried under its key and lands once",
  );

  try {
    await sdk.companies.get({});
    check(false, "an invalid request rejects");
  } catch (err) {
    check(err instanceof pkg.InvalidRequestError && err.field === "companyId", "an invalid request is InvalidRequestError");
  }
  await sdk.companies.create({ name: `Third from ${runtime}` });
  const ids = [];
  for await (const c of sdk.companies.listAll({ pageSize: 2 })) ids.push(c.id);
  check(ids.length === 3 && ids[0] === companyId && calls("companies.list") === 2, "listAll pages on demand");

  const connection = await sdk.connections.create({ companyId, requestBody: { platformKey: "gbol" } });
  const account = { id: `acc-${runtime}`, accountName: "Checking", accountType: "checking", accountNumber: "12345670", currency: "GBP", balance: 0 };
  const ids2 = { companyId, connectionId: connection.id };
  await sdk.sourceAccounts.create({ ...ids2, requestBody: account });
  const token = await sdk.companies.getAccessToken({ companyId });

  // Polls see time move on: each answer advances the fake's clock past a push's completion.
  const lines = [];
  const seen = [];
  const traced = new pkg.CodatBankFeeds({
    authHeader: async () => `Bearer ${token.accessToken}`,
    fetch: fake.fetch,
    hooks: {
      afterSuccess: (r) => {
        seen.push(r.status);
        fake.clock.advance(300);
      },
    },
    debugLogger: { debug: (l) => lines.push(l) },
  });
  const pushed = await sdk.transactions.create({ ...ids2, accountId: account.id, requestBody: { accountId: account.id, transactions: [] } });
  const op = await traced.transactions.waitForOperation({ companyId, pushOperationKey: pushed.pushOperationKey }, { intervalMs: 10 });
  check(op.status === "Success" && seen.join() === "200,200", "waitForOperation polls to Success, hooks run per attempt");
  check(lines.length === 2 && !lines.join().includes(token.accessToken), "debugLogger logs each attempt without the token");

  // Three transactions, newest first, in chunks of two: sorted, keyed by WebCrypto digests.
  const transactions = [3, 1, 2].map((d) => ({ id: `t${d}`, date: `2024-01-0${d}T09:00:00`, amount: d, balance: d }));
  const push = { ...ids2, accountId: account.id, transactions };
  const run = await traced.transactions.pushAll(push, { chunkSize: 2, intervalMs: 10 });
  const pushes = () => fake.writes.filter((w) => w.operation === "transactions.create" && w.accountId === account.id && w.body.transactions.length > 0);
  check(
    run.pushed === 3 &&
      run.operations.length === 2 &&
      pushes()
        .map((w) => w.body.transactions.map((t) => t.id).join())
        .join(" ") === "t1,t2 t3",
    "pushAll pushes date-ordered chunks one at a time",
  );
  const again = await traced.transactions.pushAll(push, { chunkSize: 2, intervalMs: 10 });
  check(
    again.batchId === run.batchId && pushes().length === 2 && pushes().every((w) => V8_GUID.test(w.idempotencyKey)),
    "pushAll derives its keys: the same batch again replays",
  );

  fake.clock.advance(token.expiresIn * 1000);
  try {
    await traced.companies.get({ companyId });
    check(false, "an expired token is refused");
  } catch (err) {
    check(err instanceof pkg.ErrorMessage && err.statusCode === 401, "an expired company token is 401");
  }

  // One deadline per call, whatever it waits on: functions of the caller's that never settle.
  const never = () => new Promise(() => {});
  const expired = async (client, options) => {
    const started = Date.now();
    try {
      await client.companies.get({ companyId }, options);
      return undefined;
    } catch (err) {
      return { err, ms: Date.now() - started };
    }
  };
  const hungAuth = await expired(new pkg.CodatBankFeeds({ authHeader: never, fetch: fake.fetch, timeoutMs: 200 }));
  check(
    hungAuth?.err instanceof pkg.RequestTimeoutError && /after 200 ms .*authHeader/.test(hungAuth.err.message) && hungAuth.ms < 1000,
    "a hung authHeader function ends at timeoutMs",
  );
  const hungHook = await expired(new pkg.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, hooks: { beforeRequest: never } }), {
    timeoutMs: 200,
  });
  check(hungHook?.err instanceof pkg.RequestTimeoutError && hungHook.ms < 1000, "a hung beforeRequest hook ends at timeoutMs");
  const called = [];
  const note = (what) => () => {
    called.push(what);
    return never();
  };
  const aborted = await expired(new pkg.CodatBankFeeds({ authHeader: note("authHeader"), fetch: note("fetch") }), { signal: AbortSignal.abort() });
  check(aborted?.err instanceof pkg.RequestAbortedError && called.length === 0 && aborted.ms < 200, "an aborted signal rejects at once, calling nothing");
  // The browser's CORS hint (and bound) where a browser runs it, and nowhere else: not in Node,
  // Deno, Bun or workerd, which have some of a browser's globals.
  const browser = runtime === "chromium" || runtime === "firefox";
  const unreachable = new pkg.CodatBankFeeds({ authHeader: fake.apiKey, fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
  const failed = await unreachable.companies.get({ companyId }, { retries: { strategy: "none" } }).catch((err) => err);
  check(failed instanceof pkg.ConnectionError && failed.message.includes("often CORS") === browser, "a failed fetch says it is often CORS in a browser only");
  const event = await pkg.verifyWebhook(vector.body, vector.headers, vector.secret);
  check(event.eventType === "bankFeeds.sourceAccount.connected", "verifyWebhook verifies with WebCrypto");
  try {
    await pkg.verifyWebhook(`${vector.body} `, vector.headers, vector.secret);
    check(false, "a tampered webhook is refused");
  } catch (err) {
    check(err instanceof pkg.WebhookVerificationError, "a tampered webhook is refused");
  }
  return { ok: true, runtime, steps };
}
