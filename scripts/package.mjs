// Turns wasm-pack's `--target web` output in pkg/ into one npm package for every runtime:
// an entry per `exports` condition that instantiates the wasm its runtime's way, so users never
// call an init function, and the JS-only modules (error classes, webhooks, source-account
// versions) re-exported from beside the wasm-bindgen snippets, so that every import of the
// error classes is the same module.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const glue = "./codat_bank_feeds_wasm.js";
const wasm = "./codat_bank_feeds_wasm_bg.wasm";
// The one list of error classes (js/errors.json).
const errorNames = JSON.parse(readFileSync(join(root, "js", "errors.json"), "utf8")).classes.map((c) => c.name);

const snippetDirs = readdirSync(join(pkg, "snippets"));
if (snippetDirs.length !== 1) throw new Error(`expected one snippet dir, found ${snippetDirs}`);
const snippets = `./snippets/${snippetDirs[0]}/js`;
if (!existsSync(join(pkg, snippets, "errors.js"))) throw new Error(`missing ${snippets}/errors.js`);
// Modules no Rust binding names: wasm-bindgen does not copy them, so they go beside the ones
// it did (webhooks.js imports ./errors.js).
for (const name of ["webhooks.js", "accounts.js", "decimals.js", "http.js", "boundary.js"]) copyFileSync(join(root, "js", name), join(pkg, snippets, name));

// wasm-bindgen's initSync compiles anything that is not `instanceof WebAssembly.Module`, and a
// module handed over from another realm (Next's edge sandbox, for `import m from "x.wasm?module"`)
// is not: recognise one by its brand instead, so it is instantiated as it is.
const gluePath = join(pkg, glue);
const glueText = readFileSync(gluePath, "utf8");
const realmCheck = "if (!(module instanceof WebAssembly.Module)) {";
if (glueText.split(realmCheck).length !== 2) throw new Error(`expected one \`${realmCheck}\` in ${glue} (wasm-bindgen changed?)`);
// And the glue's fallback `new URL("<name>_bg.wasm", import.meta.url)`, for an `init()` given no
// module, goes: every entry passes one, and bundlers emit the pattern's file as an asset
// whether it runs or not (Next's edge output held the .wasm twice: once as that asset, once
// as the `?module` import edge-light.js makes).
const fallback = "module_or_path = new URL('codat_bank_feeds_wasm_bg.wasm', import.meta.url);";
if (glueText.split(fallback).length !== 2) throw new Error(`expected one \`${fallback}\` in ${glue} (wasm-bindgen changed?)`);
writeFileSync(
  gluePath,
  glueText
    .replace(realmCheck, 'if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {')
    .replace(fallback, 'throw new Error("codat-bank-feeds-wasm: init() needs the .wasm (the package\'s entries give it)");'),
);
// The generated types use `Symbol.dispose`: make them stand without `esnext.disposable` in the
// user's `lib` (moduleResolution "bundler" with lib ["es2022", "dom"] fails with TS2550).
const dtsPath = join(pkg, "codat_bank_feeds_wasm.d.ts");
const dtsText = readFileSync(dtsPath, "utf8");
if (!dtsText.startsWith("/// <reference")) writeFileSync(dtsPath, `/// <reference lib="esnext.disposable" />\n${dtsText}`);

const write = (name, text) => {
  mkdirSync(dirname(join(pkg, name)), { recursive: true });
  writeFileSync(join(pkg, name), text);
};

write("errors.js", `export { ${errorNames.join(", ")} } from "${snippets}/errors.js";\n`);
write("webhooks.js", `export { verifyWebhook } from "${snippets}/webhooks.js";\n`);
write("accounts.js", `export { isSourceAccountV2 } from "${snippets}/accounts.js";\n`);
write("decimal.js", `export { Decimal } from "${snippets}/decimal.js";\n`);
write("http.js", `export { HTTPClient } from "${snippets}/http.js";\n`);
for (const name of ["errors.d.ts", "webhooks.d.ts", "accounts.d.ts", "decimal.d.ts", "http.d.ts", "core.d.ts"])
  copyFileSync(join(root, "js", name), join(pkg, name));

