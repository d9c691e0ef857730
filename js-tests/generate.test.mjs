// A later spec, end to end: scripts/gen/fixtures/extra-operation.json (a new tag with one
// operation: a name override, path and query parameters, a response schema of its own; a new
// optional field and a new enum value in existing schemas) applied to a copy of the repository,
// then `npm run generate` and `npm run build` there with no hand-written line, and the new
// method called against Prism serving that spec.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rejection } from "./support/helpers.mjs";
import { startPrism } from "./support/prism.mjs";
import { loadSpec, loadTable, specOperations } from "./support/spec-examples.mjs";
import { strictOptions } from "./support/typecheck.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = JSON.parse(readFileSync(join(root, "scripts/gen/fixtures/extra-operation.json"), "utf8"));
const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";

/** JSON Patch `add`, the one op the fixture uses (as scripts/gen/test_generate.py applies it). */
function applyPatch(spec, patch) {
  const out = structuredClone(spec);
  for (const step of patch) {
    assert.equal(step.op, "add");
    const parts = step.path
      .slice(1)
      .split("/")
      .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = parts.pop();
    const node = parts.reduce((n, key) => n[key], out);
    if (Array.isArray(node)) node.splice(last === "-" ? node.length : Number(last), 0, step.value);
    else node[last] = step.value;
  }
  return out;
}

const skipped = /(^|\/)(node_modules|target|pkg|\.git)(\/|$)/;
let dir;
let prism;
let mod;
let spec;
const example = fixture.patch.find((p) => p.value?.get?.operationId === "get-bank-feed-status").value.get.responses["200"].content["application/json"].examples
  .Healthy.value;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "codat-extra-operation-"));
  cpSync(root, dir, { recursive: true, filter: (src) => !skipped.test(src.slice(root.length)) });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  // The dependencies are built already: reuse them (a copy, so the two crates' outputs, which
  // share a file name, never overwrite each other).
  for (const sub of ["release", "wasm32-unknown-unknown/release"]) {
    if (existsSync(join(root, "target", sub))) cpSync(join(root, "target", sub), join(dir, "target", sub), { recursive: true });
  }
  spec = applyPatch(loadSpec(), fixture.patch);
  writeFileSync(join(dir, "spec/Codat-Bank-Feeds.json"), `${JSON.stringify(spec, null, 2)}\n`);
  const run = (cmd, args) =>
    execFileSync(cmd, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CARGO_TARGET_DIR: join(dir, "target") } });
  run("npm", ["run", "--silent", "generate"]);
  run("npm", ["run", "--silent", "build"]);
  prism = await startPrism(join(dir, "spec/Codat-Bank-Feeds.json"));
  mod = await import(pathToFileURL(join(dir, "pkg/node.js")).href);
});

