// Bun: a file import, which `bun build` emits beside its bundle.
import wasmPath from "./codat_bank_feeds_wasm_bg.wasm" with { type: "file" };
import { readFileSync } from "node:fs";
import { initSync } from "./codat_bank_feeds_wasm.js";
initSync({ module: readFileSync(new URL(wasmPath, import.meta.url)) });
export * from "./exports.js";
