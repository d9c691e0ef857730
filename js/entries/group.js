// The client's groups (`sdk.companies`, ...), one class each (scripts/package.mjs writes them
// into groups.js from the generated types): each method goes straight to the wasm group once
// the client's wasm side is built, and waits for it before (js/entries/client.js).

/** Where a client and its groups keep their wasm side. */
export const SIDE = Symbol("wasm side");

/** A group's method: `kind` "call" (it resolves) or "list" (an async generator). */
function method(name, kind) {
  return function (...args) {
    const side = this[SIDE];
    const now = side.now();
    if (now) return now[name](...args);
    if (kind === "call") return side.later().then((wasm) => wasm[name](...args));
    return (async function* () {
      yield* (await side.later())[name](...args);
    })();
  };
}

/** The class `name` of a group whose `methods` map each method to its kind. */
export function groupClass(name, methods) {
  class Group {
    constructor(side) {
      this[SIDE] = side;
    }
  }
  Object.defineProperty(Group, "name", { value: name });
  for (const [key, kind] of Object.entries(methods)) Group.prototype[key] = method(key, kind);
  return Group;
}
