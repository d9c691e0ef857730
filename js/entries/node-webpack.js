// webpack's Node builds (the nested `webpack` condition under `node`; Next's `next build
// --webpack`): webpack emits the .wasm and rewrites `new URL(..., import.meta.url)` to the
// copy's URL, a file: URL except in Next, whose `url: "relative"` makes it a path-only one
// that fs refuses. There a `new URL` of a variable is left alone and `import.meta.url` is
// this file's URL at build time (Next's file tracing follows it and copies the .wasm); after a
// move (a standalone deployment), the traced copy is found from the working directory up.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { client } from "./client.js";
import { initSync } from "./codat_bank_feeds_wasm.js";
export * from "./exports.js";

function wasmBytes() {
  const url = new URL("./codat_bank_feeds_wasm_bg.wasm", import.meta.url);
  if (url.protocol === "file:") return readFileSync(url);
  const here = import.meta.url;
  try {
    return readFileSync(new URL("./codat_bank_feeds_wasm_bg.wasm", here));
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    try {
      return readFileSync(join(dir, "node_modules", "codat-bank-feeds-wasm", "codat_bank_feeds_wasm_bg.wasm"));
    } catch (error) {
      if (error?.code !== "ENOENT" || dirname(dir) === dir) throw error;
    }
  }
}
export const CodatBankFeeds = /* @__PURE__ */ client(() => {
  initSync({ module: wasmBytes() });
});
export class CodatBankFeedsCore extends CodatBankFeeds {}
