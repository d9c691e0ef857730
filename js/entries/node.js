// Node: the .wasm read from beside this file, synchronously (no top-level await: require() of
// the package works too).
import { readFileSync } from "node:fs";
import { initSync } from "./codat_bank_feeds_wasm.js";
initSync({ module: readFileSync(new URL("./codat_bank_feeds_wasm_bg.wasm", import.meta.url)) });
export * from "./exports.js";
