// Reads sent ahead of the .wasm, in Chromium and Firefox, from the packed package bundled by
// esbuild: the test holds the page's .wasm back and looks at what reached the testing kit's fake
// API (cross-origin, strict CORS) meanwhile, then lets it through. A read whose request can be
// told without the .wasm is sent at once, once: the call takes that response instead of sending
// again. One whose options, request or call options are anything else waits for the .wasm, as
// does a bad one (so nothing is sent for it at all), and a company's eleventh. One token for
// three reads; a .wasm that does not load fails the call with WasmLoadError.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startFakeCodat } from "../fake/node.mjs";
import { sendToken, useBrowser } from "./support/browser-site.mjs";
import { sdk } from "./support/helpers.mjs";
import { browsers, installPacked } from "./support/packed.mjs";
import { listen, sendFile } from "./support/static.mjs";

const WASM = "codat_bank_feeds_wasm_bg.wasm";
let project;
let site;
let fake;
let admin;
let tokenRequests = 0;
/** The .wasm requests held back, by gate: each answered once its gate opens (a 404 for a gate ending `missing`). */
const held = new Map();
const opened = new Set();

before(async () => {
  project = installPacked("codat-bank-feeds-ahead-");
  const dir = join(project, "site");
  mkdirSync(dir);
  copyFileSync(new URL("./ahead/page.mjs", import.meta.url), join(project, "page.mjs"));
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(project, "page.mjs")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    outfile: join(dir, "app.js"),
    absWorkingDir: project,
    logLevel: "error",
  });
  copyFileSync(join(project, "node_modules", "codat-bank-feeds-wasm", WASM), join(dir, WASM));
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>');
  fake = await startFakeCodat({ cors: "strict" });
  admin = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, serverURL: fake.url });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/token") {
      tokenRequests += 1;
      return sendToken(res, admin, url);
    }
    const gate = url.pathname.endsWith(".wasm") ? url.searchParams.get("gate") : null;
    if (gate !== null && !opened.has(gate)) await new Promise((r) => held.set(gate, r));
    return sendFile(res, dir, gate?.endsWith("missing") ? "none.wasm" : url.pathname.slice(1));
  });
  site = await listen(server, "localhost");
});

