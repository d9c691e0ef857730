// The .wasm's import and export names made short, in the .wasm and in wasm-bindgen's glue alike
// (scripts/package.mjs). wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` under the
// module "./codat_bank_feeds_wasm_bg.js" (or a snippet's path), and its exports after the Rust
// paths (`wasm_bindgen_<hash>___convert__closures_____invoke___...`): about 6 KB of names, in
// both files, the hashes barely compressible. Only names change: every section but the import
// and export sections is copied byte for byte, and each index stays what it was.

/** An unsigned LEB128 at `at` in `bytes`: `[value, next offset]`. */
function readU32(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const name = (text) => [...u32(encoder.encode(text).length), ...encoder.encode(text)];

/** The `n`th short name: a ... z, A ... Z, aa, ab, ... (JS property names, as the glue uses them). */
function short(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let text = "";
  for (n += 1; n > 0; n = Math.floor((n - 1) / 52)) text = letters[(n - 1) % 52] + text;
  return text;
}

/** The length of an import's description (its kind byte and what follows) at `at`. */
function importDescEnd(bytes, at) {
  const kind = bytes[at++];
  const limits = (i) => {
    const flags = bytes[i++];
    [, i] = readU32(bytes, i);
    if (flags & 1) [, i] = readU32(bytes, i);
    return i;
  };
  if (kind === 0) return readU32(bytes, at)[1];
  if (kind === 1) return limits(at + 1);
  if (kind === 2) return limits(at);
  if (kind === 3) return at + 2;
  if (kind === 4) return readU32(bytes, at + 1)[1];
  throw new Error(`import kind ${kind} at ${at}`);
}

/**
 * `wasm` (bytes) and `glue` (wasm-bindgen's JS) with short names: the imports of `bgModule`
 * (wasm-bindgen's own, keyed in the glue's `import0` object), every import module, and every
 * export (read in the glue as `wasm.<name>`). Throws when the glue does not name one of them as
 * expected, so a wasm-bindgen that writes it otherwise fails the build instead of the load.
 */
export function shortenNames(wasm, glue, bgModule) {
  const modules = new Map();
  const imports = new Map();
  const exports = new Map();
  const out = [...wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      out.push(...wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, i] = readU32(wasm, start);
    const body = [...u32(count)];
    for (; count > 0; count--) {
      if (id === 2) {
        const [moduleLength, m] = readU32(wasm, i);
        const module = decoder.decode(wasm.subarray(m, m + moduleLength));
        const [fieldLength, f] = readU32(wasm, m + moduleLength);
        const field = decoder.decode(wasm.subarray(f, f + fieldLength));
        const descEnd = importDescEnd(wasm, f + fieldLength);
        if (!modules.has(module)) modules.set(module, short(modules.size));
        const renamed = module === bgModule ? short(imports.size) : field;
        if (module === bgModule) imports.set(field, renamed);
        body.push(...name(modules.get(module)), ...name(renamed), ...wasm.subarray(f + fieldLength, descEnd));
        i = descEnd;
      } else {
        const [length, n] = readU32(wasm, i);
        const field = decoder.decode(wasm.subarray(n, n + length));
        const [, indexEnd] = readU32(wasm, n + length + 1);
        exports.set(field, short(exports.size));
        body.push(...name(exports.get(field)), ...wasm.subarray(n + length, indexEnd));
        i = indexEnd;
      }
    }
    if (i !== end) throw new Error(`section ${id} ends at ${i}, not ${end}`);
    out.push(id, ...u32(body.length), ...body);
    at = end;
  }

  let text = glue;
  const once = (pattern, to, what) => {
    let seen = 0;
    text = text.replace(pattern, (...match) => {
      seen++;
      return to(...match);
    });
    if (seen !== 1) throw new Error(`the glue names ${what} ${seen} times, not once (wasm-bindgen changed?)`);
  };
  for (const [from, to] of imports) once(new RegExp(`^( {8})${from}(: function)`, "m"), (_, indent, rest) => indent + to + rest, `the import ${from}`);
  for (const [from, to] of modules) {
    if (!text.includes(`"${from}": import`)) throw new Error(`the glue does not key its imports by ${from}`);
    text = text.replaceAll(`"${from}": import`, `"${to}": import`);
  }
  text = text.replace(/\bwasm\.(\w+)\b/g, (_, field) => {
    if (!exports.has(field)) throw new Error(`the glue reads wasm.${field}, which the .wasm does not export`);
    return `wasm.${exports.get(field)}`;
  });
  return { wasm: Uint8Array.from(out), glue: text };
}
