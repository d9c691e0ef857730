#!/usr/bin/env node
// The compatibility suite: @codat/bank-feeds 8.2.1's documented usage snippets (fixtures/,
// taken from its public repository by extract.mjs), each type-checked and run against a package
// as a user switching would: every "@codat/bank-feeds[/sub]" specifier renamed, nothing else.
//
//   node js-tests/compat/run.mjs [--package <dir>] [--rename] [--only <substring>] [--out <results.json>] [--keep]
//                                [--module-type module|commonjs]
//
// --package      the package under test (default: pkg/, this repository's build).
// --rename       rewrite import specifiers "@codat/bank-feeds[/sub]" to "<package name>[/sub]"
//                (the name in <dir>/package.json, codat-bank-feeds-wasm); nothing else changes.
// --only s       only snippets whose file name contains s.
// --out f        where to write the per-snippet results (default: none).
// --keep         keep the temporary project (its path is printed).
// --module-type  "type" of the temporary project's package.json (default "module"; "commonjs"
//                makes tsc emit require() calls, which the incumbent's own subpaths need).
//
// All snippets are type-checked by one tsc run (strict, NodeNext), then each runs in Node with
// preload.mjs sending https://api.codat.io to a local Prism mock of spec/. A snippet passes when
// it type-checks, exits 0 with no unhandled rejection, and prints no "<fn> failed:".
// Exits 1 unless every snippet passes.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const MAIN_NM = join(root, "node_modules");
const TSC = join(MAIN_NM, ".bin/tsc");
const PRISM = join(MAIN_NM, ".bin/prism");
const SPEC = join(root, "spec", "Codat-Bank-Feeds.json");
const TIMEOUT_MS = 30_000;
const JOBS = 2;
const ORIGINAL = "@codat/bank-feeds";

// ---------- arguments ----------
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(n);
const opt = (n, d) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const pkgDirArg = opt("--package", join(root, "pkg"));
const pkgDir = realpathSync(resolve(pkgDirArg));
const pkgJson = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const pkgName = pkgJson.name;
const rename = flag("--rename");
const only = opt("--only");
const outFile = opt("--out") && resolve(opt("--out"));
const moduleType = opt("--module-type", "module");
const manifest = JSON.parse(readFileSync(join(here, "fixtures/manifest.json"), "utf8"));
const snippets = manifest.snippets.filter((s) => !only || s.file.includes(only));
if (!snippets.length) {
  console.error(`no snippet matches --only ${only}`);
  process.exit(2);
}

// ---------- (a) rename ----------
// Only module specifiers: `from "x"`, `import "x"`, `import("x")`, `require("x")`.
const SPEC_RE = /(\bfrom\s*|\bimport\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(["'])@codat\/bank-feeds(\/[^"']*)?\2/g;
const renameSpecifiers = (text, to) => text.replace(SPEC_RE, (_, pre, q, sub) => `${pre}${q}${to}${sub ?? ""}${q}`);

// ---------- (b) temporary project ----------
const work = mkdtempSync(join(tmpdir(), "compat-run-"));
const srcDir = join(work, "snippets");
const outDir = join(work, "out");
mkdirSync(srcDir);
const nm = join(work, "node_modules");
mkdirSync(join(nm, "@types"), { recursive: true });
const link = (target, name) => {
  mkdirSync(dirname(join(nm, name)), { recursive: true });
  symlinkSync(target, join(nm, name), "dir");
};
link(pkgDir, pkgName);
link(join(MAIN_NM, "@types/node"), "@types/node");
// Third-party module used by a snippet itself (README "Custom HTTP Client" imports ProxyAgent from "undici").
if (existsSync(join(MAIN_NM, "undici")) && pkgName !== "undici") link(join(MAIN_NM, "undici"), "undici");
writeFileSync(join(work, "package.json"), `${JSON.stringify({ name: "compat-snippets", private: true, type: moduleType }, null, 2)}\n`);
writeFileSync(
  join(work, "tsconfig.json"),
  `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: ["node"],
        skipLibCheck: false,
        noEmit: false,
        outDir: "out",
        rootDir: "snippets",
      },
      include: ["snippets/*.ts"],
    },
    null,
    2,
  )}\n`,
);
// The "File uploads" snippets read ./example.file with openAsBlob and send it as the body of
// generate-credentials, whose documented request content type is application/json: give it a JSON document
// (Prism answers 400 "Invalid JSON" to a body that is not JSON).
writeFileSync(join(work, "example.file"), '{"example":"file"}\n');

for (const s of snippets) {
  let text = readFileSync(join(here, "fixtures/snippets", s.file), "utf8");
  if (rename) text = renameSpecifiers(text, pkgName);
  writeFileSync(join(srcDir, s.file), text);
}

const sh = (cmd, args, opts = {}) =>
  new Promise((res) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const kill = () => {
      timedOut = true;
      child.kill("SIGKILL");
    };
    const timer = opts.timeout ? setTimeout(kill, opts.timeout) : null;
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      res({ code, signal, stdout, stderr, timedOut });
    });
  });