// The incumbent's subpaths (`@codat/bank-feeds/sdk/types`, ...), so that its documented code
// runs after renaming the package: each a module of ours under the path its docs import.
write("sdk/types.js", `export { Decimal } from "../decimal.js";\n`);
write("sdk/types.d.ts", `export { Decimal } from "../decimal.js";\nexport type { Result } from "../index.js";\n`);
write("sdk/models/errors.js", `export * from "../../errors.js";\n`);
write("sdk/models/errors.d.ts", `export * from "../../errors.js";\n`);

// Standalone functions, one module per operation as `@codat/bank-feeds/funcs/<group><Method>.js`:
// the method on the client passed in, resolving to a `Result` instead of rejecting.
const operationTable = JSON.parse(readFileSync(join(root, "js", "operations.json"), "utf8")).table;
const funcName = (op) => op.group + op.method[0].toUpperCase() + op.method.slice(1);
write(
  "settle.js",
  `import { CodatBankFeedsError } from "./errors.js";

/**
 * \`{ ok: true, value }\` of what \`call()\` resolves to, or \`{ ok: false, error }\` of what it
 * throws: one of the client's errors (anything else, a wrong \`client\` say, wrapped in one).
 */
export async function settle(call) {
  try {
    return { ok: true, value: await call() };
  } catch (thrown) {
    const error = thrown instanceof CodatBankFeedsError ? thrown : new CodatBankFeedsError(String(thrown?.message ?? thrown), { cause: thrown });
    return { ok: false, error };
  }
}
`,
);
for (const op of operationTable) {
  const name = funcName(op);
  const call = `client.${op.group}.${op.method}`;
  write(
    `funcs/${name}.js`,
    `import { settle } from "../settle.js";

/** \`${call}\` as a standalone function. */
export function ${name}(client, request, options) {
  return settle(() => ${call}(request, options));
}
`,
  );
  const types = [...new Set([op.requestType, ...op.resultType.split(/\W+/)].filter((t) => /^[A-Z]/.test(t)))];
  write(
    `funcs/${name}.d.ts`,
    `import type { CodatBankFeedsCore, RequestOptions, Result, ${types.join(", ")} } from "../index.js";

/**
 * ${op.summary}: \`${call}\` as a standalone function, as \`@codat/bank-feeds\` has it.
 * Resolves to \`{ ok: true, value }\`, or to \`{ ok: false, error }\` with the error the method
 * would throw; never rejects.
 */
export declare function ${name}(client: CodatBankFeedsCore, request: ${op.requestType}, options?: RequestOptions): Promise<Result<${op.resultType}>>;
`,
  );
}

