// scripts/wasm-names.mjs on a module made here byte by byte, with a glue written as wasm-bindgen
// writes its: the names come out short in both, every other section byte for byte, and the
// module still instantiates with the glue's imports and runs; a glue that does not name an
// import or export as expected fails the build.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { shortenNames } from "../scripts/wasm-names.mjs";

const BG = "./x_bg.js";
const utf8 = (text) => [...new TextEncoder().encode(text)];
const name = (text) => [utf8(text).length, ...utf8(text)];
/** An unsigned LEB128. */
function leb(n) {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
}
const section = (id, body) => [id, ...leb(body.length), ...body];
const vec = (items) => [items.length, ...items.flat()];

// Imports: two functions of wasm-bindgen's module, one of a snippet (its own export name), and a
// memory, a global and a table of another module (each description a different length).
const HASHED = "__wbg_answer_0123456789abcdef";
const OTHER = "__wbg_two_fedcba9876543210";
const module = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec([[0x60, 0x00, 0x01, 0x7f]])), // () -> i32
  ...section(
    2,
    vec([
      [...name(BG), ...name(HASHED), 0x00, 0x00],
      [...name("./snippets/x/js/timers.js"), ...name("sleep"), 0x00, 0x00],
      [...name(BG), ...name(OTHER), 0x00, 0x00],
      [...name("env"), ...name("mem"), 0x02, 0x00, 0x01],
      [...name("env"), ...name("g"), 0x03, 0x7f, 0x00],
      [...name("env"), ...name("t"), 0x01, 0x70, 0x01, 0x01, 0x02],
    ]),
  ),
  ...section(3, vec([[0x00]])),
  ...section(
    7,
    vec([
      [...name("run_the_rust_function"), 0x00, 0x03],
      [...name("memory"), 0x02, 0x00],
    ]),
  ),
  // run: answer() + sleep() - two()
  ...section(10, vec([[0x0a, 0x00, 0x10, 0x00, 0x10, 0x01, 0x6a, 0x10, 0x02, 0x6b, 0x0b]])),
  ...section(0, [...name("kept"), 1, 2, 3]),
]);

const glue = `let wasm;
function getImports() {
    const import0 = {
        __proto__: null,
        ${HASHED}: function() {
            return 40;
        },
        ${OTHER}: function() {
            return 1;
        },
    };
    return {
        __proto__: null,
        "${BG}": import0,
        "./snippets/x/js/timers.js": import1,
        "env": import2,
    };
}
const import1 = { sleep: () => 3 };
const import2 = { mem: new WebAssembly.Memory({ initial: 1 }), g: 7, t: new WebAssembly.Table({ initial: 1, maximum: 2, element: "anyfunc" }) };
export async function run(bytes) {
    const { instance } = await WebAssembly.instantiate(bytes, getImports());
    wasm = instance.exports;
    return [wasm.run_the_rust_function(), wasm.memory.buffer.byteLength];
}
`;

/** The sections of `bytes`, as [id, bytes] pairs. */
function sections(bytes) {
  const out = [];
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      size |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    out.push([id, [...bytes.subarray(at, at + size)]]);
    at += size;
  }
  return out;
}

test("names come out short in the .wasm and the glue, everything else as it was, and it still runs", async () => {
  const shortened = shortenNames(module, glue, BG);
  const compiled = await WebAssembly.compile(shortened.wasm);
  assert.deepEqual(
    WebAssembly.Module.imports(compiled).map((i) => `${i.module} ${i.name} ${i.kind}`),
    ["a a function", "b sleep function", "a b function", "c mem memory", "c g global", "c t table"],
  );
  assert.deepEqual(
    WebAssembly.Module.exports(compiled).map((e) => `${e.name} ${e.kind}`),
    ["a function", "b memory"],
  );
  const before = sections(module).filter(([id]) => id !== 2 && id !== 7);
  assert.deepEqual(
    sections(shortened.wasm).filter(([id]) => id !== 2 && id !== 7),
    before,
  );
  for (const old of [HASHED, OTHER, BG, "run_the_rust_function", "wasm.memory"]) assert.ok(!shortened.glue.includes(old), old);
  const dir = mkdtempSync(join(tmpdir(), "wasm-names-"));
  try {
    writeFileSync(join(dir, "glue.mjs"), shortened.glue);
    const { run } = await import(join(dir, "glue.mjs"));
    assert.deepEqual(await run(shortened.wasm), [42, 65536]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a glue that does not name an import or an export as expected fails, naming it", () => {
  assert.throws(() => shortenNames(module, glue.replace(`${OTHER}: function`, `"${OTHER}": function`), BG), new RegExp(`the import ${OTHER}`));
  assert.throws(() => shortenNames(module, glue.replace("wasm.memory", "wasm.missing"), BG), /wasm\.missing, which the \.wasm does not export/);
  assert.throws(() => shortenNames(module, glue.replace(`"env": import2`, "env: import2"), BG), /does not key its imports by env/);
});
