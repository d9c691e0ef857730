// The benchmark: size, cold start, per-call overhead against raw fetch + JSON, throughput,
// the incumbent SDKs (TypeScript, when `--incumbent=<bundle>` gives its bundle: see
// bench/incumbent.sh; Python), and memory. Prints tables of medians and ratios, and the goals
// against them; never fails on a figure. Methodology: bench/README.md.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { clientCalls, rawCalls, rawStubCalls, stubCalls } from "./calls.mjs";
import { ACCOUNT_ID, COMPANY_ID, CONNECTION_ID, transactions } from "./fixtures.mjs";
import { startBenchServer } from "./server.mjs";
import { bundleSize, shippedSize } from "./size.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const pkgDir = join(root, "pkg");
const quick = process.argv.includes("--quick");
// The incumbent TypeScript SDK as one ESM bundle (bench/incumbent.sh builds it).
const incumbentBundle = process.argv.find((a) => a.startsWith("--incumbent="))?.slice("--incumbent=".length);
const N = quick ? 50 : 500;
// Node's optimising JIT needs on the order of a thousand calls to settle: with 50 warm-up
// calls both sides still ran 3x slower than steady state and the ratio looked flattering.
const WARMUP = quick ? 10 : 1000;
// CPython does not JIT: its calls are steady from the start.
const PY_WARMUP = quick ? 10 : 50;
const AUTH = "Basic YmVuY2g=";