after(() => {
  prism?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function client() {
  const sent = [];
  const fetch = (url, init) => {
    sent.push(url);
    return globalThis.fetch(url, init);
  };
  const sdk = new mod.CodatBankFeeds({ authHeader: "Basic cHJpc20=", serverURL: prism.url, fetch, retryConfig: { strategy: "none" } });
  return { sdk, sent };
}

test("the generated table has every operation of the new spec, the new one in its own group", () => {
  const table = loadTable(join(dir, "js/operations.json"));
  assert.equal(table.operations, specOperations(spec).length);
  assert.equal(table.operations, specOperations(loadSpec()).length + 1);
  assert.ok(table.groups.includes("bankFeedStatus"));
  const row = table.table.find((r) => r.operationId === "get-bank-feed-status");
  assert.deepEqual(
    { group: row.group, method: row.method, query: row.query },
    {
      group: "bankFeedStatus",
      method: "getStatus",
      query: [
        { name: "days", type: "integer" },
        { name: "includeAccounts", type: "boolean" },
      ],
    },
  );
  assert.match(readFileSync(join(dir, "README.md"), "utf8"), new RegExp(`<!-- ops -->${table.operations} operations in 9 groups<!-- /ops -->`));
});

test("the new method, its types, the new field and enum value are in the .d.ts, documented and type-checked", () => {
  const dts = readFileSync(join(dir, "pkg/codat_bank_feeds_wasm.d.ts"), "utf8");
  assert.match(dts, /export class BankFeedStatusApi \{/);
  assert.match(dts, /\* Get bank feed status\n\s+\*\n\s+\* Returns the health of the connection's bank feed/);
  assert.match(dts, /getStatus\(request: GetBankFeedStatusRequest, options\?: RequestOptions\): Promise<BankFeedStatus>;/);
  assert.match(dts, /readonly bankFeedStatus: BankFeedStatusApi;/);
  assert.match(dts, /export interface BankFeedStatus \{/);
  assert.match(dts, /timezone\?: string;/);
  assert.match(dts, /"Pending" \| "Failed" \| "Success" \| "TimedOut" \| "Queued"/);
  // Its standalone function, as @codat/bank-feeds has one per operation.
  const func = readFileSync(join(dir, "pkg/funcs/bankFeedStatusGetStatus.d.ts"), "utf8");
  assert.match(
    func,
    /export declare function bankFeedStatusGetStatus\(client: CodatBankFeedsCore, request: GetBankFeedStatusRequest, options\?: RequestOptions\): Promise<Result<BankFeedStatus>>;/,
  );
  writeFileSync(
    join(dir, "check.ts"),
    `import { CodatBankFeeds, CodatBankFeedsCore, type BankFeedStatus, type GetBankFeedStatusRequest } from "./pkg/index.js";
import { bankFeedStatusGetStatus } from "./pkg/funcs/bankFeedStatusGetStatus.js";
const sdk = new CodatBankFeeds({ authHeader: "Basic x" });
const request: GetBankFeedStatusRequest = { companyId: "c", connectionId: "k", days: 7, includeAccounts: true };
const status: BankFeedStatus = await sdk.bankFeedStatus.getStatus(request);
export const pending: number = status.pendingTransactions;
const result = await bankFeedStatusGetStatus(new CodatBankFeedsCore({ authHeader: "Basic x" }), request);
export const viaFunction: number | undefined = result.ok ? result.value.pendingTransactions : undefined;
// @ts-expect-error \`days\` is a number
export const wrong: GetBankFeedStatusRequest = { companyId: "c", connectionId: "k", days: "7" };
`,
  );
  writeFileSync(join(dir, "tsconfig.check.json"), JSON.stringify({ compilerOptions: strictOptions, files: ["check.ts"] }));
  execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.check.json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
});

test("a new query parameter of the wrong type or out of the spec's bounds is refused before sending", async () => {
  const { sdk, sent } = client();
  for (const [days, reason] of [
    ["7", /`days` must be a number/],
    [91, /`days` must be between 1 and 90/],
    [1.5, /`days` must be an integer/],
  ]) {
    const err = await rejection(sdk.bankFeedStatus.getStatus({ companyId: C, connectionId: K, days }));
    assert.ok(err instanceof mod.InvalidRequestError, String(err));
    assert.equal(err.field, "days");
    assert.match(err.message, reason);
  }
  const err = await rejection(sdk.bankFeedStatus.getStatus({ companyId: C, connectionId: K, includeAccounts: "yes" }));
  assert.equal(err.field, "includeAccounts");
  assert.deepEqual(sent, []);
});

test("a right request passes Prism's check against the new spec and resolves to the typed result", async () => {
  const { sdk, sent } = client();
  const result = await sdk.bankFeedStatus.getStatus({ companyId: C, connectionId: K, days: 7, includeAccounts: true });
  assert.deepEqual(result, example);
  assert.deepEqual(sent, [`${prism.url}/companies/${C}/connections/${K}/bankFeeds/status?days=7&includeAccounts=true`]);
  // Prism answers the new field from the spec's example; it decodes.
  const info = await sdk.companyInformation.get({ companyId: C, connectionId: K });
  assert.equal(typeof info, "object");
});

test("the new enum value is waited through by the generated waitForOperation", () => {
  const table = loadTable(join(dir, "js/operations.json"));
  const row = table.table.find((r) => r.method === "getCreateOperation");
  assert.deepEqual(row.wait, { method: "waitForOperation", inProgress: ["Pending", "Queued"] });
});
