// The first call in a browser, ours against the incumbent (`node bench/first-call.mjs`, on
// demand, not in CI; needs Debian's chromium and bench/.incumbent/bank-feeds.mjs from
// bench/incumbent.sh, else ours alone). Each sample is a fresh Chromium browser context (nothing
// cached) opening a page whose script, bundled by esbuild (minified ESM), builds the client and
// makes one `companies.get` against the package's fake Codat API on another origin (a CORS
// preflight, then the call); the figure is the time from navigation start to that call resolved.
// Files are served brotli-compressed (q11) as a CDN would. Ours uses the HTML the README
// recommends: a `<link rel="preload">` of the .wasm, fetched as the client then fetches it.
// Profiles: unthrottled, CPU 4x slower, a 1.6 Mbps / 750 kbps / 150 ms link, both, and that link
// on a second visit (the page revalidated, its files from the first, unthrottled visit's cache).
// Samples alternate ours and the incumbent. Prints medians, ratios and the bytes each page's files
// took on the wire. `--samples=N` (default 15); `--profile=<text>` runs only the profiles whose
// name has it; `--base=<pkg dir>` adds a side: another build of ours (an older one, to compare),
// bundled from its browser entry, with no preload; `--early` adds a side: ours, its page sending
// the call's request itself before the .wasm arrives and handing the response to the client as its
// `fetch` (what a client that sent a read's first request without waiting for the .wasm would get
// at best); `WATERFALL=1` prints each sample's files and call as start-end ms from navigation start.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { browsers } from "../js-tests/support/packed.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const WASM = "codat_bank_feeds_wasm_bg.wasm";
const incumbentBundle = join(here, ".incumbent", "bank-feeds.mjs");
const base = process.argv.find((a) => a.startsWith("--base="))?.slice("--base=".length);
const only = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length) ?? "";
const early = process.argv.includes("--early");
const samples = Number(process.argv.find((a) => a.startsWith("--samples="))?.slice("--samples=".length) ?? 15);

const SLOW = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const PROFILES = {
  unthrottled: {},
  "CPU 4x": { cpu: 4 },
  "1.6 Mbps, 150 ms": { network: SLOW },
  "1.6 Mbps, 150 ms, CPU 4x": { network: SLOW, cpu: 4 },
  "1.6 Mbps, 150 ms, second visit": { network: SLOW, revisit: true },
};

// The page script: the client, then one call; the time is read from performance.now(). For the
// early side, the call's GET is sent as the script starts and the client's fetch answers with it.
const app = (from, side) => `import { CodatBankFeeds } from ${JSON.stringify(from)};
const q = new URLSearchParams(location.search);
${side === "early" ? `const sent = fetch(q.get("api") + "/companies/" + q.get("company"), { headers: { authorization: q.get("auth"), accept: "application/json" } });` : ""}
new CodatBankFeeds({ authHeader: q.get("auth"), serverURL: q.get("api")${side === "early" ? ", fetch: () => sent" : ""} })
  .companies.get({ companyId: q.get("company") })
  .then((c) => { window.__firstCall = performance.now(); window.__name = c.name; }, (e) => { window.__error = String(e); });
`;

