// Node: the .wasm read from beside this file, synchronously, when first needed (no top-level
// await: require() of the package works too).
import { readFileSync } from "node:fs";
import { client } from "./client.js";
import { initSync } from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

export const CodatBankFeeds = /* @__PURE__ */ client(() => {
  initSync({ module: readFileSync(new URL("./codat_bank_feeds_wasm_bg.wasm", import.meta.url)) });
});
export class CodatBankFeedsCore extends CodatBankFeeds {}
