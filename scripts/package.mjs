// Turns wasm-pack's `--target web` output in pkg/ into one npm package for every runtime, from
// the table in js/entries/table.mjs: an entry per `exports` condition that instantiates the wasm
// its runtime's way, so users never call an init function, and the JS-only modules (error
// classes, webhooks, ...) re-exported from beside the wasm-bindgen snippets, so that every
// import of the error classes is the same module.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { conditions, elements, modules, testing } from "../js/entries/table.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = join(root, "js");
const entriesDir = join(js, "entries");
const pkg = join(root, "pkg");
const glue = "./codat_bank_feeds_wasm.js";
const wasm = "codat_bank_feeds_wasm_bg.wasm";
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
/** The runtime entries: every file a condition names. */
const entries = [...new Set(Object.values(conditions).flatMap((c) => (typeof c === "string" ? [c] : Object.values(c))))];
const rootModules = modules.filter((m) => m.root);

// What `files` ships: wasm-pack's output that users need, and each top-level file or folder
// this script writes.
const shipped = new Set([wasm, "codat_bank_feeds_wasm.js", "codat_bank_feeds_wasm.d.ts", "snippets/"]);
const ship = (name) => shipped.add(name.includes("/") ? `${name.split("/")[0]}/` : name);

function write(name, text) {
  mkdirSync(dirname(join(pkg, name)), { recursive: true });
  writeFileSync(join(pkg, name), text);
  ship(name);
}

/** The folder wasm-bindgen copied this crate's JS snippets into, relative to pkg/. */
function snippetsDir() {
  const dirs = readdirSync(join(pkg, "snippets"));
  if (dirs.length !== 1) throw new Error(`expected one snippet dir, found ${dirs}`);
  const dir = `./snippets/${dirs[0]}/js`;
  if (!existsSync(join(pkg, dir, "errors.js"))) throw new Error(`missing ${dir}/errors.js`);
  return dir;
}

/**
 * wasm-bindgen copies only the modules a Rust binding names; the others (imported by those, or
 * only re-exported by the package) go beside them, so that their relative imports resolve.
 */
function copyModules(snippets) {
  for (const name of readdirSync(js).filter((n) => n.endsWith(".js"))) {
    const to = join(pkg, snippets, name);
    if (!existsSync(to)) copyFileSync(join(js, name), to);
  }
}

function replaceOnce(text, from, to, file) {
  if (text.split(from).length !== 2) throw new Error(`expected one \`${from}\` in ${file} (wasm-bindgen changed?)`);
  return text.replace(from, to);
}

function patchGlue() {
  const path = join(pkg, glue);
  let text = readFileSync(path, "utf8");
  // wasm-bindgen's initSync compiles anything that is not `instanceof WebAssembly.Module`, and a
  // module handed over from another realm (Next's edge sandbox, for `import m from "x.wasm?module"`)
  // is not: recognise one by its brand instead, so it is instantiated as it is.
  text = replaceOnce(
    text,
    "if (!(module instanceof WebAssembly.Module)) {",
    'if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {',
    glue,
  );
  // And the glue's fallback `new URL("<name>_bg.wasm", import.meta.url)`, for an `init()` given no
  // module, goes: every entry passes one, and bundlers emit the pattern's file as an asset
  // whether it runs or not (Next's edge output held the .wasm twice: once as that asset, once
  // as the `?module` import edge-light.js makes).
  text = replaceOnce(
    text,
    `module_or_path = new URL('${wasm}', import.meta.url);`,
    'throw new Error("codat-bank-feeds-wasm: init() needs the .wasm (the package\'s entries give it)");',
    glue,
  );
  writeFileSync(path, text);
}

// The generated types use `Symbol.dispose`: make them stand without `esnext.disposable` in the
// user's `lib` (moduleResolution "bundler" with lib ["es2022", "dom"] fails with TS2550).
function patchGlueTypes() {
  const path = join(pkg, "codat_bank_feeds_wasm.d.ts");
  const text = readFileSync(path, "utf8");
  if (!text.startsWith("/// <reference")) writeFileSync(path, `/// <reference lib="esnext.disposable" />\n${text}`);
}

/** Each module of the table: pkg/<module>.js re-exporting its names from the snippet, and its types. */
function writeModules(snippets) {
  for (const { module, names } of modules) {
    if (names) write(`${module}.js`, `export { ${names.join(", ")} } from "${snippets}/${module}.js";\n`);
    write(`${module}.d.ts`, readFileSync(join(js, `${module}.d.ts`)));
  }
}