after(async () => {
  for (const release of held.values()) release();
  await site?.close();
  await fake?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** The page's GETs the fake has had for `companyId`'s paths (not the site's /token's), as `path` (query string included). */
const reads = (companyId) =>
  fake.requests
    .filter((r) => r.method === "GET" && r.path.startsWith(`/companies/${companyId}`) && !r.path.endsWith("/accessToken"))
    .map((r) => r.path + r.search);

async function until(what, check, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const [name, launch] of Object.entries(browsers)) {
  describe(name, () => {
    const launched = useBrowser(launch);

    /**
     * Opens the page of `scenario` (with the .wasm held back under gate `gate`), runs `whileHeld`
     * with the company's ids once its calls are made, lets the .wasm through, and resolves to the
     * calls' outcomes.
     */
    async function visit(scenario, gate, whileHeld) {
      const { id: companyId } = await admin.companies.create({ name: `${name} ${scenario}` });
      const { id: connectionId } = await admin.connections.create({ companyId, requestBody: { platformKey: "gbol" } });
      const ids = { companyId, connectionId, serverURL: fake.url, apiKey: fake.apiKey };
      const page = await launched.browser.newPage();
      try {
        await page.goto(`${site.url}/index.html?case=${scenario}&gate=${gate}&ids=${encodeURIComponent(JSON.stringify(ids))}`);
        await page.waitForFunction(() => window.__called === true);
        await until("the .wasm request", () => held.has(gate));
        await whileHeld(ids);
        const release = held.get(gate);
        held.delete(gate);
        opened.add(gate);
        release();
        await page.waitForFunction(() => window.__result !== undefined, { timeout: 30_000 });
        return { ids, result: await page.evaluate(() => window.__result), contexts: await page.evaluate(() => window.__contexts) };
      } finally {
        await page.close();
      }
    }

    test("reads by path go ahead of the .wasm, and each call takes its response: one GET apiece", async () => {
      let ahead;
      const { ids, result } = await visit("reads", `${name}-reads`, async ({ companyId }) => {
        await until("the three reads", () => reads(companyId).length === 3);
        ahead = reads(companyId);
      });
      const { companyId, connectionId } = ids;
      const paths = [
        `/companies/${companyId}`,
        `/companies/${companyId}/connections/${connectionId}`,
        `/companies/${companyId}/connections/${connectionId}/connectionInfo/bankFeedAccounts`,
      ];
      assert.deepEqual(ahead.sort(), [...paths].sort());
      assert.deepEqual(result, [companyId, connectionId, "0 accounts"]);
      assert.deepEqual(reads(companyId).sort(), [...paths].sort(), "none sent twice");
      const sent = fake.requests.find((r) => r.method === "GET" && r.path === paths[0]).headers;
      assert.equal(sent.authorization, fake.apiKey);
      assert.equal(sent.accept, "application/json");
    });

    test("companyAccessToken: one token, asked for ahead, for three reads sent ahead", async () => {
      const tokensBefore = tokenRequests;
      const { ids, result } = await visit("token", `${name}-token`, ({ companyId }) => until("the three reads", () => reads(companyId).length === 3));
      assert.deepEqual(result, Array(3).fill(ids.companyId));
      assert.equal(reads(ids.companyId).length, 3);
      assert.equal(tokenRequests - tokensBefore, 1);
      const sent = fake.requests.filter((r) => r.method === "GET" && r.path === `/companies/${ids.companyId}`);
      assert.ok(sent.every((r) => r.headers.authorization.startsWith("Bearer ")));
    });

    test("an authHeader function: called once per call, as without reads ahead, for the value sent ahead", async () => {
      const { ids, result, contexts } = await visit("provider", `${name}-provider`, ({ companyId }) =>
        until("the two reads", () => reads(companyId).length === 2),
      );
      assert.deepEqual(result, [ids.companyId, ids.companyId]);
      assert.equal(reads(ids.companyId).length, 2);
      assert.deepEqual(contexts, [
        { reason: "initial", attempt: 1 },
        { reason: "initial", attempt: 1 },
      ]);
    });

    test("other options, bad or other requests, call options, lists and a hostile Proxy wait for the .wasm; bad ones send nothing", async () => {
      let ahead;
      const { ids, result } = await visit("held", `${name}-held`, async ({ companyId }) => {
        await until("the marker read", () => reads(companyId).length === 1);
        await new Promise((r) => setTimeout(r, 500));
        ahead = reads(companyId);
      });
      const { companyId, connectionId } = ids;
      assert.deepEqual(ahead, [`/companies/${companyId}`]);
      assert.deepEqual(result, [
        companyId,
        connectionId,
        "InvalidRequestError",
        "InvalidRequestError",
        "InvalidRequestError",
        "InvalidRequestError",
        "InvalidRequestError",
        "ErrorMessage",
        connectionId,
        "ok",
        companyId,
      ]);
      // Sent once the .wasm was in: the valid ones, once each; the bad ones never.
      assert.deepEqual(reads(companyId).sort(), [
        `/companies/${companyId}`,
        `/companies/${companyId}`,
        `/companies/${companyId}%20`,
        `/companies/${companyId}/connections/${connectionId}`,
        `/companies/${companyId}/connections/${connectionId}`,
      ]);
    });

    test("ten reads of a company ahead at most; the eleventh once the .wasm is in; none twice", async () => {
      let ahead;
      const { ids, result } = await visit("eleven", `${name}-eleven`, async ({ companyId }) => {
        await until("ten reads", () => reads(companyId).length === 10);
        await new Promise((r) => setTimeout(r, 300));
        ahead = reads(companyId).length;
      });
      assert.equal(ahead, 10);
      assert.deepEqual(result, Array(11).fill(ids.companyId));
      assert.equal(reads(ids.companyId).length, 11);
    });

    test("a .wasm that does not load: the read sent ahead is dropped and the call fails with WasmLoadError", async () => {
      const { ids, result } = await visit("missing", `${name}-missing`, ({ companyId }) => until("the read", () => reads(companyId).length === 1));
      assert.deepEqual(result, ["WasmLoadError"]);
      assert.equal(reads(ids.companyId).length, 1);
    });
  });
}
