// Every ```ts and ```js block of the documentation (README, MIGRATING, CHANGELOG, CONTRIBUTING,
// ARCHITECTURE, docs/ with the generated reference, the examples' READMEs), as a user would
// paste it: the packed package (`npm pack` of pkg/) installed offline into a fresh project,
// each block a module there, all type-checked by one `tsc --strict` run against the package's
// .d.ts, then each run by Node with calls to https://api.codat.io answered by the packaged fake
// API (js-tests/doc-snippets/prelude.ts). A name a block uses without declaring it (`sdk`,
// `companyId`, ...) is imported from that prelude. `no-run` blocks are type-checked only.

import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { blocks, documents, FLAGS, undeclared } from "./support/doc-blocks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);
const preludeText = readFileSync(join(root, "js-tests", "doc-snippets", "prelude.ts"), "utf8");
const preludeNames = [
  ...[...preludeText.matchAll(/^export const (\w+)/gm)].map((m) => m[1]),
  ...[...preludeText.matchAll(/^export \{ ([\w, ]+) \} from/gm)].flatMap((m) => m[1].split(", ")),
];
const TIMEOUT_MS = 30_000;
const JOBS = 2;

/** Every block to check: `{ doc, line, file, run, code }`. */
const snippets = [];
for (const doc of documents(root)) {
  for (const block of blocks(readFileSync(join(root, doc), "utf8"))) {
    if (block.titled) continue;
    const file = `${doc.replace(/\.md$/, "").replace(/[^\w-]/g, "_")}-L${block.line}.${block.lang}`;
    snippets.push({ doc, line: block.line, flags: block.flags, file, run: !block.flags.includes("no-run"), code: block.code });
  }
}

let project;
let typeCheck;
before(async () => {
  project = mkdtempSync(join(tmpdir(), "codat-doc-snippets-"));
  const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "doc-snippets", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, packed)], { cwd: project, stdio: "ignore" });
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(root, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"), "dir");
  const src = join(project, "snippets");
  mkdirSync(src);
  writeFileSync(join(src, "prelude.ts"), preludeText);
  for (const s of snippets) {
    const names = undeclared(s.code, preludeNames);
    // Always imported: the prelude is what sends https://api.codat.io to the fake.
    // (A named import alone would be elided by tsc when only types use it.)
    const head = `import "./prelude.js";\n${names.length ? `import { ${names.join(", ")} } from "./prelude.js";\n` : ""}`;
    // `export {}`: every block is a module of its own, whatever it declares.
    writeFileSync(join(src, s.file), `${head}${s.code}\nexport {};\n`);
  }
  const compilerOptions = {
    strict: true,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    target: "es2022",
    lib: ["es2022", "dom", "dom.iterable", "esnext.disposable"],
    types: ["node"],
    allowJs: true,
    checkJs: true,
    skipLibCheck: false,
    outDir: "out",
    rootDir: "snippets",
  };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["snippets"] }, null, 2));
  // One tsc run type-checks every block and emits the JS that is run (emitted even on errors).
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  typeCheck = await run(process.execPath, [tsc, "-p", project], { cwd: project, maxBuffer: 16 << 20 }).catch((err) => err);
});

after(() => {
  if (project && !process.env.DOC_SNIPPETS_KEEP) rmSync(project, { recursive: true, force: true });
});

const where = (s) => `${s.doc}:${s.line}`;

test("the documents have blocks, and only the flags CONTRIBUTING.md describes", () => {
  const docs = new Set(snippets.map((s) => s.doc));
  for (const doc of ["README.md", "MIGRATING.md", "docs/reference/transactions.md", "docs/reference/push-all.md"])
    assert.ok(docs.has(doc), `${doc} has blocks`);
  for (const s of snippets) for (const flag of s.flags) assert.ok(flag in FLAGS, `${where(s)}: unknown flag ${flag}`);
  const contributing = readFileSync(join(root, "CONTRIBUTING.md"), "utf8");
  for (const flag of Object.keys(FLAGS)) assert.match(contributing, new RegExp(`\`${flag}\``), `CONTRIBUTING.md explains ${flag}`);
});

test("every block type-checks with tsc --strict against the packed package", () => {
  const out = typeCheck;
  const report = `${out.stdout ?? ""}${out.stderr ?? ""}`.replace(/snippets\/([\w-]+)-L(\d+)\.(ts|js)/g, (_, f, l) => `${f} (block at line ${l})`);
  assert.equal(out.code ?? 0, 0, report);
});

test("every block but no-run ones runs against the packaged fake API", { timeout: 600_000 }, async () => {
  const runnable = snippets.filter((s) => s.run);
  const failures = [];
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  let next = 0;
  const worker = async () => {
    while (next < runnable.length) {
      const s = runnable[next++];
      const file = join(project, "out", s.file.replace(/\.ts$/, ".js"));
      try {
        await run(process.execPath, [file], { cwd: project, timeout: TIMEOUT_MS, env: { ...env, NO_COLOR: "1" } });
      } catch (err) {
        failures.push(`${where(s)}: ${err.killed ? "timed out" : `exit ${err.code}`}\n${err.stdout}\n${err.stderr}`);
      }
    }
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  assert.ok(runnable.length > 40, `only ${runnable.length} runnable blocks`);
  assert.deepEqual(failures, []);
});
