// The packed package in every runtime: `npm pack` of pkg/, installed into a fresh temporary
// project, then the same scenario in Node, Deno, Bun, workerd (miniflare), Chromium and Firefox,
// one test each, against the package's own testing kit in-process (`fake.fetch`: no socket).

import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { browsers } from "../support/packed.mjs";
import { STEPS } from "./scenario.mjs";
import { startRuntimeServer, webhookVector } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = promisify(execFile);
let project;
let server;

before(async () => {
  project = mkdtempSync(join(tmpdir(), "codat-bank-feeds-runtime-"));
  const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "runtime-test", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, packed)], { cwd: project, stdio: "ignore" });
  for (const f of ["scenario.mjs", "node-entry.mjs", "require-entry.cjs", "worker-entry.mjs", "page-entry.mjs"]) copyFileSync(join(here, f), join(project, f));
  // No link back into the repo: the installed package is a real copy.
  assert.ok(existsSync(join(project, "node_modules", "codat-bank-feeds-wasm", "package.json")));
  server = await startRuntimeServer(join(project, "page"));
});

after(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const parse = (stdout) => JSON.parse(stdout.trim().split("\n").at(-1));

function assertScenario(result, runtime) {
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.runtime, runtime);
  assert.equal(result.steps.length, STEPS);
}

/** The scenario's arguments on a command line: the runtime's name and a signed webhook. */
const args = (runtime) => [runtime, JSON.stringify(webhookVector())];

test("Node (ESM import of the installed package)", async () => {
  const { stdout } = await run(process.execPath, ["node-entry.mjs", ...args("node")], { cwd: project });
  assertScenario(parse(stdout), "node");
});

test("Node require() from CommonJS (Node 20.19+: require of an ES module without top-level await)", async () => {
  const { stdout, stderr } = await run(process.execPath, ["require-entry.cjs", ...args("node-require")], { cwd: project });
  assertScenario(parse(stdout), "node-require");
  // What Node says about it on this version, for the README's line on require().
  console.log(`Node ${process.version} require(): ${stderr.trim() || "no warning"}`);
});

test("Deno (npm package `deno`, node_modules resolution; no network permission)", async () => {
  const { stdout } = await run(bin("deno"), ["run", "--allow-read", "--allow-env", "node-entry.mjs", ...args("deno")], {
    cwd: project,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  assertScenario(parse(stdout), "deno");
});

test("Bun (npm package `bun`)", async () => {
  const { stdout } = await run(bin("bun"), ["node-entry.mjs", ...args("bun")], { cwd: project });
  assertScenario(parse(stdout), "bun");
});

test("workerd through miniflare, bundled the way wrangler does", async () => {
  const esbuild = await import("esbuild");
  const out = join(project, "worker");
  await esbuild.build({
    entryPoints: [join(project, "worker-entry.mjs")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["*.wasm"],
    outdir: out,
    absWorkingDir: project,
  });
  // wrangler copies imported .wasm files beside the bundle as CompiledWasm modules.
  const pkgDir = join(project, "node_modules", "codat-bank-feeds-wasm");
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith(".wasm"));
  copyFileSync(join(pkgDir, wasm), join(out, wasm));
  const { Miniflare } = await import("miniflare");
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(out, "worker-entry.js"),
    modulesRoot: out,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    bindings: { VECTOR: JSON.stringify(webhookVector()) },
    compatibilityDate: "2026-04-01",
    cf: false,
  });
  try {
    const res = await mf.dispatchFetch("http://worker/");
    assertScenario(await res.json(), "workerd");
  } finally {
    await mf.dispose();
  }
});

async function bundlePage() {
  const esbuild = await import("esbuild");
  const out = join(project, "page");
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(project, "page-entry.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    outfile: join(out, "app.js"),
    absWorkingDir: project,
  });
  const pkgDir = join(project, "node_modules", "codat-bank-feeds-wasm");
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith(".wasm"));
  copyFileSync(join(pkgDir, wasm), join(out, wasm));
  writeFileSync(join(out, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>');
}

async function inBrowser(runtime, launchOptions) {
  if (!existsSync(join(project, "page", "app.js"))) await bundlePage();
  const puppeteer = await import("puppeteer-core");
  const browser = await puppeteer.launch({ headless: true, ...launchOptions });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/page/index.html?runtime=${runtime}`);
    await page.waitForFunction(() => window.__result !== undefined, { timeout: 30_000 });
    assertScenario(await page.evaluate(() => window.__result), runtime);
  } finally {
    await browser.close();
  }
}

test("Chromium (Debian's chromium, esbuild bundle of the installed package)", async () => {
  await inBrowser("chromium", browsers.chromium);
});

test("Firefox (Debian's firefox-esr over WebDriver BiDi)", async () => {
  await inBrowser("firefox", { browser: "firefox", executablePath: "/usr/bin/firefox-esr" });
});
