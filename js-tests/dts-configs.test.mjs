// The packed package's .d.ts under the compiler settings of the projects that use it, each with
// `strict` and `skipLibCheck: false` (so every .d.ts the package ships is checked): a Node project
// (`lib: ["es2022"]`, `types: ["node"]`, no DOM: no `RequestInfo`, `BufferSource` or
// `WebAssembly` there) and a browser one (the DOM, no @types/node). js-tests/types/public.ts uses
// the public API and refuses the loader internals and handle methods.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { installPacked, root } from "./support/packed.mjs";

let project;

before(() => {
  project = installPacked("codat-bank-feeds-dts-");
  mkdirSync(join(project, "node_modules", "@types"));
  symlinkSync(join(root, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"));
  copyFileSync(join(root, "js-tests", "types", "public.ts"), join(project, "public.ts"));
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const strict = { target: "es2022", strict: true, skipLibCheck: false, noEmit: true };

function tsc(name, compilerOptions) {
  writeFileSync(join(project, `${name}.json`), JSON.stringify({ compilerOptions: { ...strict, ...compilerOptions }, files: ["public.ts"] }));
  try {
    execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", `${name}.json`], { cwd: project, encoding: "utf8" });
  } catch (err) {
    assert.fail(`${name}:\n${err.stdout || err}`);
  }
}

test("Node: lib es2022 with @types/node, no DOM", () => {
  tsc("node", { lib: ["es2022"], types: ["node"], module: "nodenext", moduleResolution: "nodenext" });
});

test("browsers: the DOM, no @types/node", () => {
  tsc("dom", { lib: ["es2022", "dom"], types: [], module: "esnext", moduleResolution: "bundler" });
});

test("no .d.ts the package ships names a loader internal or a handle method", () => {
  const dir = join(project, "node_modules", "codat-bank-feeds-wasm");
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.d\.m?ts$/.test(f));
  assert.ok(files.includes("index.d.ts") && files.includes("codat_bank_feeds_wasm.d.ts"));
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    assert.doesNotMatch(text, /\b(InitInput|InitOutput|SyncInitInput|initSync|__wbg_init|RequestInfo|BufferSource)\b|\bfree\(\)|Symbol\.dispose/, file);
  }
});