// Scratch files live under bench/ so that "codat-bank-feeds-wasm" resolves to pkg/.
const scratch = (prefix) => {
  mkdirSync(join(here, ".tmp"), { recursive: true });
  return mkdtempSync(join(here, ".tmp", prefix));
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const p99 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))];
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(3)} ms`;
const table = (title, head, rows) => {
  console.log(`\n## ${title}\n`);
  console.log(`| ${head.join(" | ")} |`);
  console.log(`|${head.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
};

// 1. Size
function sizes() {
  const size = shippedSize(pkgDir);
  const theirs = incumbentBundle && bundleSize(readFileSync(incumbentBundle));
  const row = (name, part) => [name, kb(part.raw), kb(part.gzip), kb(part.brotli)];
  table(
    "Package size",
    ["part", "raw", "gzip", "brotli"],
    [
      row(".wasm", size.wasm),
      row("JS glue (wasm-bindgen)", size.glue),
      row("bundle gain for `import { CodatBankFeeds }` (esbuild --minify JS + .wasm)", size.bundle),
      ...(theirs ? [row("incumbent @codat/bank-feeds 8.2.1, the same bundle (JS, zod included)", theirs)] : []),
    ],
  );
  console.log(`\nBudget (CI): bundle gain at most ${kb(JSON.parse(readFileSync(join(here, "size-budget.json"), "utf8")).bundleGzipBytes)} gzip.`);
  return { ours: size.bundle.gzip, theirs: theirs?.gzip };
}

// 2. Cold start in Node: fresh processes.
// The children call the bench server in this process: spawn asynchronously so it can answer.
async function coldStartNode(url) {
  const runs = quick ? 5 : 20;
  const script = `
    const t0 = performance.now();
    const { CodatBankFeeds } = await import("codat-bank-feeds-wasm");
    const tImport = performance.now();
    let tSent;
    const sdk = new CodatBankFeeds({ authHeader: "${AUTH}", serverURL: process.argv[1], fetch: (u, i) => { tSent ??= performance.now(); return fetch(u, i); } });
    await sdk.companies.get({ companyId: "${COMPANY_ID}" });
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(process.argv[2]);
    const t2 = performance.now(); new WebAssembly.Instance(new WebAssembly.Module(bytes), imports()); const t3 = performance.now();
    function imports() {
      // Every import of the glue, stubbed: instantiation alone, nothing runs.
      const stub = {};
      for (const i of WebAssembly.Module.imports(new WebAssembly.Module(bytes))) (stub[i.module] ??= {})[i.name] = i.kind === "function" ? () => {} : undefined;
      return stub;
    }
    console.log(JSON.stringify({ importMs: tImport - t0, firstRequestMs: tSent - t0, compileMs: t3 - t2 }));`;
  const out = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script, url, join(pkgDir, "codat_bank_feeds_wasm_bg.wasm")], {
      cwd: root,
    });
    out.push(JSON.parse(stdout));
  }
  return out;
}

async function coldStartWorkerd(url) {
  const runs = quick ? 3 : 20;
  const esbuild = await import("esbuild");
  const { Miniflare } = await import("miniflare");
  const dir = scratch("worker-");
  writeFileSync(
    join(dir, "with.mjs"),
    `import { CodatBankFeeds } from "codat-bank-feeds-wasm";
export default { async fetch(req, env) { const sdk = new CodatBankFeeds({ authHeader: "${AUTH}", serverURL: env.URL }); await sdk.companies.get({ companyId: "${COMPANY_ID}" }); return new Response("ok"); } };`,
  );
  writeFileSync(
    join(dir, "raw.mjs"),
    `export default { async fetch(req, env) { const r = await fetch(env.URL + "/companies/${COMPANY_ID}", { headers: { authorization: "${AUTH}" } }); await r.json(); return new Response("ok"); } };`,
  );
  for (const name of ["with", "raw"]) {
    await esbuild.build({
      entryPoints: [join(dir, `${name}.mjs`)],
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["module", "main"],
      external: ["*.wasm"],
      outfile: join(dir, name, "index.js"),
      absWorkingDir: root,
      logLevel: "silent",
    });
    copyFileSync(join(pkgDir, "codat_bank_feeds_wasm_bg.wasm"), join(dir, name, "codat_bank_feeds_wasm_bg.wasm"));
  }
  const time = async (name) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const mf = new Miniflare({
        modules: true,
        scriptPath: join(dir, name, "index.js"),
        modulesRoot: join(dir, name),
        modulesRules: [
          { type: "ESModule", include: ["**/*.js"] },
          { type: "CompiledWasm", include: ["**/*.wasm"] },
        ],
        bindings: { URL: url },
        compatibilityDate: "2026-04-01",
        cf: false,
      });
      await mf.ready;
      const t0 = performance.now();
      await (await mf.dispatchFetch("http://w/")).text();
      xs.push(performance.now() - t0);
      await mf.dispose();
    }
    return xs;
  };
  return { with: await time("with"), raw: await time("raw") };
}

// 3. Per-call overhead, client against raw fetch + JSON in the same process.
async function perCall(url) {
  const { CodatBankFeeds } = await import("codat-bank-feeds-wasm");
  const sdk = new CodatBankFeeds({ authHeader: AUTH, serverURL: url, retryConfig: { strategy: "none" } });
  const ids = { companyId: COMPANY_ID, connectionId: CONNECTION_ID, accountId: ACCOUNT_ID };
  const [ours, plain] = [clientCalls(CodatBankFeeds, url), rawCalls(url)];
  const cases = {
    "companies.get": [ours.get, plain.get],
    "companies.list (100 companies)": [ours.list, plain.list],
    "transactions.create (1,000 transactions)": [ours.create, plain.create],
  };
  const incumbent = await incumbentCases(url, ids);
  const results = {};
  for (const [name, [client, raw]] of Object.entries(cases)) results[name] = await interleaved(client, raw, incumbent?.[name]);
  return { results, sdk, cases };
}

// The same three calls through the incumbent TypeScript SDK, with its own request shapes.
async function incumbentCases(url, ids) {
  if (!incumbentBundle) return null;
  const { CodatBankFeeds: Incumbent } = await import(join(process.cwd(), incumbentBundle));
  const theirs = new Incumbent({ authHeader: AUTH, serverURL: url, retryConfig: { strategy: "none" } });
  return {
    "companies.get": () => theirs.companies.get({ companyId: COMPANY_ID }),
    "companies.list (100 companies)": () => theirs.companies.list({ page: 1, pageSize: 100 }),
    "transactions.create (1,000 transactions)": () => theirs.transactions.create({ ...ids, createBankTransactions: transactions }),
  };
}

// WARMUP calls of each side, then N timed calls interleaved one by one, so that drift in the
// machine's load hits every side alike. `incumbent`, when given, is a third side.
async function interleaved(client, raw, incumbent) {
  const sides = { client, raw, ...(incumbent ? { incumbent } : {}) };
  for (let i = 0; i < WARMUP; i++) for (const side of Object.values(sides)) await side();
  const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  for (let i = 0; i < N; i++) {
    for (const [name, side] of Object.entries(sides)) {
      const t = performance.now();
      await side();
      times[name].push(performance.now() - t);
    }
  }
  return times;
}

// 3b. The client's own work: the same calls against a fetch stub (bench/calls.mjs), so no
// socket, server or undici time is left on either side.
async function ownWork() {
  const { CodatBankFeeds } = await import("codat-bank-feeds-wasm");
  const calls = stubCalls(CodatBankFeeds);
  const names = { get: "companies.get", list: "companies.list (100 companies)", create: "transactions.create (1,000 transactions)" };
  const cases = Object.fromEntries(Object.entries(names).map(([k, name]) => [name, [calls[k], rawStubCalls[k]]]));
  const rows = [];
  const us = (x) => `${(x * 1000).toFixed(1)} µs`;
  for (const [name, [client, raw]] of Object.entries(cases)) {
    const { client: c, raw: r } = await interleaved(client, raw);
    rows.push([name, us(median(c)), us(median(r)), us(median(c) - median(r))]);
  }
  table("The client's own work (fetch stub: no network on either side)", ["call", "client median", "stub + JSON median", "client's own work"], rows);
}

async function throughput(cases) {
  const rows = [];
  const total = quick ? 256 : 2048;
  for (const conc of [1, 16, 64]) {
    for (const [name, [client, raw]] of Object.entries(cases)) {
      const run = async (fn) => {
        let next = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: conc }, async () => {
            while (next++ < total) await fn();
          }),
        );
        return total / ((performance.now() - t0) / 1000);
      };
      const rc = await run(client);
      const rr = await run(raw);
      rows.push([String(conc), name, `${rc.toFixed(0)}/s`, `${rr.toFixed(0)}/s`, (rr / rc).toFixed(2)]);
    }
  }
  table("Throughput (calls per second)", ["concurrency", "call", "client", "raw fetch", "raw/client"], rows);
}

async function memory(sdk) {
  // initSync hands back the already-initialised instance's exports, memory included.
  const { initSync } = await import(join(pkgDir, "codat_bank_feeds_wasm.js"));
  const exports = initSync({ module: readFileSync(join(pkgDir, "codat_bank_feeds_wasm_bg.wasm")) });
  const wasmMemory = () => exports.memory.buffer.byteLength;
  const calls = quick ? 1000 : 10_000;
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const wasm0 = wasmMemory();
  for (let i = 0; i < calls; i++) {
    await sdk.companies.get({ companyId: COMPANY_ID });
    if (i % 1000 === 0) globalThis.gc?.();
  }
  await new Promise((r) => setTimeout(r, 50));
  globalThis.gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const wasm1 = wasmMemory();
  table(
    `Memory across ${calls} calls of companies.get`,
    ["", "before", "after", "growth"],
    [
      ["JS heap (after gc)", kb(heap0), kb(heap1), kb(heap1 - heap0)],
      ["wasm linear memory", kb(wasm0), kb(wasm1), kb(wasm1 - wasm0)],
    ],
  );
}

async function python(url) {
  const py = join(here, ".venv", "bin", "python");
  if (!existsSync(py)) {
    console.log("\n(incumbent Python SDK: bench/.venv missing; run bash scripts/bench.sh)");
    return null;
  }
  try {
    const { stdout } = await promisify(execFile)(py, [join(here, "python_bench.py"), url, String(N), String(PY_WARMUP)], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout);
  } catch (err) {
    console.log(`\n(incumbent Python SDK failed: ${String(err.stderr ?? err).slice(-800)})`);
    return null;
  }
}

const server = await startBenchServer();
console.log(
  `# codat-bank-feeds-wasm benchmark\n\n${new Date().toISOString()}, ${cpus().length} × ${cpus()[0].model}, Node ${process.version}, N=${N} sequential calls after ${WARMUP} warm-up calls (Python: ${PY_WARMUP})`,
);
const size = sizes();

