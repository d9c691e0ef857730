// Bun: a file import, which `bun build` emits beside its bundle; read when first needed.
import wasmPath from "./codat_bank_feeds_wasm_bg.wasm" with { type: "file" };
import { readFileSync } from "node:fs";
import { client } from "./client.js";
import { initSync } from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

export const CodatBankFeeds = /* @__PURE__ */ client(() => {
  initSync({ module: readFileSync(new URL(wasmPath, import.meta.url)) });
});
export class CodatBankFeedsCore extends CodatBankFeeds {}
