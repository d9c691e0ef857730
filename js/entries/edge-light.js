// Next.js edge routes (and Vercel's edge functions) resolve `edge-light`: their bundlers turn
// a `?module` import into a compiled WebAssembly.Module, as @vercel/og takes its .wasm.
import wasmModule from "./codat_bank_feeds_wasm_bg.wasm?module";
import { client } from "./client.js";
import { initSync } from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

export const CodatBankFeeds = /* @__PURE__ */ client(() => {
  initSync({ module: wasmModule });
});
export class CodatBankFeedsCore extends CodatBankFeeds {}
