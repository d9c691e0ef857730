// The testing kit as a user gets it: `npm pack` of pkg/, installed offline into a fresh project,
// then every example of docs/testing.md named by a file written there as it is and run with its
// runner (node:test, Vitest, Jest, and a Worker in workerd through Miniflare); the kit's types
// checked by tsc, and its command line (`codat-bank-feeds-fake`) served and called. The runners
// come from this repository's node_modules (linked), never from the network.

import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);
const RUNNERS = ["vitest", "jest", "esbuild", "miniflare", "typescript"];
let project;
const examples = [];

before(() => {
  project = mkdtempSync(join(tmpdir(), "codat-bank-feeds-testing-"));
  const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "my-integration", private: true, type: "module", jest: { testEnvironment: "node" } }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, packed)], { cwd: project, stdio: "ignore" });
  assert.ok(existsSync(join(project, "node_modules", "codat-bank-feeds-wasm", "testing", "index.mjs")), "the kit is in the tarball");
  for (const name of RUNNERS) symlinkSync(join(root, "node_modules", name), join(project, "node_modules", name), "dir");
  for (const m of readFileSync(join(root, "docs", "testing.md"), "utf8").matchAll(/```js title="([^"]+)"\n([\s\S]*?)```/g)) {
    examples.push(m[1]);
    writeFileSync(join(project, m[1]), m[2]);
  }
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs Node in the project (as a process of its own, not a child of this test run); its output on failure. */
async function runIn(args, env = {}) {
  const { NODE_TEST_CONTEXT: _, ...parent } = process.env;
  try {
    return await run(process.execPath, args, { cwd: project, env: { ...parent, NO_COLOR: "1", ...env } });
  } catch (err) {
    assert.fail(`${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
  }
}
const binOf = (name, bin) => join(project, "node_modules", name, bin);

test("docs/testing.md names the examples this file runs", () => {
  assert.deepEqual(examples.sort(), [
    "cors.test.mjs",
    "lost-answer.test.mjs",
    "push.vitest.test.mjs",
    "rate-limit.jest.test.mjs",
    "worker.mjs",
    "worker.test.mjs",
    "workerd.test.mjs",
  ]);
});

test("node:test examples, the Worker one in workerd", async () => {
  const { stdout } = await runIn(["--test", "lost-answer.test.mjs", "cors.test.mjs", "workerd.test.mjs"]);
  assert.match(stdout, /# pass 3\n# fail 0/);
});

test("the Vitest example", async () => {
  const { stdout } = await runIn([binOf("vitest", "vitest.mjs"), "run", "push.vitest.test.mjs"]);
  assert.match(stdout, /1 passed/);
});

test("the Jest example (ES modules through Node's VM modules)", async () => {
  const { stderr } = await runIn([binOf("jest", "bin/jest.js"), "rate-limit.jest.test.mjs"], { NODE_OPTIONS: "--experimental-vm-modules --no-warnings" });
  assert.match(stderr, /Tests:\s+1 passed/);
});

test("the kit's types: tsc on a TypeScript test against the installed package", async () => {
  writeFileSync(
    join(project, "typed.ts"),
    `import { CodatBankFeeds } from "codat-bank-feeds-wasm";
import { createFakeCodat, type FaultRule } from "codat-bank-feeds-wasm/testing";
import { startFakeCodat } from "codat-bank-feeds-wasm/testing/node";

const drop: FaultRule = { fault: "drop", operation: "companies.create" };
const fake = createFakeCodat({ faults: [drop], cors: "strict", tokenExpiresIn: 60 });
const sdk = new CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
fake.clock.advance(1000);
const keys: (string | null)[] = fake.writes.map((w) => w.idempotencyKey);
const served = await startFakeCodat({ port: 0 });
const url: string = served.url;
export { sdk, keys, url };
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], types: [] },
      files: ["typed.ts"],
    }),
  );
  await runIn([binOf("typescript", "bin/tsc"), "-p", "."]);
});

test("npx codat-bank-feeds-fake --port 0 serves the fake", async () => {
  const bin = join(project, "node_modules", ".bin", "codat-bank-feeds-fake");
  const child = spawn(bin, ["--port", "0", "--api-key", "Basic a2l0"], { cwd: project });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/companies`, {
      method: "POST",
      headers: { authorization: "Basic a2l0", "content-type": "application/json" },
      body: '{"name":"CLI"}',
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).name, "CLI");
  } finally {
    child.kill();
  }
});

test("the kit's core has no node: import (it loads in workerd and browsers); the Node adapter has", () => {
  const kit = join(project, "node_modules", "codat-bank-feeds-wasm", "testing");
  const out = join(project, "neutral");
  mkdirSync(out, { recursive: true });
  execFileSync(binOf("esbuild", "bin/esbuild"), [join(kit, "index.mjs"), "--bundle", "--platform=neutral", `--outfile=${join(out, "kit.js")}`], {
    stdio: "pipe",
  });
  assert.throws(() =>
    execFileSync(binOf("esbuild", "bin/esbuild"), [join(kit, "node.mjs"), "--bundle", "--platform=neutral", `--outfile=${join(out, "node.js")}`], {
      stdio: "pipe",
    }),
  );
});
