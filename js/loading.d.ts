/**
 * Resolves once the client's `.wasm` is loaded; rejects with `WasmLoadError` when it does not
 * load (the next `ready()`, client or call tries again). In browsers the `.wasm` is fetched from
 * the microtask after the package is imported, and compiled as it streams; every call waits for
 * it, so `await ready()` is needed only to load it ahead, to see a failure early, or to have a
 * client's bad options throw from its constructor. Elsewhere (Node, Deno, Bun, workers) the
 * `.wasm` loads synchronously and this resolves at once.
 */
export declare function ready(): Promise<void>;

/**
 * `ready()`, the `.wasm` fetched from `options.wasmUrl` (browsers; elsewhere the package loads
 * its own). For apps that host the `.wasm` apart from their bundle: called at the top level of
 * the module importing the package, it comes before the default request (beside the bundle),
 * which is then never made. Once the `.wasm` is loaded (or while a load succeeds), it does
 * nothing more.
 */
export declare function init(options?: LoadOptions): Promise<void>;

/** Where `init` loads the `.wasm` from. */
export interface LoadOptions {
  /** The `.wasm`'s URL (`codat_bank_feeds_wasm_bg.wasm`, as the package ships it), absolute or relative to the page. */
  wasmUrl?: string | URL;
}
