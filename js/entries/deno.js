// Deno: a source-phase import gives the compiled module (no read permission needed).
import source wasmModule from "./codat_bank_feeds_wasm_bg.wasm";
import { initSync } from "./codat_bank_feeds_wasm.js";
initSync({ module: wasmModule });
export * from "./exports.js";