/** Bundles `from`'s client into site/<side>/ with its page; returns nothing. */
async function buildSide(site, side, from, head) {
  const esbuild = await import("esbuild");
  const dir = join(site, side);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "entry.mjs"), app(from, side));
  await esbuild.build({
    entryPoints: [join(dir, "entry.mjs")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(dir, "app.js"),
    absWorkingDir: here,
    logLevel: "error",
  });
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8">${head}<script type="module" src="./app.js"></script>`);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** The pages' server: each file brotli-compressed once, on `localhost` (another origin than the API's). */
async function serveSite(site) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    try {
      if (!cache.has(path)) {
        const body = readFileSync(join(site, path));
        cache.set(path, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      // As a CDN serves a site: the page revalidated on every visit, its (hashed) files kept.
      const keep = extname(path) === ".html" ? "no-cache" : "public, max-age=31536000, immutable";
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "content-encoding": "br", "cache-control": keep });
      res.end(cache.get(path));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "localhost", r));
  return { url: `http://localhost:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Opens `url` and waits for its first call to end. */
async function visit(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__firstCall !== undefined || window.__error !== undefined, { timeout: 60_000 });
}

/** One sample: a fresh context, the profile applied, the page opened; ms to the first call and bytes of the page's files. */
async function sample(browser, url, profile) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send("Network.enable");
    const origin = new URL(url).origin;
    const urls = new Map();
    let bytes = 0;
    cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
    cdp.on("Network.loadingFinished", (e) => {
      if (urls.get(e.requestId)?.startsWith(origin)) bytes += e.encodedDataLength;
    });
    // A second visit: the first, unthrottled, leaves the page's files in the context's cache.
    if (profile.revisit) await visit(page, url);
    bytes = 0;
    if (profile.network) await cdp.send("Network.emulateNetworkConditions", profile.network);
    if (profile.cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    await visit(page, url);
    const { firstCall, error, entries } = await page.evaluate(() => ({
      firstCall: window.__firstCall,
      error: window.__error,
      entries: performance
        .getEntriesByType("resource")
        .map((e) => `${e.name.replace(/\?.*/, "").split("/").slice(-2).join("/")} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`),
    }));
    if (process.env.WATERFALL) console.log(url.split("?")[0].split("/").at(-2), firstCall.toFixed(0), entries.join(" | "));
    if (error) throw new Error(error);
    return { ms: firstCall, bytes };
  } finally {
    await context.close();
  }
}

/**
 * The fake Codat API on 127.0.0.1 (CORS open), its JSON answers less their null fields: the
 * incumbent's schemas refuse `"referenceParentCompany": null`, which the fake writes.
 */
async function serveApi(fake) {
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const answer = await fake.fetch(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers, body });
    let text = await answer.text();
    if (answer.headers.get("content-type")?.includes("json") && text) text = JSON.stringify(JSON.parse(text, (_, v) => (v === null ? undefined : v)));
    const headers = Object.fromEntries(answer.headers);
    delete headers["content-length"];
    res.writeHead(answer.status, headers);
    res.end(text);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const incumbent = existsSync(incumbentBundle);
  if (!incumbent) console.log(`no ${incumbentBundle} (bash bench/incumbent.sh builds it): ours alone`);
  mkdirSync(join(here, ".tmp"), { recursive: true });
  const site = mkdtempSync(join(here, ".tmp", "first-call-"));
  const { createFakeCodat } = await import("codat-bank-feeds-wasm/testing");
  const fake = createFakeCodat();
  const api = await serveApi(fake);
  const auth = fake.apiKey;
  const created = await (
    await fake.fetch(`${api.url}/companies`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: '{"name":"First call"}',
    })
  ).json();
  const server = await serveSite(site);
  const puppeteer = await import("puppeteer-core");
  const browser = await puppeteer.launch({ headless: true, ...browsers.chromium });
  try {
    const sides = { ours: "codat-bank-feeds-wasm" };
    if (incumbent) sides.incumbent = incumbentBundle;
    if (base) sides.base = join(base, "browser.js");
    if (early) sides.early = sides.ours;
    for (const [side, from] of Object.entries(sides)) {
      const preload = side === "ours" || side === "early" ? `<link rel="preload" href="./${WASM}" as="fetch" type="application/wasm" crossorigin>` : "";
      await buildSide(site, side, from, preload);
    }
    copyFileSync(join(root, "pkg", WASM), join(site, "ours", WASM));
    if (base) copyFileSync(join(base, WASM), join(site, "base", WASM));
    if (early) copyFileSync(join(root, "pkg", WASM), join(site, "early", WASM));
    const query = `?api=${encodeURIComponent(api.url)}&company=${created.id}&auth=${encodeURIComponent(auth)}`;
    console.log(`| profile | ours (ms) | incumbent (ms) | ours / incumbent | ours on the wire | incumbent on the wire |`);
    console.log(`|---|---|---|---|---|---|`);
    for (const [name, profile] of Object.entries(PROFILES).filter(([n]) => n.includes(only))) {
      const runs = Object.fromEntries(Object.keys(sides).map((s) => [s, []]));
      // One unmeasured run of each, then the samples, the sides alternating.
      for (let i = -1; i < samples; i++)
        for (const side of Object.keys(sides)) {
          const run = await sample(browser, `${server.url}/${side}/index.html${query}`, profile);
          if (i >= 0) runs[side].push(run);
        }
      const ms = (side) => median(runs[side].map((r) => r.ms));
      const kb = (side) => `${(median(runs[side].map((r) => r.bytes)) / 1024).toFixed(1)} KB`;
      const theirs = incumbent ? [ms("incumbent").toFixed(0), `${(ms("ours") / ms("incumbent")).toFixed(2)}x`, kb("incumbent")] : ["", "", ""];
      const older = base ? ` base ${ms("base").toFixed(0)} ms, ${kb("base")}` : "";
      const sooner = early ? ` early ${ms("early").toFixed(0)} ms${incumbent ? ` (${(ms("early") / ms("incumbent")).toFixed(2)}x)` : ""}` : "";
      console.log(`| ${name} | ${ms("ours").toFixed(0)} | ${theirs[0]} | ${theirs[1]} | ${kb("ours")} | ${theirs[2]} |${older}${sooner}`);
    }
    console.log(`\n${samples} samples per side and profile, medians; navigation start to the first companies.get resolved.`);
  } finally {
    await browser.close();
    await server.close();
    await api.close();
    rmSync(site, { recursive: true, force: true });
  }
}

await main();