// The incumbent's subpaths (`@codat/bank-feeds/sdk/types`, ...), so that its documented code
// runs after renaming the package: each a module of ours under the path its docs import.
function writeIncumbentSubpaths() {
  write("sdk/types.js", `export { Decimal } from "../decimal.js";\n`);
  write("sdk/types.d.ts", `export { Decimal } from "../decimal.js";\nexport type { Result } from "../index.js";\n`);
  write("sdk/models/errors.js", `export * from "../../errors.js";\n`);
  write("sdk/models/errors.d.ts", `export * from "../../errors.js";\n`);
}

// Standalone functions, one module per operation as `@codat/bank-feeds/funcs/<group><Method>.js`:
// the method on the client passed in, resolving to a `Result` (settle.js) instead of rejecting.
function writeFuncs(operations) {
  for (const op of operations) {
    const name = op.group + op.method[0].toUpperCase() + op.method.slice(1);
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
}

// What every entry exports: the wasm-bindgen classes and the root modules. Group getters build a
// new wasm-bindgen wrapper on each access; cache one per client so `sdk.companies ===
// sdk.companies` and no wrapper is made per call. (Only the groups: other getters, such as
// `rateLimit`, change.)
function writeExports(groups) {
  const reexports = rootModules.filter((m) => m.names).map((m) => `export * from "./${m.module}.js";\n`);
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
${reexports.join("")}
/** \`CodatBankFeeds\`, as \`@codat/bank-feeds/core.js\` names it (js/core.d.ts). */
export class CodatBankFeedsCore extends CodatBankFeeds {}
`,
  );
}

function writeIndexTypes() {
  write("index.d.ts", [glue, ...rootModules.map((m) => `./${m.module}.js`)].map((from) => `export * from "${from}";\n`).join(""));
}

/**
 * js/entries/*.js as they are but for their header comment (it is for this repository: the
 * package ships as little as it can); each runtime entry typed as the package, for tools that
 * import one directly.
 */
function writeEntries() {
  for (const name of readdirSync(entriesDir).filter((n) => n.endsWith(".js")))
    write(name, readFileSync(join(entriesDir, name), "utf8").replace(/^(\/\/.*\n)+/, ""));
  for (const name of entries) write(name.replace(/\.js$/, ".d.ts"), `export * from "./index.js";\n`);
}

/** A folder of the table (the testing kit, the elements): its modules and types as they are, under `dir`. */
function writeFolder({ from, dir, leave = [] }) {
  rmSync(join(pkg, dir), { recursive: true, force: true });
  for (const name of readdirSync(join(root, from), { recursive: true })) {
    if (leave.includes(name) || !/\.(mjs|js|d\.mts|d\.ts)$/.test(name)) continue;
    write(`${dir}/${name}`, readFileSync(join(root, from, name)));
  }
}

function writeManifest() {
  const meta = readJson(join(pkg, "package.json"));
  const dot = (c) => (typeof c === "string" ? `./${c}` : Object.fromEntries(Object.entries(c).map(([k, v]) => [k, dot(v)])));
  const entryConditions = { types: "./index.d.ts", ...dot(conditions) };
  const subpaths = modules.filter((m) => m.subpath).map((m) => [m.subpath, { types: `./${m.module}.d.ts`, default: `./${m.module}.js` }]);
  const kit = `./${testing.dir}`;
  const testingSubpaths = Object.entries(testing.subpaths).map(([key, m]) => [key, { types: `${kit}/${m}.d.mts`, default: `${kit}/${m}.mjs` }]);
  const elementModules = Object.entries(elements.subpaths).map(([key, m]) => [key, `./${elements.dir}/${m}`]);
  const elementSubpaths = elementModules.map(([key, m]) => [key, { types: `${m}.d.ts`, default: `${m}.js` }]);
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
      ...Object.fromEntries(subpaths),
      ...Object.fromEntries(testingSubpaths),
      ...Object.fromEntries(elementSubpaths),
      "./package.json": "./package.json",
    },
    bin: Object.fromEntries(Object.entries(testing.bin).map(([name, file]) => [name, `${kit}/${file}`])),
    files: [...shipped, "README.md"],
    sideEffects: [...[...entries, "exports.js"].map((name) => `./${name}`), ...elementModules.map(([, m]) => `${m}.js`)],
    engines: { node: ">=20" },
  };
  write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
}

const snippets = snippetsDir();
copyModules(snippets);
patchGlue();
patchGlueTypes();
writeModules(snippets);
writeIncumbentSubpaths();
const operations = readJson(join(js, "operations.json"));
writeFuncs(operations.table);
writeExports(operations.groups);
writeEntries();
writeIndexTypes();
writeFolder(testing);
writeFolder(elements);
writeManifest();
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
