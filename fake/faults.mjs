// Faults on demand: what goes wrong between the client and Codat, chosen per operation, per call
// count or by chance from a seeded generator, so a test sees the same faults on every run.
//
// A fault is decided when a request arrives (`faults.next(request)`); the handler applies it at
// its point in the request's life: before the request is processed (`reset`, `unavailable`,
// `rateLimited`), instead of processing it (`error`), or after it was processed and its write
// committed (`drop`, `stall`, `malformed`).

/** What each fault does, for the error message of an unknown one. */
export const FAULTS = ["reset", "unavailable", "rateLimited", "error", "drop", "stall", "malformed"];

/**
 * A seeded generator of numbers in [0, 1) (mulberry32): the same seed, the same sequence.
 * @param {number} seed
 */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checked(spec) {
  if (!spec || !FAULTS.includes(spec.fault)) throw new TypeError(`fake Codat API: a fault is one of ${FAULTS.join(", ")}; got ${JSON.stringify(spec?.fault)}`);
  if (spec.calls !== undefined && !(Array.isArray(spec.calls) && spec.calls.every((n) => Number.isInteger(n) && n > 0)))
    throw new TypeError("fake Codat API: a fault's `calls` are call numbers counted from 1");
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1))
    throw new TypeError("fake Codat API: a fault's `probability` is between 0 and 1");
  return spec;
}

/**
 * The faults to come. A rule (`FaultRule` in index.d.mts) matches requests to its `operation`
 * (the client's name, or a list of them; every request without one), counts them from 1, and
 * fires on the call numbers in `calls`, or with its `probability`, or on the first `times`
 * (default 1) matching requests; it fires at most `times` times in all.
 * @param {{ seed: number }} options
 */
export function createFaults({ seed }) {
  /** @type {{ spec: any, seen: number, fired: number }[]} */
  let rules = [];
  let random = seeded(seed);

  const limit = (spec) => spec.times ?? (spec.calls ? spec.calls.length : spec.probability !== undefined ? Number.POSITIVE_INFINITY : 1);
  const matches = (spec, operation) => spec.operation === undefined || [spec.operation].flat().includes(operation);

  return {
    /** Adds fault rules, in the order they are checked (the first to fire wins). */
    add(...specs) {
      for (const spec of specs) rules.push({ spec: checked(spec), seen: 0, fired: 0 });
    },
    /** The rules not used up yet. */
    get pending() {
      return rules.filter((r) => r.fired < limit(r.spec)).map((r) => r.spec);
    },
    /** Removes every rule (and starts the generator again from `seed`, when given). */
    clear(newSeed = seed) {
      rules = [];
      seed = newSeed;
      random = seeded(seed);
    },
    /**
     * The fault for a request to `operation` (null for a route the API lacks), or undefined.
     * Every rule counts the requests it matches, whether it fires or not.
     * @param {string | null} operation
     */
    next(operation) {
      let chosen;
      for (const rule of rules) {
        const { spec } = rule;
        if (!matches(spec, operation)) continue;
        rule.seen++;
        if (chosen || rule.fired >= limit(spec)) continue;
        const due = spec.calls ? spec.calls.includes(rule.seen) : spec.probability !== undefined ? random() < spec.probability : true;
        if (due) {
          rule.fired++;
          chosen = spec;
        }
      }
      return chosen;
    },
  };
}
