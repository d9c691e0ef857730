// The compatibility suite (js-tests/compat/): every documented usage snippet of
// @codat/bank-feeds 8.2.1, renamed to this package and nothing else, type-checks (strict) and
// runs against Prism serving the spec. The README states the count; this checks it is the one
// measured.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = new URL(".", import.meta.url);

test("@codat/bank-feeds's 150 documented snippets type-check and run against this package", { timeout: 600_000 }, async () => {
  const runner = new URL("compat/run.mjs", here).pathname;
  const out = await run(process.execPath, [runner, "--rename"], { maxBuffer: 64 << 20 }).catch((err) => err);
  const report = `${out.stdout ?? ""}${out.stderr ?? ""}`;
  console.log(report.split("\n").slice(-12).join("\n"));
  const total = report.match(/pass total (\d+)\/(\d+)/);
  assert.ok(total, report);
  assert.equal(`${total[1]}/${total[2]}`, "150/150", report);
  const readme = readFileSync(new URL("../README.md", here), "utf8");
  const stated = readme.match(/<!-- compat -->(\d+) of (\d+)<!-- \/compat -->/);
  assert.ok(stated, "the README states the count");
  assert.equal(`${stated[1]}/${stated[2]}`, `${total[1]}/${total[2]}`, "the README's count is the one measured");
});
