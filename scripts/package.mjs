// Turns wasm-pack's `--target web` output in pkg/ into one npm package for every runtime, from
// the table in js/entries/table.mjs: an entry per `exports` condition that loads the wasm its
// runtime's way, so users need not call an init function, and the JS-only modules (error
// classes, webhooks, ...) re-exported from beside the wasm-bindgen snippets, so that every
// import of the error classes is the same module.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { conditions, elements, modules, testing } from "../js/entries/table.mjs";
import { packedDoc } from "./packed-docs.mjs";
import { shortenNames } from "./wasm-names.mjs";

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
  // module, goes: the browser entry passes its own URL, or none when it cannot tell where it is,
  // and bundlers emit the pattern's file as an asset whether it runs or not (Next's edge output
  // held the .wasm twice: once as that asset, once as the `?module` import edge-light.js makes).
  text = replaceOnce(text, `module_or_path = new URL('${wasm}', import.meta.url);`, 'throw new Error("no URL for it: call init({ wasmUrl })");', glue);
  // Every entry passes one object (`{ module }`, `{ module_or_path }`): the glue's handling of
  // the deprecated forms, and its warning text, go.
  for (const arg of ["module", "module_or_path"]) {
    const fn = arg === "module" ? "`initSync()`" : "the initialization function";
    text = replaceOnce(
      text,
      `    if (${arg} !== undefined) {
        if (Object.getPrototypeOf(${arg}) === Object.prototype) {
            ({${arg}} = ${arg})
        } else {
            console.warn('using deprecated parameters for ${fn}; pass a single object instead')
        }
    }
`,
      `    ({ ${arg} } = ${arg});\n`,
      glue,
    );
  }
  // Every runtime the package supports has FinalizationRegistry and TextEncoder.encodeInto: the
  // glue's fallbacks for engines without them go.
  const registries =
    /\(typeof FinalizationRegistry === 'undefined'\)\n {4}\? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\n {4}: new FinalizationRegistry/g;
  if ((text.match(registries)?.length ?? 0) < 2) throw new Error(`expected FinalizationRegistry fallbacks in ${glue} (wasm-bindgen changed?)`);
  text = text.replace(registries, "new FinalizationRegistry");
  text = replaceOnce(
    text,
    `if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}
`,
    "",
    glue,
  );
  // And the handle methods (`free()`, `[Symbol.dispose]`, `__destroy_into_raw()`) of each class:
  // the package's client and groups are JS classes in front of these (js/entries/client.js)
  // that have none, and the FinalizationRegistry frees each wasm object once it is collected.
  const handles = /^ {4}__destroy_into_raw\(\) \{\n(?: {8}.*\n)+ {4}\}\n {4}free\(\) \{\n(?: {8}.*\n)+ {4}\}\n/gm;
  const disposers = /^if \(Symbol\.dispose\) (\w+)\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
  const classes = text.match(/^export class /gm).length;
  if (text.match(handles)?.length !== classes || text.match(disposers)?.length !== classes)
    throw new Error(`expected the handle methods of ${classes} classes in ${glue} (wasm-bindgen changed?)`);
  text = text.replace(handles, "").replace(disposers, "");
  writeFileSync(path, text);
}

/**
 * The glue's types, made the package's public ones: less wasm-bindgen's loader section
 * (`InitInput`, `initSync`, the default `init`: they name DOM types, `RequestInfo` and
 * `BufferSource`, which a Node project without the DOM lib lacks, and the entries load the
 * .wasm) and its handle methods (`free()`, `[Symbol.dispose]()`: the client and its groups are
 * JS classes in front of the wasm ones, js/entries/client.js, and wasm objects are freed when
 * collected).
 */
function publicTypes() {
  const path = join(pkg, "codat_bank_feeds_wasm.d.ts");
  const text = readFileSync(path, "utf8");
  const loader = text.indexOf("\nexport type InitInput ");
  if (loader === -1) throw new Error("no `export type InitInput` in the glue's types (wasm-bindgen changed?)");
  const handles = /^ {4}(free\(\): void|\[Symbol\.dispose\]\(\): void);\n/gm;
  if (!handles.test(text)) throw new Error("no handle methods in the glue's types (wasm-bindgen changed?)");
  const types = text.slice(0, loader + 1).replace(handles, "");
  writeFileSync(path, types);
  return types;
}

