// At most `max` requests in flight per company: one queue per company id, served in order.
// A waiting call still honours its signal and its deadline, and leaves the queue when either
// ends it.

/** A new limiter: company id -> { active, waiting }. */
export function createLimiter() {
  return new Map();
}

/**
 * Takes a slot of `key` under `limiter`: `"ok"` at once when one is free (no promise, so the
 * common case costs no await), otherwise a promise of `"ok"` with the slot taken, or
 * `"aborted"` / `"timeout"` (nothing taken) when the signal aborts or `timeoutMs` (>= 0) passes.
 */
export function acquire(limiter, key, max, signal, timeoutMs) {
  let queue = limiter.get(key);
  if (!queue) {
    queue = { active: 0, waiting: [] };
    limiter.set(key, queue);
  }
  if (queue.active < max && queue.waiting.length === 0) {
    queue.active++;
    return "ok";
  }
  if (signal?.aborted) return "aborted";
  return new Promise((resolve) => {
    const waiter = {};
    const leave = (outcome) => {
      const at = queue.waiting.indexOf(waiter);
      if (at >= 0) queue.waiting.splice(at, 1);
      done(outcome);
    };
    const onAbort = () => leave("aborted");
    const timer = timeoutMs >= 0 ? globalThis.setTimeout(() => leave("timeout"), timeoutMs) : undefined;
    const done = (outcome) => {
      if (timer !== undefined) globalThis.clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    waiter.grant = () => done("ok");
    signal?.addEventListener("abort", onAbort, { once: true });
    queue.waiting.push(waiter);
  });
}

/** Gives back a slot of `key`: the next waiter, if any, takes it. */
export function release(limiter, key) {
  const queue = limiter.get(key);
  if (!queue) return;
  const next = queue.waiting.shift();
  if (next) {
    next.grant();
    return;
  }
  queue.active--;
  if (queue.active === 0) limiter.delete(key);
}
