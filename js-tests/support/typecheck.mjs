// @ts-check
// Runs tsc (strict) on one .ts file against the built package, as a user's project would see it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The compiler options of a user's strict project, with no ambient types. */
export const strictOptions = {
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  lib: ["es2022", "dom", "esnext.disposable"],
  types: [],
  strict: true,
  noEmit: true,
};

/** Fails the test with tsc's output unless `file` type-checks (its `@ts-expect-error`s included). */
export function typeCheck(file) {
  const dir = mkdtempSync(join(tmpdir(), "codat-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(root, "pkg"), join(dir, "node_modules", "codat-bank-feeds-wasm"));
    copyFileSync(file, join(dir, basename(file)));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: strictOptions, files: [basename(file)] }));
    try {
      execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    } catch (err) {
      assert.fail(err.stdout || String(err));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
