// The examples run for real: the Cloudflare Worker in workerd (miniflare) and the browser page
// in Chromium, both against the local fake Codat API.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startFakeCodat } from "../fake/node.mjs";
import { sdk } from "./support/helpers.mjs";
import { browsers } from "./support/packed.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const API_KEY_B64 = "ZGVtby1rZXk=";
const WEBHOOK_SECRET = `whsec_${Buffer.from("a webhook signing secret!").toString("base64")}`;
let fake;
let work;

before(async () => {
  fake = await startFakeCodat({ apiKey: `Basic ${API_KEY_B64}` });
  work = mkdtempSync(join(tmpdir(), "codat-examples-"));
});
after(async () => {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

/**
 * An example worker bundled the way wrangler does (the package's `workerd` condition, the
 * `.wasm` beside it as a compiled module), in Miniflare with `options` (bindings, queues, ...).
 */
async function workerOf(example, options) {
  const esbuild = await import("esbuild");
  const dir = mkdtempSync(join(work, "worker-"));
  await esbuild.build({
    entryPoints: [join(root, "examples", example, "src/index.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["*.wasm", "cloudflare:*"],
    outfile: join(dir, "worker.js"),
  });
  const pkgDir = dirname(createRequire(join(root, "package.json")).resolve("codat-bank-feeds-wasm/package.json"));
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith(".wasm"));
  copyFileSync(join(pkgDir, wasm), join(dir, wasm));
  const { Miniflare } = await import("miniflare");
  return new Miniflare({
    modules: true,
    scriptPath: join(dir, "worker.js"),
    modulesRoot: dir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    cf: false,
    ...options,
  });
}

test("examples/cloudflare-worker sets up a bank feed in workerd, key from a secret binding", async () => {
  const mf = await workerOf("cloudflare-worker", {
    bindings: { CODAT_API_KEY: API_KEY_B64, CODAT_SERVER_URL: fake.url, CODAT_WEBHOOK_SECRET: WEBHOOK_SECRET },
  });
  try {
    const account = { id: "acc-worker", accountName: "Checking", accountType: "checking", accountNumber: "12345670", currency: "USD", balance: 0 };
    const res = await mf.dispatchFetch("http://worker/bank-feeds", { method: "POST", body: JSON.stringify({ companyName: "Worker Co", account }) });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.sourceAccountId, "acc-worker");
    assert.equal(body.mapping, "Success");
    const admin = new sdk.CodatBankFeeds({ authHeader: `Basic ${API_KEY_B64}`, serverURL: fake.url });
    assert.equal((await admin.companies.get({ companyId: body.companyId })).name, "Worker Co");
    const accounts = await admin.sourceAccounts.list({ companyId: body.companyId, connectionId: body.connectionId });
    assert.deepEqual(
      accounts.map((a) => [a.id, a.status]),
      [["acc-worker", "connected"]],
    );

    const bad = await mf.dispatchFetch("http://worker/bank-feeds", { method: "POST", body: JSON.stringify({ companyName: "" }) });
    const delivery = JSON.stringify({ id: "e-1", eventType: "bankFeeds.sourceAccount.connected", generatedDate: "2024-09-01T00:00:00Z", payload: {} });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v1,${createHmac("sha256", Buffer.from(WEBHOOK_SECRET.slice(6), "base64"))
      .update(`msg_1.${ts}.${delivery}`)
      .digest("base64")}`;
    const hook = (b) =>
      mf.dispatchFetch("http://worker/webhooks", { method: "POST", body: b, headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sig } });
    assert.equal((await hook(delivery)).status, 204);
    assert.equal((await hook(delivery.replace("connected", "disconnected"))).status, 401);

    // Refused by the client before any request: the worker maps InvalidRequestError to a 400.
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, "name");
  } finally {
    await mf.dispose();
  }
});

test("examples/cloudflare-queue-pusher: queued batches pushed by a Durable Object per company, one push per account at a time, a redelivery replayed", async () => {
  // Its own fake, whose pushes complete quickly; it refuses a push older than the account's latest.
  const api = await startFakeCodat({ apiKey: `Basic ${API_KEY_B64}`, pushCompletesAfterMs: 30 });
  const admin = new sdk.CodatBankFeeds({ authHeader: `Basic ${API_KEY_B64}`, serverURL: api.url });
  const company = await admin.companies.create({ name: "Queue Co" });
  const connection = await admin.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
  const ids = { companyId: company.id, connectionId: connection.id };
  for (const id of ["acc-a", "acc-b"]) await admin.sourceAccounts.create({ ...ids, requestBody: { id, accountName: id, currency: "GBP" } });
  const mf = await workerOf("cloudflare-queue-pusher", {
    bindings: { CODAT_API_KEY: API_KEY_B64, CODAT_SERVER_URL: api.url, PUSH_CHUNK_SIZE: "100", PUSH_POLL_INTERVAL_MS: "20" },
    durableObjects: { COMPANY: "CompanyPusher" },
    queueProducers: { PUSHES: "pushes" },
    queueConsumers: { pushes: { maxBatchSize: 10, maxBatchTimeout: 0.2, maxRetries: 2 } },
  });
  /** n transactions of `month` (2024), ten minutes apart, newest first (the order pushAll fixes). */
  const transactions = (prefix, month, n) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      date: new Date(Date.UTC(2024, month - 1, 1) + i * 600_000).toISOString().slice(0, 19),
      amount: 1,
      balance: i + 1,
    })).reverse();
  const jobs = [
    { ...ids, accountId: "acc-a", batchId: "a-jan", transactions: transactions("a1", 1, 250) },
    { ...ids, accountId: "acc-a", batchId: "a-feb", transactions: transactions("a2", 2, 120) },
    { ...ids, accountId: "acc-b", batchId: "b-jan", transactions: transactions("b1", 1, 50) },
  ];
  try {
    // The January batch twice, as an at-least-once queue may deliver it.
    for (const job of [...jobs, jobs[0]]) {
      const res = await mf.dispatchFetch("http://worker/pushes", { method: "POST", body: JSON.stringify(job) });
      assert.equal(res.status, 202);
    }
    const record = async (batchId) => {
      const res = await mf.dispatchFetch(`http://worker/pushes/${company.id}/${batchId}`);
      return res.status === 200 ? res.json() : undefined;
    };
    const finished = { "a-jan": 2, "a-feb": 1, "b-jan": 1 };
    const deadline = Date.now() + 30_000;
    let records;
    for (;;) {
      records = Object.fromEntries(await Promise.all(Object.keys(finished).map(async (b) => [b, await record(b)])));
      if (Object.entries(finished).every(([b, runs]) => records[b]?.runs >= runs)) break;
      assert.ok(Date.now() < deadline, `not finished: ${JSON.stringify(records)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const [b, total] of [
      ["a-jan", 250],
      ["a-feb", 120],
      ["b-jan", 50],
    ]) {
      assert.equal(records[b].state, "pushed", JSON.stringify(records[b]));
      assert.equal(records[b].pushed, total);
    }
    assert.equal(records["a-jan"].operations.length, 3);

    // What the API saw: 3 + 2 pushes for acc-a and 1 for acc-b, no more (the redelivered January
    // batch replayed), all Success; acc-a's one at a time (each sent after the last completed).
    const ops = [];
    for await (const op of admin.transactions.listAllCreateOperations({ companyId: company.id, pageSize: 100 })) ops.push(op);
    const byAccount = (accountId) => ops.filter((o) => o.data?.accountId === accountId).sort((x, y) => x.requestedOnUtc.localeCompare(y.requestedOnUtc));
    const a = byAccount("acc-a");
    assert.deepEqual(
      a.map((o) => [o.status, o.data?.transactions?.length]),
      [
        ["Success", 100],
        ["Success", 100],
        ["Success", 50],
        ["Success", 100],
        ["Success", 20],
      ],
    );
    assert.deepEqual(
      records["a-jan"].operations,
      a.slice(0, 3).map((o) => o.pushOperationKey),
    );
    for (let i = 1; i < a.length; i++) assert.ok(a[i].requestedOnUtc >= (a[i - 1].completedOnUtc ?? ""), `push ${i} overlapped the one before`);
    assert.deepEqual(
      byAccount("acc-b").map((o) => o.status),
      ["Success"],
    );
    assert.equal(ops.length, 6);
  } finally {
    await mf.dispose();
    await api.close();
  }
});

test("examples/browser: a signed-in user maps their account in <codat-account-mapping>, with a token for their own company only", async () => {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, [join(root, "examples/browser/build.mjs")]);
  const backendModule = await import("../examples/browser/backend.mjs");
  // Two customers' companies, set up as a backend would have done before.
  const admin = new sdk.CodatBankFeeds({ authHeader: `Basic ${API_KEY_B64}`, serverURL: fake.url });
  const setUp = async (name, account) => {
    const company = await admin.companies.create({ name });
    const connection = await admin.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
    const ids = { companyId: company.id, connectionId: connection.id };
    await admin.sourceAccounts.create({ ...ids, requestBody: account });
    return ids;
  };
  const ana = await setUp("Browser Co", {
    id: "acc-web",
    accountName: "Till",
    accountType: "checking",
    accountNumber: "12345670",
    currency: "GBP",
    balance: 0,
  });
  const bob = await setUp("Other Co", {
    id: "acc-other",
    accountName: "Other",
    accountType: "checking",
    accountNumber: "87654321",
    currency: "GBP",
    balance: 0,
  });
  const users = { ana: { password: "ana-password", ...ana }, bob: { password: "bob-password", ...bob } };
  const backend = await backendModule.startBackend({ authHeader: `Basic ${API_KEY_B64}`, serverURL: fake.url, users });

  // Without a session there is no token; bob's token is refused on ana's company.
  assert.equal((await fetch(`${backend.url}/api/token`)).status, 401);
  assert.equal((await fetch(`${backend.url}/api/sign-in`, { method: "POST", body: JSON.stringify({ user: "bob", password: "nope" }) })).status, 401);
  const signedIn = await fetch(`${backend.url}/api/sign-in`, { method: "POST", body: JSON.stringify({ user: "bob", password: "bob-password" }) });
  const cookie = signedIn.headers.get("set-cookie").split(";")[0];
  const bobToken = await (await fetch(`${backend.url}/api/token?companyId=${ana.companyId}`, { headers: { cookie } })).json();
  const asBob = new sdk.CodatBankFeeds({ authHeader: `Bearer ${bobToken.accessToken}`, serverURL: fake.url, retryConfig: { strategy: "none" } });
  assert.equal((await asBob.accountMapping.get(ana).catch((e) => e)).statusCode, 403);
  assert.equal((await asBob.accountMapping.get(bob)).length, 1);

  const puppeteer = await import("puppeteer-core");
  const browser = await puppeteer.launch({ headless: true, ...browsers.chromium });
  try {
    const page = await browser.newPage();
    const seen = [];
    const violations = [];
    page.on("request", (r) => seen.push([r.url(), r.headers().authorization ?? ""]));
    page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
    await page.goto(`${backend.url}/`);
    await page.waitForSelector("#sign-in:not([hidden])");
    await page.type("#user", "ana");
    await page.type("#password", "ana-password");
    await page.keyboard.press("Enter");
    const inElement = (fn, ...args) => page.waitForFunction(fn, { timeout: 30_000 }, ...args);
    await inElement(() => document.querySelector("codat-account-mapping")?.shadowRoot?.querySelector("[part=list]"));
    await page.evaluate(() => {
      const r = document.querySelector("codat-account-mapping").shadowRoot;
      r.querySelector("#t0").value = "0";
      r.querySelector("#s0").click();
    });
    await inElement(() => document.querySelector("codat-account-mapping").shadowRoot.querySelector(".badge")?.textContent === "Status: Connected");
    const [mapping] = await admin.accountMapping.get(ana);
    assert.equal(mapping.status, "connected");
    assert.deepEqual(violations, []);
    // The page talked to the API with a Bearer token only; the API key never reached it.
    const apiCalls = seen.filter(([url]) => url.startsWith(fake.url));
    assert.ok(apiCalls.length >= 2);
    for (const [, auth] of apiCalls) assert.ok(!auth.includes(API_KEY_B64));
    assert.ok(apiCalls.some(([, auth]) => auth.startsWith("Bearer ")));
  } finally {
    await browser.close();
    await backend.close();
  }
});

test("the demo (examples/node): the bank-feed flow, a lost answer retried under its key landing once", async () => {
  const { execFileSync } = await import("node:child_process");
  execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(root, "examples/node")], { stdio: "pipe" });
  const demo = execFileSync(process.execPath, [join(root, "examples/node/run-demo.mjs")], { encoding: "utf8" });
  assert.match(demo, /1\. created company [0-9a-f-]{36} \(Toft stores\)/);
  assert.match(demo, /1 answer lost on a dropped connection, retried under the same Idempotency-Key: 1 company written/);
  assert.match(demo, /6\. push operation read back: Success, 2 changes/);
  assert.match(demo, /chunk 1 of 3: 1000 of 2500 pushed \(operation [0-9a-f-]{36}, Success\)/);
  assert.match(demo, /chunk 2 of 3: 2000 of 2500 pushed/);
  assert.match(demo, /chunk 3 of 3: 2500 of 2500 pushed/);
  const batch = demo.match(/7\. pushAll pushed 2500 transactions in date order in 3 pushes: batch ([0-9a-f-]{36})/);
  assert.ok(batch, demo);
  assert.match(demo, new RegExp(`the same batch again: batch ${batch[1]}, every chunk replayed; 3 pushes in all`));
  assert.match(demo, /8\. a missing company is an ErrorMessage: HTTP 404/);
});
