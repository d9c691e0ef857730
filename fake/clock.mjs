// The fake's time. Every timed rule (push operations and syncs completing, tokens and
// idempotency keys expiring, the daily quota) reads `clock.now()`, so a test can move time on
// instead of waiting for it.

/**
 * A clock: the system's time, shifted by whatever `advance` added; `freeze` stops it (at a date,
 * or where it is), `resume` lets it follow the system's time again from there.
 * @param {number | Date | string} [frozenAt] start frozen at this time
 */
export function createClock(frozenAt) {
  let frozen = frozenAt === undefined ? null : toMs(frozenAt);
  let offset = 0;
  const clock = {
    /** Milliseconds since the epoch, as `Date.now()`. */
    now: () => (frozen ?? Date.now()) + offset,
    /** Moves time on by `ms` (timed transitions happen on the next request). */
    advance(ms) {
      offset += ms;
    },
    /** Stops time at `at` (default: now). */
    freeze(at = clock.now()) {
      frozen = toMs(at);
      offset = 0;
    },
    /** Lets time run again, from where it is. */
    resume() {
      offset = clock.now() - Date.now();
      frozen = null;
    },
  };
  return clock;
}

const toMs = (t) => (typeof t === "number" ? t : new Date(t).getTime());

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds. */
export const iso = (ms) => new Date(ms).toISOString();