// Fingerprint of the package under test (it may be rebuilt between runs): sha256 over its files, node_modules excluded.
const pkgHash = (() => {
  const h = createHash("sha256");
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === "node_modules") continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(`${relative(pkgDir, p)}\0`).update(readFileSync(p));
    }
  };
  walk(pkgDir);
  return h.digest("hex").slice(0, 16);
})();
const startedAt = new Date().toISOString();

const t0 = Date.now();
const tscVersion = (await sh(TSC, ["--version"])).stdout.trim();
const tc = await sh(TSC, ["-p", join(work, "tsconfig.json"), "--pretty", "false"], { cwd: work });
const diags = new Map(snippets.map((s) => [s.file, []]));
const external = [];
{
  let cur = null;
  for (const line of tc.stdout.split("\n")) {
    const m = line.match(/^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/);
    if (m) {
      const file = m[1].startsWith("snippets/") ? m[1].slice("snippets/".length) : null;
      cur = { file: m[1], line: +m[2], col: +m[3], code: m[5], message: m[6] };
      (file && diags.has(file) ? diags.get(file) : external).push(cur);
    } else if (/^error TS\d+/.test(line)) {
      cur = { file: null, message: line };
      external.push(cur);
    } else if (line.trim() && cur) {
      cur.message += `\n${line}`;
    }
  }
}
const tcSeconds = (Date.now() - t0) / 1000;

// ---------- (c) mock + run ----------
const freePort = () =>
  new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
const port = await freePort();
const prismLog = createWriteStream(join(work, "prism.log"));
// Dynamic examples with a fixed seed: the spec has no example for the recursive PushOption of
// `get-create-bank-transactions-model`, and Prism's static mode ends the recursion in `{}`s
// that lack required fields (it flags its own answer in `sl-violations`), which every client
// rightly refuses; generated from the schema, the answers are valid, and the same every run.
const prism = spawn(PRISM, ["mock", SPEC, "-d", "--seed", "codat-bank-feeds-compat", "-h", "127.0.0.1", "-p", String(port)], {
  stdio: ["ignore", "pipe", "pipe"],
});
prism.stdout.pipe(prismLog);
prism.stderr.pipe(prismLog);
let prismExited = false;
prism.on("exit", () => {
  prismExited = true;
});
const stopPrism = () => {
  if (!prismExited) prism.kill("SIGTERM");
};
process.on("exit", stopPrism);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

const waitStart = Date.now();
for (;;) {
  if (prismExited) throw new Error(`prism exited early; see ${join(work, "prism.log")}`);
  try {
    await fetch(`http://127.0.0.1:${port}/companies`, { signal: AbortSignal.timeout(1000) });
    break; // any HTTP answer (401/404/...) means it is up
  } catch {
    if (Date.now() - waitStart > 90_000) throw new Error("prism did not answer within 90 s");
    await new Promise((r) => setTimeout(r, 300));
  }
}
const prismSeconds = (Date.now() - waitStart) / 1000;

const preload = pathToFileURL(join(here, "preload.mjs")).href;
const runs = new Map();
const queue = [...snippets];
const runOne = async (s) => {
  const js = join(outDir, s.file.replace(/\.ts$/, ".js"));
  if (!existsSync(js)) return { ok: false, reason: "no emitted JS", code: null, stdout: "", stderr: "", requests: [] };
  const reqLog = join(work, `${s.file}.requests.jsonl`);
  const r = await sh(process.execPath, ["--import", preload, js], {
    cwd: work,
    timeout: TIMEOUT_MS,
    env: { ...process.env, COMPAT_MOCK_PORT: String(port), COMPAT_REQUEST_LOG: reqLog },
  });
  const requests = existsSync(reqLog)
    ? readFileSync(reqLog, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const out = r.stdout + r.stderr;
  let reason = null;
  if (r.timedOut) reason = `timeout after ${TIMEOUT_MS / 1000} s`;
  else if (/\[compat\] unhandled rejection/.test(r.stderr)) reason = "unhandled rejection";
  else if (r.code !== 0) reason = `exit code ${r.code}${r.signal ? ` (${r.signal})` : ""}`;
  else if (out.includes("failed:")) reason = 'output contains "failed:"';
  return { ok: reason === null, reason, code: r.code, signal: r.signal, timedOut: r.timedOut, stdout: r.stdout, stderr: r.stderr, requests };
};
const tRun = Date.now();
await Promise.all(
  Array.from({ length: JOBS }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) runs.set(s.file, await runOne(s));
  }),
);
const runSeconds = (Date.now() - tRun) / 1000;
stopPrism();

