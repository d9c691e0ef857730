// The client's groups (`sdk.companies`, ...), one class each (scripts/package.mjs writes them
// into groups.js from the generated types): each method goes straight to the wasm group once
// the client's wasm side is built, and waits for it before (js/entries/client.js).

/** Where a client and its groups keep their wasm side. */
export const SIDE = Symbol();

/**
 * A group's method: `list` if it returns an async generator, else it returns a promise. The
 * group's side gives the wasm group, or a promise of it while the .wasm is on its way (a read
 * then sends its request ahead where its `ahead` can, js/early.js).
 */
function method(name, list) {
  return function (...args) {
    const wasm = this[SIDE]();
    if (!wasm.then) return wasm[name](...args);
    if (!list) {
      const ended = this[SIDE].ahead?.(name, args);
      const call = wasm.then((group) => group[name](...args));
      if (ended) call.then(ended, ended);
      return call;
    }
    return (async function* () {
      yield* (await wasm)[name](...args);
    })();
  };
}

/** The class in front of the wasm group class `Wasm`, whose `lists` return async generators. */
export function groupClass(Wasm, lists) {
  class Group {
    constructor(side) {
      this[SIDE] = side;
    }
  }
  for (const key of Object.getOwnPropertyNames(Wasm.prototype)) if (key !== "constructor") Group.prototype[key] = method(key, lists.includes(key));
  return Group;
}
