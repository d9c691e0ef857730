// The client each runtime entry exports, bound to that runtime's way of loading the .wasm
// (`client(load)`): a JS class in front of the wasm-bindgen one, because in browsers the .wasm
// may still be on its way when the client is built. Once it is loaded, the wasm client is built
// at once (so bad options throw from the constructor) and each call goes straight to it; before,
// the options wait and every call waits for the .wasm first. The group classes and the other
// getters come from the generated types (groups.js, written by scripts/package.mjs).
import { CodatBankFeeds as WasmClient } from "./codat_bank_feeds_wasm.js";
import { WasmLoadError } from "./errors.js";
import { SIDE } from "./group.js";
import { groups, values } from "./groups.js";

const LOADED = Promise.resolve();

/**
 * One runtime's .wasm, loaded once by `load(wasmUrl)`: synchronously (it returns nothing) or
 * not (it returns a promise). `where()`, read at import (where an IIFE bundle's script is still
 * `document.currentScript`), is the URL a browser fetches unless `init({ wasmUrl })` gives one.
 * The load starts in the microtask after the importing modules ran (so an `init({ wasmUrl })`
 * at their top level comes first), or earlier at the first client built or `ready()`; after a
 * failure, the next `ready()`, client or call tries again.
 */
class Loader {
  loaded = false;
  #load;
  #fetches;
  #where;
  #loading;

  constructor(load, where) {
    this.#load = load;
    this.#fetches = where !== undefined;
    try {
      this.#where = where?.();
    } catch {
      // No URL to fetch from (an IIFE bundle in a page without `document.currentScript`): the
      // load fails with a WasmLoadError asking for `init({ wasmUrl })`.
    }
    queueMicrotask(() => this.start());
  }

  /** Starts the load unless it is done or under way; resolves once it is done. */
  start(wasmUrl = this.#where) {
    if (this.loaded) return LOADED;
    this.#loading ??= this.#begin(wasmUrl);
    return this.#loading;
  }

  /** `start` from `wasmUrl`, unless a load under way succeeds first. */
  init(wasmUrl) {
    return this.#loading?.catch(() => this.start(wasmUrl)) ?? this.start(wasmUrl);
  }

  #begin(wasmUrl) {
    let pending;
    try {
      pending = this.#load(wasmUrl);
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    if (pending === undefined) {
      this.loaded = true;
      return LOADED;
    }
    const loading = pending.then(
      () => {
        this.loaded = true;
      },
      (cause) => {
        this.#loading = undefined;
        throw this.#error(cause, wasmUrl);
      },
    );
    // Reported by `ready()` and the calls, not as an unhandled rejection at import.
    loading.catch(() => {});
    return loading;
  }

  #error(cause, wasmUrl) {
    const where = wasmUrl === undefined ? "" : ` from ${wasmUrl}`;
    let hint = "";
    if (this.#fetches)
      hint =
        wasmUrl === undefined
          ? " (no URL for it: call init({ wasmUrl }))"
          : " (serve codat_bank_feeds_wasm_bg.wasm there, or say where it is with init({ wasmUrl }))";
    const message = `The client's WebAssembly module did not load${where}: ${cause?.message ?? cause}${hint}`;
    return new WasmLoadError(message, { cause, wasmUrl: wasmUrl === undefined ? undefined : String(wasmUrl) });
  }
}

let loader;

/**
 * Resolves once the client's `.wasm` is loaded (in Node, Deno, Bun and workers, at once);
 * rejects with `WasmLoadError` when it does not load.
 */
export function ready() {
  return loader?.start() ?? LOADED;
}

/** `ready()`, loading the `.wasm` from `options.wasmUrl` unless it is already loaded. */
export function init(options = {}) {
  return loader?.init(options.wasmUrl) ?? LOADED;
}

/** The client class of a runtime whose `.wasm` `load` loads (see Loader). */
export function client(load, where) {
  const bound = new Loader(load, where);
  loader = bound;

  /**
   * The client's wasm side: `now` once the wasm client is built, `later()` to build it once
   * the .wasm is in (an option error then rejects every call).
   */
  function wasmSide(options) {
    bound.start();
    const side = {
      now: bound.loaded ? new WasmClient(options) : undefined,
      later: () => bound.start().then(() => (side.now ??= new WasmClient(options))),
    };
    return side;
  }

  class CodatBankFeeds {
    constructor(options) {
      this[SIDE] = wasmSide(options);
    }
  }
  for (const [name, Group] of Object.entries(groups)) {
    Object.defineProperty(CodatBankFeeds.prototype, name, {
      configurable: true,
      get() {
        const client = this[SIDE];
        let wasm;
        const value = new Group({
          now: () => (wasm ??= client.now?.[name]),
          later: () => client.later().then((c) => (wasm ??= c[name])),
        });
        // One group object per client: `sdk.companies === sdk.companies`.
        Object.defineProperty(this, name, { value, enumerable: true });
        return value;
      },
    });
  }
  for (const name of values) {
    Object.defineProperty(CodatBankFeeds.prototype, name, {
      configurable: true,
      get() {
        return this[SIDE].now?.[name];
      },
    });
  }
  return CodatBankFeeds;
}
