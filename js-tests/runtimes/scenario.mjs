// The conformance scenario every runtime runs against the runtime test server, through the
// package as installed from its tarball. No Node APIs: it runs in workerd and browsers too.
export const COMPANY_ID = "0498e921-9b53-4396-a412-4f2f5983b0a2";
export const MISSING_ID = "00000000-0000-0000-0000-000000000000";
export const STEPS = 16;

export async function runScenario(pkg, serverURL, runtime) {
  const steps = [];
  const check = (cond, what) => {
    if (!cond) throw new Error(`${runtime}: ${what}`);
    steps.push(what);
  };
  const sdk = new pkg.CodatBankFeeds({
    authHeader: "Basic cnVudGltZS10ZXN0",
    serverURL,
    retryConfig: { strategy: "backoff", backoff: { initialInterval: 10, maxInterval: 50 } },
    timeoutMs: 10_000,
  });

  const company = await sdk.companies.get({ companyId: COMPANY_ID });
  check(company.id === COMPANY_ID && company.name === "Toft stores", "GET resolves to the typed Company");

  const created = await sdk.companies.create({ name: `Created from ${runtime}`, tags: { runtime } });
  check(created.name === `Created from ${runtime}` && created.tags.runtime === runtime, "POST sends the JSON body");

  try {
    await sdk.companies.get({ companyId: MISSING_ID });
    check(false, "a 404 rejects");
  } catch (err) {
    check(err instanceof pkg.ErrorMessage && err instanceof pkg.CodatBankFeedsError && err instanceof Error, "a 404 is ErrorMessage");
    check(err.statusCode === 404 && err.data.error === "Company not found", "ErrorMessage carries status and data");
  }

  const flaky = await sdk.companies.get({ companyId: `flaky-${runtime}` });
  check(flaky.id === `flaky-${runtime}`, "503 then 200 is retried to success");

  try {
    await sdk.companies.get({});
    check(false, "an invalid request rejects");
  } catch (err) {
    check(err instanceof pkg.InvalidRequestError && err.field === "companyId", "an invalid request is InvalidRequestError");
  }
  const ids = [];
  for await (const c of sdk.companies.listAll({ pageSize: 2 })) ids.push(c.id);
  check(ids.join() === "p-0,p-1,p-2", "listAll pages on demand");

  const lines = [];
  const seen = [];
  const traced = new pkg.CodatBankFeeds({
    authHeader: async () => "Bearer short-lived-token",
    serverURL,
    hooks: { beforeRequest: (r) => ({ ...r, headers: { ...r.headers, "x-runtime": runtime } }), afterSuccess: (r) => void seen.push(r.status) },
    debugLogger: { debug: (l) => lines.push(l) },
  });
  const op = await traced.transactions.waitForOperation({ companyId: COMPANY_ID, pushOperationKey: `op-${runtime}` }, { intervalMs: 10 });
  check(op.status === "Success" && seen.join() === "200,200", "waitForOperation polls to Success, hooks run per attempt");
  check(lines.length === 2 && !lines.join().includes("short-lived-token"), "debugLogger logs each attempt without the token");

  // Three transactions, newest first, in chunks of two: sorted, keyed by WebCrypto digests.
  const transactions = [3, 1, 2].map((d) => ({ id: `t${d}`, date: `2024-01-0${d}T09:00:00`, amount: d, balance: d }));
  // Each runtime its own account: the same batch from two runtimes would share keys (and replay).
  const push = { companyId: COMPANY_ID, connectionId: COMPANY_ID, accountId: `acc-${runtime}`, transactions };
  const run = await traced.transactions.pushAll(push, { chunkSize: 2, intervalMs: 10 });
  const seenPushes = async () => (await fetch(`${serverURL}/pushes-seen?runtime=${runtime}`)).json();
  const first = await seenPushes();
  check(
    run.pushed === 3 && run.operations.length === 2 && first.map((p) => p.ids.join()).join(" ") === "t1,t2 t3",
    "pushAll pushes date-ordered chunks one at a time",
  );
  const again = await traced.transactions.pushAll(push, { chunkSize: 2, intervalMs: 10 });
  const keys = first.map((p) => p.key);
  check(
    again.batchId === run.batchId && (await seenPushes()).length === 2 && keys.every((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/.test(k)),
    "pushAll derives its keys: the same batch again replays",
  );

  // One deadline per call, whatever it waits on: functions of the caller's that never settle.
  const never = () => new Promise(() => {});
  const expired = async (client, options) => {
    const started = Date.now();
    try {
      await client.companies.get({ companyId: COMPANY_ID }, options);
      return undefined;
    } catch (err) {
      return { err, ms: Date.now() - started };
    }
  };
  const hungAuth = await expired(new pkg.CodatBankFeeds({ authHeader: never, serverURL, timeoutMs: 200 }));
  check(
    hungAuth?.err instanceof pkg.RequestTimeoutError && /after 200 ms .*authHeader/.test(hungAuth.err.message) && hungAuth.ms < 1000,
    "a hung authHeader function ends at timeoutMs",
  );
  const hungHook = await expired(new pkg.CodatBankFeeds({ authHeader: "Basic cnVudGltZS10ZXN0", serverURL, hooks: { beforeRequest: never } }), {
    timeoutMs: 200,
  });
  check(hungHook?.err instanceof pkg.RequestTimeoutError && hungHook.ms < 1000, "a hung beforeRequest hook ends at timeoutMs");
  const called = [];
  const note = (what) => () => {
    called.push(what);
    return never();
  };
  const aborted = await expired(new pkg.CodatBankFeeds({ authHeader: note("authHeader"), serverURL, fetch: note("fetch") }), { signal: AbortSignal.abort() });
  check(aborted?.err instanceof pkg.RequestAbortedError && called.length === 0 && aborted.ms < 200, "an aborted signal rejects at once, calling nothing");

  const vector = await (await fetch(`${serverURL}/webhook-vector`)).json();
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
