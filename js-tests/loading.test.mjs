// Loading the .wasm in browsers, from the packed package bundled by esbuild (ESM and IIFE), in
// Chromium and Firefox: no top-level await (an IIFE bundle works), the .wasm requested once
// with the README's preload line, clients built and called before it is in, bad options, a
// missing .wasm (a WasmLoadError from ready() and the first call, then init({ wasmUrl })), a
// .wasm hosted elsewhere, a server sending the wrong MIME type, and a bundle of `Decimal`
// alone, which loads no .wasm and holds none of the client.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { extname, join } from "node:path";
import { after, before, test } from "node:test";
import { browsers, installPacked } from "./support/packed.mjs";

const WASM = "codat_bank_feeds_wasm_bg.wasm";
const PRELOAD = `<link rel="preload" href="./${WASM}" as="fetch" type="application/wasm" crossorigin>`;
let project;
let site;
let server;
let requests = [];

/** esbuild's bundle of `entry` (in this folder) into site/<dir>/app.js; `wasm`: copy the .wasm beside it. */
async function bundle(dir, entry, format, { wasm = true, preload = true } = {}) {
  const esbuild = await import("esbuild");
  const out = join(site, dir);
  mkdirSync(out, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(project, entry)],
    bundle: true,
    format,
    platform: "browser",
    target: "es2022",
    minify: true,
    outfile: join(out, "app.js"),
    absWorkingDir: project,
    metafile: true,
    logLevel: "error",
  });
  if (wasm) copyFileSync(join(project, "node_modules", "codat-bank-feeds-wasm", WASM), join(out, WASM));
  const script = format === "esm" ? '<script type="module" src="./app.js"></script>' : '<script src="./app.js"></script>';
  writeFileSync(join(out, "index.html"), `<!doctype html><meta charset="utf-8">${preload ? PRELOAD : ""}${script}`);
  return result.metafile;
}

let decimalInputs;

before(async () => {
  project = installPacked("codat-bank-feeds-loading-");
  site = join(project, "site");
  for (const f of ["page.mjs", "decimal.mjs"]) copyFileSync(new URL(`./loading/${f}`, import.meta.url), join(project, f));
  await bundle("esm", "page.mjs", "esm");
  await bundle("iife", "page.mjs", "iife");
  await bundle("missing", "page.mjs", "esm", { wasm: false, preload: false });
  await bundle("mime", "page.mjs", "esm");
  await bundle("hosted", "page.mjs", "esm", { wasm: false, preload: false });
  // What the output holds (the metafile's `inputs` are every file read).
  const [output] = Object.values((await bundle("decimal", "decimal.mjs", "esm", { preload: false })).outputs);
  decimalInputs = Object.keys(output.inputs);
  mkdirSync(join(site, "elsewhere"));
  copyFileSync(join(site, "esm", WASM), join(site, "elsewhere", WASM));
  server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    requests.push(path);
    try {
      const body = await readFile(join(site, path));
      // Under /mime/ the .wasm comes as a generic binary: the client falls back from streaming.
      const wasmType = path.startsWith("/mime/") ? "application/octet-stream" : "application/wasm";
      const type = { ".html": "text/html", ".js": "text/javascript", ".wasm": wasmType }[extname(path)];
      res.writeHead(200, { "content-type": type ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
});

after(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Opens each `[dir, mode]` page in a fresh page of `browser`; their results and .wasm requests. */
async function visit(browser, pages) {
  const puppeteer = await import("puppeteer-core");
  const instance = await puppeteer.launch({ headless: true, ...browsers[browser] });
  const seen = {};
  try {
    for (const [dir, mode = ""] of pages) {
      requests = [];
      const page = await instance.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/${dir}/index.html?mode=${mode}`);
      await page.waitForFunction(() => window.__result !== undefined, { timeout: 30_000 });
      const result = await page.evaluate(() => window.__result);
      await page.close();
      seen[`${dir}:${mode}`] = { result, wasm: requests.filter((p) => p.endsWith(".wasm")) };
    }
  } finally {
    await instance.close();
  }
  return seen;
}

const LOADED = {
  mode: "",
  badEarlyThrew: null,
  badFirstCall: "InvalidRequestError",
  listed: ["Early"],
  got: "Early",
  badAfterReady: "InvalidRequestError",
  groupClass: true,
  noFree: true,
};

function assertLoading(seen) {
  for (const dir of ["esm", "iife", "mime"]) {
    assert.deepEqual(seen[`${dir}:`].result, LOADED, dir);
    // The README's preload line and the client's own request are one request.
    assert.deepEqual(seen[`${dir}:`].wasm, [`/${dir}/${WASM}`], dir);
  }
  const missing = seen["missing:missing"];
  assert.equal(missing.result.ready, "WasmLoadError", JSON.stringify(missing.result));
  assert.equal(missing.result.readyIsSdkError, true);
  assert.match(missing.result.readyMessage, new RegExp(`^Could not load http://127\\.0\\.0\\.1:\\d+/missing/${WASM}: .*404`));
  assert.equal(missing.result.call, "WasmLoadError");
  assert.equal(missing.result.afterInit, "After init");
  assert.deepEqual(missing.wasm.slice(-1), [`/elsewhere/${WASM}`]);
  // Hosted elsewhere and said so at the top level: the default URL is never requested.
  assert.deepEqual(seen["hosted:elsewhere"], { result: { ...LOADED, mode: "elsewhere" }, wasm: [`/elsewhere/${WASM}`] });
  assert.deepEqual(seen["decimal:"], { result: { decimal: "1.10" }, wasm: [] });
}

test("a bundle of Decimal alone holds none of the client, its glue or the load", () => {
  const client = decimalInputs.filter((p) => /codat-bank-feeds-wasm\/(client|group|groups|browser|codat_bank_feeds_wasm)\.js$/.test(p));
  assert.deepEqual(client, []);
  assert.doesNotMatch(readFileSync(join(site, "decimal", "app.js"), "utf8"), /\.wasm|instantiateStreaming|WebAssembly/);
});

const PAGES = [["esm"], ["iife"], ["mime"], ["missing", "missing"], ["hosted", "elsewhere"], ["decimal"]];

test("Chromium: ESM and IIFE bundles, preload, early clients, a missing or elsewhere .wasm, helpers alone", async () => {
  assertLoading(await visit("chromium", PAGES));
});

test("Firefox: ESM and IIFE bundles, preload, early clients, a missing or elsewhere .wasm, helpers alone", async () => {
  assertLoading(await visit("firefox", PAGES));
});
