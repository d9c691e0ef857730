// Deno: a source-phase import gives the compiled module (no read permission needed).
import source wasmModule from "./codat_bank_feeds_wasm_bg.wasm";
import { client } from "./client.js";
import { initSync } from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

export const CodatBankFeeds = /* @__PURE__ */ client(() => {
  initSync({ module: wasmModule });
});
export class CodatBankFeedsCore extends CodatBankFeeds {}
