// What `bash scripts/setup.sh --demo` installs from npm (scripts/demo-deps.mjs): only the build's
// and the demo's packages, each exactly as the repository's lock file has it, so the demo and
// the full install never disagree on a version.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DEMO, demoProject } from "../scripts/demo-deps.mjs";

const rootLock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));

test("the demo's lock holds its packages and their dependencies, entry for entry the repository's", () => {
  const { packageJson, lock } = demoProject(rootLock);
  assert.deepEqual(DEMO, ["binaryen", "typescript", "@types/node"]);
  for (const name of DEMO) assert.equal(packageJson.devDependencies[name], rootLock.packages[`node_modules/${name}`].version);
  const keys = Object.keys(lock.packages).filter((k) => k !== "");
  assert.deepEqual(keys, ["node_modules/@types/node", "node_modules/binaryen", "node_modules/typescript", "node_modules/undici-types"]);
  for (const key of keys) assert.deepEqual(lock.packages[key], rootLock.packages[key]);
  for (const key of keys) assert.match(lock.packages[key].integrity, /^sha512-/);
});

test("a package the lock lacks stops it, naming the package", () => {
  const broken = structuredClone(rootLock);
  delete broken.packages["node_modules/undici-types"];
  assert.throws(() => demoProject(broken), /package-lock.json has no undici-types \(needed by node_modules\/@types\/node\/\)/);
});

test("the demo and the build set up only the demo's part; the tests set up everything", () => {
  const read = (name) => readFileSync(new URL(`../scripts/${name}`, import.meta.url), "utf8");
  assert.match(read("demo.sh"), /^bash scripts\/setup\.sh --demo$/m);
  assert.match(read("build.sh"), /^bash scripts\/setup\.sh --demo$/m);
  assert.match(read("test.sh"), /^bash scripts\/setup\.sh$/m);
});