/**
 * pkg/groups.js: the classes js/entries/client.js puts in front of the wasm groups, from their
 * types: one for each group getter (js/entries/group.js), with the names of its methods that
 * return async generators (the others return promises); `groups`, each getter's class. Returns
 * the group classes' names.
 */
function writeGroups(types) {
  const blocks = new Map([...types.matchAll(/^export class (\w+) \{\n([\s\S]*?)^\}/gm)].map((m) => [m[1], m[2]]));
  const client = blocks.get("CodatBankFeeds");
  if (client === undefined || /^ {4}(?!constructor\()\w+\(/m.test(client))
    throw new Error("CodatBankFeeds has a method: js/entries/client.js reads only getters through");
  const classes = [];
  const groups = [];
  for (const [, name, type] of client.matchAll(/^ {4}readonly (\w+): ([^;]+);$/gm)) {
    if (!blocks.has(type)) continue;
    const lists = [];
    for (const [, method, returns] of blocks.get(type).matchAll(/^ {4}(\w+)\(.*\): (\w+)</gm)) {
      if (returns === "AsyncGenerator") lists.push(method);
      else if (returns !== "Promise") throw new Error(`${type}.${method} returns ${returns}: js/entries/group.js defers only promises and async generators`);
    }
    classes.push(`export const ${type} = /* @__PURE__ */ groupClass(wasm.${type}, ${JSON.stringify(lists)});\n`);
    groups.push(`${name}: ${type}`);
  }
  write(
    "groups.js",
    `import * as wasm from "${glue}";\nimport { groupClass } from "./group.js";\n\n${classes.join("")}\nexport const groups = { ${groups.join(", ")} };\n`,
  );
  return groups.map((g) => g.split(": ")[1]);
}

/** Each module of the table: pkg/<module>.js re-exporting its names from the snippet, and its types (but an internal one's). */
function writeModules(snippets) {
  for (const { module, names, internal } of modules) {
    if (names) write(`${module}.js`, `export { ${names.join(", ")} } from "${snippets}/${module}.js";\n`);
    if (!internal) write(`${module}.d.ts`, readFileSync(join(js, `${module}.d.ts`)));
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

// What every entry exports beside its client (js/entries/*.js): the root modules, the group
// classes (for `instanceof`) and the loading functions of js/entries/client.js.
function writeExports(groupClasses) {
  const reexports = rootModules.filter((m) => m.names).map((m) => `export * from "./${m.module}.js";\n`);
  write("exports.js", `${reexports.join("")}export { ${groupClasses.join(", ")} } from "./groups.js";\nexport { init, ready } from "./client.js";\n`);
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

/** The documents the package ships beside its code. */
const DOCS = ["README.md", "CHANGELOG.md", "LICENSE"];

/** README.md, CHANGELOG.md and LICENSE, their links to what the package lacks made absolute. */
function writeDocs() {
  const { repository } = readJson(join(pkg, "package.json"));
  const shipped = (path) => DOCS.includes(path);
  for (const name of DOCS) {
    const text = readFileSync(join(root, name), "utf8");
    writeFileSync(join(pkg, name), name.endsWith(".md") ? packedDoc(text, { shipped, repository: repository.url, root }) : text);
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
    files: [...shipped, ...DOCS],
    // Only the elements define something on import: a bundle that uses only helpers (`Decimal`,
    // the errors) drops the client, its glue and the load of the .wasm (js/entries/client.js).
    sideEffects: elementModules.map(([, m]) => `${m}.js`),
    engines: { node: ">=20" },
  };
  write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The .wasm's import and export names shortened, in it and in the glue (scripts/wasm-names.mjs). */
function shortenWasmNames() {
  const shortened = shortenNames(readFileSync(join(pkg, wasm)), readFileSync(join(pkg, glue), "utf8"), "./codat_bank_feeds_wasm_bg.js");
  writeFileSync(join(pkg, wasm), shortened.wasm);
  writeFileSync(join(pkg, glue), shortened.glue);
}

const snippets = snippetsDir();
copyModules(snippets);
patchGlue();
shortenWasmNames();
const groupClasses = writeGroups(publicTypes());
writeModules(snippets);
writeIncumbentSubpaths();
const operations = readJson(join(js, "operations.json"));
writeFuncs(operations.table);
writeExports(groupClasses);
writeEntries();
writeIndexTypes();
writeFolder(testing);
writeFolder(elements);
writeManifest();
writeDocs();
