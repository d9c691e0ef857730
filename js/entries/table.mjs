// The package's one table, which scripts/package.mjs builds pkg/ from: the entry each `exports`
// condition resolves to, and the JS-only modules with what each re-exports. The entries,
// client.js (the client class each binds to its way of loading the .wasm) and settle.js beside
// this file go to the package's root as they are, less their header comment (their imports are
// relative to it; biome.json leaves their import order, which is the order they evaluate in,
// alone); the modules are js/<module>.js, shipped beside the wasm-bindgen snippets.
import { readFileSync } from "node:fs";

/**
 * The package root's `exports` conditions (`./core.js` has the same), each to its entry in this
 * folder. Order matters: the first key that matches wins, and Deno and Bun match `node` too.
 */
export const conditions = {
  "edge-light": "edge-light.js",
  workerd: "workerd.js",
  worker: "workerd.js",
  deno: "deno.js",
  bun: "bun.js",
  node: { webpack: "node-webpack.js", default: "node.js" },
  browser: "browser.js",
  default: "browser.js",
};

const errorClasses = JSON.parse(readFileSync(new URL("../errors.json", import.meta.url), "utf8")).classes.map((c) => c.name);

/**
 * The JS-only modules, typed by js/<module>.d.ts. pkg/<module>.js re-exports `names` from the
 * snippet (one module for every importer, so the error classes are the same ones everywhere);
 * a row without `names` is types only, one with `internal` has none (only the package's own
 * modules import it). `root`: the package root re-exports it too; `subpath`: its own `exports` key.
 */
export const modules = [
  { module: "errors", names: errorClasses, root: true },
  { module: "webhooks", names: ["verifyWebhook"], root: true },
  { module: "accounts", names: ["isSourceAccountV2"], root: true },
  // `CodatBankFeedsCore` itself is defined in exports.js (scripts/package.mjs), on the client.
  { module: "core", root: true },
  { module: "decimal", names: ["Decimal"], root: true },
  { module: "token", names: ["companyAccessToken"], root: true },
  // `ready` and `init` themselves are client.js's, which exports.js re-exports.
  { module: "loading", root: true },
  { module: "http", names: ["HTTPClient"], subpath: "./lib/http" },
  // client.js's reads sent ahead of the .wasm.
  { module: "early", names: ["early"], internal: true },
];

/**
 * The testing kit: the fake Codat API, fake/ in this repository (the same files the project's
 * tests use), shipped under `dir` less `leave` (its self-check needs Prism and the spec). Each
 * `subpaths` key is an `exports` key to a module there, typed by the `.d.mts` beside it; the
 * core has no `node:` import (it loads in workerd and browsers), the Node adapter its own
 * subpath. `bin`: its command line.
 */
export const testing = {
  from: "fake",
  dir: "testing",
  leave: ["check.mjs", "README.md"],
  subpaths: { "./testing": "index", "./testing/node": "node" },
  bin: { "codat-bank-feeds-fake": "serve.mjs" },
};

/**
 * The elements: custom elements built on the client's public API, js/elements/ shipped under
 * `dir` as they are. Each `subpaths` key is an `exports` key to a module there (which defines its
 * element when imported: `sideEffects`), typed by the `.d.ts` beside it. They import the client
 * as `codat-bank-feeds-wasm`, so the client's own bundle gains nothing from them.
 */
export const elements = {
  from: "js/elements",
  dir: "elements",
  subpaths: { "./elements": "account-mapping" },
};
