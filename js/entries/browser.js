// Browsers and bundlers: the .wasm is fetched (by URL, with `fetch`'s defaults: a
// `<link rel="preload" as="fetch" crossorigin>` of it is used, not fetched twice) and compiled as
// it streams, from the microtask after the import (js/entries/client.js); the first call waits
// for it. No top-level await: an IIFE bundle and a missing .wasm both import fine.
import { client } from "./client.js";
import initWasm from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

/**
 * Where the .wasm is unless `init({ wasmUrl })` says: beside this module (where bundlers emit
 * it, from this very expression), or, in an esbuild IIFE bundle (no `import.meta`), beside the
 * classic script that runs it (read at import, while it is `document.currentScript`); with
 * neither, none (the load fails, asking for `init({ wasmUrl })`).
 */
function besideThis() {
  try {
    return new URL("./codat_bank_feeds_wasm_bg.wasm", import.meta.url);
  } catch {
    try {
      return new URL("codat_bank_feeds_wasm_bg.wasm", globalThis.document?.currentScript?.src || globalThis.location.href);
    } catch {
      return undefined;
    }
  }
}

export const CodatBankFeeds = /* @__PURE__ */ client((wasmUrl) => initWasm({ module_or_path: wasmUrl }), /* @__PURE__ */ besideThis());
export class CodatBankFeedsCore extends CodatBankFeeds {}
