// Browsers and bundlers: the .wasm is fetched beside this file, once, at import.
import init from "./codat_bank_feeds_wasm.js";
await init({ module_or_path: new URL("./codat_bank_feeds_wasm_bg.wasm", import.meta.url) });
export * from "./exports.js";