const cold = await coldStartNode(server.url);
const worker = await coldStartWorkerd(server.url);
table(
  "Cold start (fresh process / isolate each run)",
  ["measure", "median", "p99"],
  [
    ["Node: `import` to package ready", ms(median(cold.map((c) => c.importMs))), ms(p99(cold.map((c) => c.importMs)))],
    ["Node: `import` to first request sent", ms(median(cold.map((c) => c.firstRequestMs))), ms(p99(cold.map((c) => c.firstRequestMs)))],
    ["Node: compile + instantiate the .wasm alone", ms(median(cold.map((c) => c.compileMs))), ms(p99(cold.map((c) => c.compileMs)))],
    ["workerd: first request of a fresh isolate, with the client", ms(median(worker.with)), ms(p99(worker.with))],
    ["workerd: same with raw fetch (baseline)", ms(median(worker.raw)), ms(p99(worker.raw))],
    ["workerd: the client's share", ms(median(worker.with) - median(worker.raw)), ""],
  ],
);

const { results, sdk, cases } = await perCall(server.url);
const py = await python(server.url);
const pyKey = { "companies.get": "get", "companies.list (100 companies)": "list", "transactions.create (1,000 transactions)": "create" };
const ratio = (side, raw) => (side ? median(side) / median(raw) : undefined);
table(
  "Per call (sequential)",
  [
    "call",
    "client median",
    "client p99",
    "raw median",
    "raw p99",
    "client/raw",
    "TS incumbent median",
    "TS incumbent/raw",
    "Python SDK median",
    "Python/client",
  ],
  Object.entries(results).map(([name, { client, raw, incumbent }]) => {
    const p = py?.[pyKey[name]];
    return [
      name,
      ms(median(client)),
      ms(p99(client)),
      ms(median(raw)),
      ms(p99(raw)),
      ratio(client, raw).toFixed(2),
      incumbent ? ms(median(incumbent)) : "n/a",
      incumbent ? ratio(incumbent, raw).toFixed(2) : "n/a",
      p ? ms(p.median) : "n/a",
      p ? (p.median / median(client)).toFixed(2) : "n/a",
    ];
  }),
);
if (py) {
  table(
    "Incumbent Python SDK against raw HTTP (urllib3 + json) in its own process",
    ["call", "SDK median", "raw median", "SDK/raw"],
    Object.entries(pyKey).map(([name, k]) => [name, ms(py[k].median), ms(py[k].raw), (py[k].median / py[k].raw).toFixed(2)]),
  );
}
await ownWork();
await throughput(cases);
await memory(sdk);
await server.close();

// The goals, on this run's figures.
const goal = (name, target, ours, theirs, fmt) => [
  name,
  fmt(target),
  fmt(ours),
  ours <= target ? "met" : "not met",
  theirs === undefined ? "n/a" : fmt(theirs),
];
const times = (x) => `${x.toFixed(2)}×`;
const calls = Object.entries(results);
table(
  "Goals",
  ["measure", "goal", "ours", "", "TS incumbent"],
  [
    goal("the shipped client, gzip (bundle gain)", 41 * 1024, size.ours, size.theirs, kb),
    ...[1.15, 1.25, 1.2].map((target, i) => {
      const [name, { client, raw, incumbent }] = calls[i];
      return goal(`${name} / raw`, target, ratio(client, raw), ratio(incumbent, raw), times);
    }),
  ],
);
if (!incumbentBundle) console.log("\n(TS incumbent: give its bundle with --incumbent=<file>; bash bench/incumbent.sh builds one)");
