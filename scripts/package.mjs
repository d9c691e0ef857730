// Turns wasm-pack's `--target web` output in pkg/ into one npm package for every runtime:
// an entry per `exports` condition that instantiates the wasm its runtime's way, so users never
// call an init function, and the error classes (defined in a wasm-bindgen snippet) re-exported.
import { readFileSync, writeFileSync, readdirSync, copyFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const glue = "./codat_bank_feeds_wasm.js";
const wasm = "./codat_bank_feeds_wasm_bg.wasm";
const errorNames = [
  "CodatBankFeedsError",
  "ErrorMessage",
  "ResponseValidationError",
  "ConnectionError",
  "RequestTimeoutError",
  "RequestAbortedError",
  "InvalidRequestError",
  "SourceAccountBatchConflictError",
  "HookError",
  "WebhookVerificationError",
];

const snippetDirs = readdirSync(join(pkg, "snippets"));
if (snippetDirs.length !== 1) throw new Error(`expected one snippet dir, found ${snippetDirs}`);
const runtime = `./snippets/${snippetDirs[0]}/js/runtime.js`;
if (!existsSync(join(pkg, runtime))) throw new Error(`missing ${runtime}`);

const write = (name, text) => writeFileSync(join(pkg, name), text);

write("errors.js", `export { ${errorNames.join(", ")}, isSourceAccountV2, verifyWebhook } from "${runtime}";\n`);
copyFileSync(join(root, "js", "errors.d.ts"), join(pkg, "errors.d.ts"));

// Group getters build a new wasm-bindgen wrapper on each access; cache one per client so
// `sdk.companies === sdk.companies` and no wrapper is made per call.
write(
  "exports.js",
  `import { CodatBankFeeds } from "${glue}";
for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(CodatBankFeeds.prototype))) {
  if (!d.get) continue;
  Object.defineProperty(CodatBankFeeds.prototype, name, {
    configurable: true,
    get() {
      const group = d.get.call(this);
      Object.defineProperty(this, name, { value: group, enumerable: true });
      return group;
    },
  });
}
export * from "${glue}";
export * from "./errors.js";
`,
);

const entries = {
  "node.js": `import { readFileSync } from "node:fs";
import { initSync } from "${glue}";
initSync({ module: readFileSync(new URL("${wasm}", import.meta.url)) });
export * from "./exports.js";
`,
  // workerd (and wrangler's bundler) import a .wasm file as a compiled WebAssembly.Module.
  "workerd.js": `import wasmModule from "${wasm}";
import { initSync } from "${glue}";
initSync({ module: wasmModule });
export * from "./exports.js";
`,
  // Browsers and bundlers: the .wasm is fetched beside this file, once, at import.
  "browser.js": `import init from "${glue}";
await init({ module_or_path: new URL("${wasm}", import.meta.url) });
export * from "./exports.js";
`,
};
for (const [name, text] of Object.entries(entries)) write(name, text);

write(
  "index.d.ts",
  `export * from "./codat_bank_feeds_wasm.js";\nexport * from "./errors.js";\n`,
);

const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
const manifest = {
  name: "codat-bank-feeds-wasm",
  version: meta.version,
  description: meta.description,
  license: meta.license,
  repository: meta.repository,
  type: "module",
  types: "./index.d.ts",
  exports: {
    ".": {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      worker: "./workerd.js",
      node: "./node.js",
      deno: "./node.js",
      bun: "./node.js",
      browser: "./browser.js",
      default: "./browser.js",
    },
    "./package.json": "./package.json",
  },
  files: [
    "codat_bank_feeds_wasm_bg.wasm",
    "codat_bank_feeds_wasm.js",
    "codat_bank_feeds_wasm.d.ts",
    "snippets/",
    "errors.js",
    "errors.d.ts",
    "exports.js",
    "index.d.ts",
    "node.js",
    "workerd.js",
    "browser.js",
    "README.md",
  ],
  sideEffects: ["./node.js", "./workerd.js", "./browser.js", "./exports.js"],
  engines: { node: ">=20" },
};
write("package.json", JSON.stringify(manifest, null, 2) + "\n");
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
