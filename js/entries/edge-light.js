// Next.js edge routes (and Vercel's edge functions) resolve `edge-light`: their bundlers turn
// a `?module` import into a compiled WebAssembly.Module, as @vercel/og takes its .wasm.
import wasmModule from "./codat_bank_feeds_wasm_bg.wasm?module";
import { initSync } from "./codat_bank_feeds_wasm.js";
initSync({ module: wasmModule });
export * from "./exports.js";
