// The client each runtime entry exports, bound to that runtime's way of loading the .wasm
// (`client(load, where)`): a JS class in front of the wasm-bindgen one, because in browsers the
// .wasm may still be on its way when the client is built. Once it is loaded, the wasm client is
// built at once (so bad options throw from the constructor) and each call goes straight to it;
// before, the options wait and every call waits for the .wasm first. The group classes come from
// the generated types (groups.js, written by scripts/package.mjs).
import { CodatBankFeeds as WasmClient } from "./codat_bank_feeds_wasm.js";
import { early } from "./early.js";
import { WasmLoadError } from "./errors.js";
import { SIDE } from "./group.js";
import { groups } from "./groups.js";

const LOADED = Promise.resolve();
let start;

/**
 * Resolves once the client's `.wasm` is loaded (in Node, Deno, Bun and workers, at once);
 * rejects with `WasmLoadError` when it does not load.
 */
export function ready() {
  return start?.() ?? LOADED;
}

/** `ready()`, loading the `.wasm` from `options.wasmUrl` unless it is already loaded. */
export function init(options = {}) {
  return start?.(options.wasmUrl, true) ?? LOADED;
}

/**
 * The client class of a runtime whose .wasm `load(wasmUrl)` loads, synchronously (it returns
 * nothing) or not (it returns a promise); `beside`, the URL a browser fetches unless
 * `init({ wasmUrl })` gives one. The load starts in the microtask after the importing modules
 * ran (so an `init({ wasmUrl })` at their top level comes first), or earlier at the first client
 * built or `ready()`; after a failure, the next `ready()`, client or call tries again.
 */
export function client(load, beside) {
  let loaded = false;
  let loading;
  // `again`: once a load under way fails, start another from `wasmUrl` (`init`).
  start = (wasmUrl = beside, again) => {
    if (loading) return again ? loading.catch(() => start(wasmUrl)) : loading;
    try {
      loading = load(wasmUrl);
    } catch (cause) {
      loading = Promise.reject(cause);
    }
    if (!loading) {
      loaded = true;
      loading = LOADED;
      return loading;
    }
    loading = loading.then(
      () => {
        loaded = true;
      },
      (cause) => {
        loading = undefined;
        throw new WasmLoadError(`Could not load ${wasmUrl || "the .wasm"}: ${cause}`, { cause });
      },
    );
    // Reported by `ready()` and the calls, not as an unhandled rejection at import.
    loading.catch(() => {});
    return loading;
  };
  queueMicrotask(start);

  class CodatBankFeeds {
    constructor(options) {
      start();
      // `now` once the wasm client is built; `later()` builds it once the .wasm is in (an
      // option error then rejects every call).
      const side = {
        now: loaded && new WasmClient(options),
        later: () => start().then(() => (side.now ||= new WasmClient(options))),
      };
      // Reads called before then send their request ahead where they can (js/early.js).
      side.ahead = !side.now && early(options);
      this[SIDE] = side;
    }
  }
  // The wasm client's getters: a group's gives this client's one object of its class in groups.js
  // (`sdk.companies === sdk.companies`), which reaches the wasm group, or a promise of it while
  // the .wasm is on its way; the others (`rateLimit`) read the wasm client's, once there is one.
  for (const [name, { get }] of Object.entries(Object.getOwnPropertyDescriptors(WasmClient.prototype))) {
    const Group = groups[name];
    if (!get) continue;
    Object.defineProperty(CodatBankFeeds.prototype, name, {
      get() {
        const client = this[SIDE];
        if (!Group) return client.now?.[name];
        let wasm;
        const side = () => {
          wasm ||= client.now?.[name];
          return wasm || client.later().then((c) => (wasm ||= c[name]));
        };
        side.ahead = client.ahead && ((method, args) => client.ahead(name, method, args));
        const value = new Group(side);
        Object.defineProperty(this, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return CodatBankFeeds;
}