// Group getters build a new wasm-bindgen wrapper on each access; cache one per client so
// `sdk.companies === sdk.companies` and no wrapper is made per call. (Only the groups: other
// getters, such as `rateLimit`, change.)
const groups = JSON.parse(readFileSync(join(root, "js", "operations.json"), "utf8")).groups;
write(
  "exports.js",
  `import { CodatBankFeeds } from "${glue}";
const groups = new Set(${JSON.stringify(groups)});
for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(CodatBankFeeds.prototype))) {
  if (!d.get || !groups.has(name)) continue;
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
export * from "./webhooks.js";
export * from "./accounts.js";
export * from "./decimal.js";

/** \`CodatBankFeeds\`, as \`@codat/bank-feeds/core.js\` names it (js/core.d.ts). */
export class CodatBankFeedsCore extends CodatBankFeeds {}
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
  // Next.js edge routes (and Vercel's edge functions) resolve `edge-light`: their bundlers turn
  // a \`?module\` import into a compiled WebAssembly.Module, as @vercel/og takes its .wasm.
  "edge-light.js": `import wasmModule from "${wasm}?module";
import { initSync } from "${glue}";
initSync({ module: wasmModule });
export * from "./exports.js";
`,
  // webpack's Node builds (the nested \`webpack\` condition under \`node\`; Next's \`next build
  // --webpack\`): webpack emits the .wasm and rewrites \`new URL(..., import.meta.url)\` to the
  // copy's URL, a file: URL except in Next, whose \`url: "relative"\` makes it a path-only one
  // that fs refuses. There a \`new URL\` of a variable is left alone and \`import.meta.url\` is
  // this file's URL at build time (Next's file tracing follows it and copies the .wasm); after a
  // move (a standalone deployment), the traced copy is found from the working directory up.
  "node-webpack.js": `import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { initSync } from "${glue}";

function wasmBytes() {
  const url = new URL("${wasm}", import.meta.url);
  if (url.protocol === "file:") return readFileSync(url);
  const here = import.meta.url;
  try {
    return readFileSync(new URL("${wasm}", here));
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    try {
      return readFileSync(join(dir, "node_modules", "codat-bank-feeds-wasm", "${wasm.slice(2)}"));
    } catch (error) {
      if (error?.code !== "ENOENT" || dirname(dir) === dir) throw error;
    }
  }
}
initSync({ module: wasmBytes() });
export * from "./exports.js";
`,
  // Deno: a source-phase import gives the compiled module (no read permission needed).
  "deno.js": `import source wasmModule from "${wasm}";
import { initSync } from "${glue}";
initSync({ module: wasmModule });
export * from "./exports.js";
`,
  // Bun: a file import, which \`bun build\` emits beside its bundle.
  "bun.js": `import wasmPath from "${wasm}" with { type: "file" };
import { readFileSync } from "node:fs";
import { initSync } from "${glue}";
initSync({ module: readFileSync(new URL(wasmPath, import.meta.url)) });
export * from "./exports.js";
`,
  // Browsers and bundlers: the .wasm is fetched beside this file, once, at import.
  "browser.js": `import init from "${glue}";
await init({ module_or_path: new URL("${wasm}", import.meta.url) });
export * from "./exports.js";
`,
};
for (const [name, text] of Object.entries(entries)) {
  write(name, text);
  // Each entry has the package's types, for tools that import an entry file directly.
  write(name.replace(/\.js$/, ".d.ts"), `export * from "./index.js";\n`);
}

write(
  "index.d.ts",
  `export * from "./codat_bank_feeds_wasm.js";\nexport * from "./errors.js";\nexport * from "./webhooks.js";\nexport * from "./accounts.js";\nexport * from "./core.js";\nexport * from "./decimal.js";\n`,
);

const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
const entryConditions = {
  types: "./index.d.ts",
  "edge-light": "./edge-light.js",
  workerd: "./workerd.js",
  worker: "./workerd.js",
  // Deno and Bun match `node` too, and the first key that matches wins: theirs come first.
  deno: "./deno.js",
  bun: "./bun.js",
  node: { webpack: "./node-webpack.js", default: "./node.js" },
  browser: "./browser.js",
  default: "./browser.js",
};
const manifest = {
  name: "codat-bank-feeds-wasm",
  version: meta.version,
  description: meta.description,
  license: meta.license,
  repository: meta.repository,
  type: "module",
  types: "./index.d.ts",
  exports: {
    ".": entryConditions,
    // `@codat/bank-feeds`'s subpaths: the same package under the paths its docs import.
    "./core.js": entryConditions,
    "./funcs/*.js": { types: "./funcs/*.d.ts", default: "./funcs/*.js" },
    "./sdk/types": { types: "./sdk/types.d.ts", default: "./sdk/types.js" },
    "./sdk/models/errors": { types: "./sdk/models/errors.d.ts", default: "./sdk/models/errors.js" },
    "./lib/http": { types: "./http.d.ts", default: "./http.js" },
    "./package.json": "./package.json",
  },
  files: [
    "codat_bank_feeds_wasm_bg.wasm",
    "codat_bank_feeds_wasm.js",
    "codat_bank_feeds_wasm.d.ts",
    "snippets/",
    "errors.js",
    "errors.d.ts",
    "webhooks.js",
    "webhooks.d.ts",
    "accounts.js",
    "accounts.d.ts",
    "decimal.js",
    "decimal.d.ts",
    "http.js",
    "http.d.ts",
    "core.d.ts",
    "settle.js",
    "funcs/",
    "sdk/",
    "exports.js",
    "index.d.ts",
    "node.js",
    "node.d.ts",
    "workerd.js",
    "workerd.d.ts",
    "edge-light.js",
    "edge-light.d.ts",
    "node-webpack.js",
    "node-webpack.d.ts",
    "deno.js",
    "deno.d.ts",
    "bun.js",
    "bun.d.ts",
    "browser.js",
    "browser.d.ts",
    "README.md",
  ],
  sideEffects: ["./node.js", "./node-webpack.js", "./workerd.js", "./edge-light.js", "./deno.js", "./bun.js", "./browser.js", "./exports.js"],
  engines: { node: ">=20" },
};
write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
