// What the browser suites (browser.test.mjs, elements.test.mjs) run against: the testing kit's
// fake API cross-origin on 127.0.0.1 with strict CORS (only Authorization, Accept and
// Content-Type allowed), and a page bundled by esbuild with the client's .wasm beside it, served
// from http://localhost with a /token endpoint; and a browser launched per `describe`.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { startFakeCodat } from "../../fake/node.mjs";
import { sdk } from "./helpers.mjs";
import { root } from "./packed.mjs";
import { listen, sendFile } from "./static.mjs";

/**
 * Bundles `entry` (under js-tests/) into `dir`/app.js, or each of `entry`'s `{ name: file }` into
 * `dir`/name.js (a page and its worker, say), with the client's .wasm and `html` as index.html beside them.
 */
async function bundlePage(entry, dir, html, minify) {
  const esbuild = await import("esbuild");
  const entries = typeof entry === "string" ? { app: entry } : entry;
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, "js-tests", file)])),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify,
    outdir: dir,
    absWorkingDir: root,
  });
  const pkgDir = join(root, "pkg");
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith(".wasm"));
  copyFileSync(join(pkgDir, wasm), join(dir, "codat_bank_feeds_wasm_bg.wasm"));
  writeFileSync(join(dir, "index.html"), html);
}

/** Answers a test site's /token: what `admin`'s companies.getAccessToken returns for the query's `companyId` (any company). */
export async function sendToken(res, admin, url) {
  const token = await admin.companies.getAccessToken({ companyId: url.searchParams.get("companyId") ?? "" });
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(token));
}

/** The page's files from `dir`, each with `headers`; /token hands a token (`sendToken`). */
async function startSite(ctx, dir, headers) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/token") {
      ctx.tokenRequests += 1;
      return sendToken(res, ctx.admin, url);
    }
    return sendFile(res, dir, url.pathname === "/" ? "index.html" : url.pathname.slice(1), headers);
  });
  return listen(server, "localhost");
}

/**
 * The fake API and the page's site for the file, started before its tests and stopped after:
 * `fake`, `admin` (a client on the fake), `url` (the page's origin), `tokenRequests` (how many
 * /token requests the site has had) and `company(name, accounts)`. `headers(api)` gives the
 * page's files their headers beyond the content type, from the fake API's URL (a CSP, say).
 */
export function useBrowserSite({ entry, html, minify = false, headers = () => ({}) }) {
  const ctx = { tokenRequests: 0 };
  let site;
  let work;
  before(async () => {
    ctx.fake = await startFakeCodat({ cors: "strict" });
    ctx.admin = new sdk.CodatBankFeeds({ authHeader: ctx.fake.apiKey, serverURL: ctx.fake.url });
    work = mkdtempSync(join(tmpdir(), "codat-page-"));
    await bundlePage(entry, work, html, minify);
    site = await startSite(ctx, work, headers(ctx.fake.url));
    ctx.url = site.url;
  });
  after(async () => {
    await site?.close();
    await ctx.fake?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  /** A company with a linked connection and `accounts` (v2 source accounts), as the page's config. */
  ctx.company = async (name, accounts = []) => {
    const { admin, fake } = ctx;
    const { id: companyId } = await admin.companies.create({ name });
    const { id: connectionId } = await admin.connections.create({ companyId, requestBody: { platformKey: "gbol" } });
    for (const a of accounts) {
      await admin.sourceAccounts.create({
        companyId,
        connectionId,
        requestBody: { accountType: "checking", accountNumber: "12345670", sortCode: "401162", currency: "GBP", balance: 100, ...a },
      });
    }
    return { companyId, connectionId, serverURL: fake.url };
  };
  return ctx;
}

/** Inside a `describe`: a browser (puppeteer-core, headless, `launch`'s options) for its tests, as `.browser`. */
export function useBrowser(launch) {
  const ctx = {};
  before(async () => {
    const puppeteer = await import("puppeteer-core");
    ctx.browser = await puppeteer.launch({ headless: true, ...launch });
  });
  after(() => ctx.browser?.close());
  return ctx;
}