// ---------- report ----------
const clip = (t, n = 4000) => (t.length > n ? `${t.slice(0, n)}\n…[${t.length - n} more chars]` : t);
const results = snippets.map((s) => {
  const d = diags.get(s.file);
  const r = runs.get(s.file);
  return {
    file: s.file,
    kind: s.kind,
    source: s.source,
    heading: s.heading,
    operationId: s.operationId,
    tc: { ok: d.length === 0, diagnostics: d.map((x) => `${x.line}:${x.col} ${x.code} ${x.message}`) },
    run: { ...r, stdout: clip(r.stdout), stderr: clip(r.stderr) },
    pass: d.length === 0 && r.ok,
  };
});

const firstLines = (text, n = 3) =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, n);
const failures = results.filter((r) => !r.pass);
if (failures.length) {
  console.log(`\nFailures (${failures.length}):`);
  console.log("file | stage | first 3 lines of diagnostics / stderr");
  console.log("--- | --- | ---");
  for (const f of failures) {
    const stage = [!f.tc.ok && "tc", !f.run.ok && "run"].filter(Boolean).join("+");
    let lines;
    if (!f.tc.ok) lines = f.tc.diagnostics.flatMap((d) => d.split("\n")).slice(0, 3);
    else if (f.run.reason === 'output contains "failed:"') {
      const all = `${f.run.stdout}\n${f.run.stderr}`.split("\n");
      lines = firstLines(all.slice(all.findIndex((l) => l.includes("failed:"))).join("\n"));
    } else lines = [f.run.reason, ...firstLines(f.run.stderr || f.run.stdout, 2)];
    console.log(`${f.file} | ${stage} | ${lines.map((l) => l.trim().slice(0, 200)).join(" ⏎ ")}`);
  }
}
if (external.length) {
  console.log(`\nDiagnostics outside the snippets (${external.length}; not attributed to any snippet):`);
  for (const e of external.slice(0, 20)) console.log(`  ${e.file ?? ""}${e.line ? `(${e.line},${e.col})` : ""} ${e.code ?? ""} ${e.message.split("\n")[0]}`);
}
const kinds = [...new Set(manifest.snippets.map((s) => s.kind))];
const count = (k, pred) => results.filter((r) => r.kind === k && pred(r)).length;
const line = (label, pred) =>
  `${label}: ${kinds
    .filter((k) => results.some((r) => r.kind === k))
    .map((k) => `${k} ${count(k, pred)}/${results.filter((r) => r.kind === k).length}`)
    .join(", ")}`;
console.log(
  `\npackage ${pkgName}@${pkgJson.version} at ${pkgDir} (files sha256 ${pkgHash}, run started ${startedAt})${rename ? ` (specifiers renamed ${ORIGINAL} -> ${pkgName})` : ""}`,
);
console.log(
  `${tscVersion}, node ${process.version}, project "type": "${moduleType}"; tsc ${tcSeconds.toFixed(1)} s, prism up in ${prismSeconds.toFixed(1)} s, runs ${runSeconds.toFixed(1)} s`,
);
console.log(line("type-check", (r) => r.tc.ok));
console.log(line("run       ", (r) => r.run.ok));
console.log(line("pass      ", (r) => r.pass));
console.log(`pass total ${results.filter((r) => r.pass).length}/${results.length}`);

const summary = Object.fromEntries(
  kinds.map((k) => [
    k,
    { total: results.filter((r) => r.kind === k).length, tc: count(k, (r) => r.tc.ok), run: count(k, (r) => r.run.ok), pass: count(k, (r) => r.pass) },
  ]),
);
if (outFile)
  writeFileSync(
    outFile,
    `${JSON.stringify(
      {
        package: { name: pkgName, version: pkgJson.version, dir: pkgDir, sha256: pkgHash },
        startedAt,
        rename: rename ? { from: ORIGINAL, to: pkgName } : null,
        only: only ?? null,
        moduleType,
        snippetsCommit: manifest.commit,
        tsc: tscVersion,
        node: process.version,
        summary,
        pass: results.filter((r) => r.pass).length,
        total: results.length,
        externalDiagnostics: external,
        results,
      },
      null,
      2,
    )}\n`,
  );
if (outFile) console.log(`results written to ${relative(process.cwd(), outFile) || outFile}`);
if (flag("--keep")) console.log(`temporary project kept at ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
