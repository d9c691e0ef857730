// workerd (and wrangler's bundler) import a .wasm file as a compiled WebAssembly.Module.
import wasmModule from "./codat_bank_feeds_wasm_bg.wasm";
import { initSync } from "./codat_bank_feeds_wasm.js";
initSync({ module: wasmModule });
export * from "./exports.js";
