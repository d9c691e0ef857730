// Waiting on the runtime's timers, for the Rust side (the wasm has no clock of its own).

/**
 * Waits `ms` on a JS timer. The call races the wait against its deadline (js/deadline.js),
 * whose end clears the timer: a long retry wait cut short keeps no timer pending.
 */
export function sleep(ms, deadline) {
  return new Promise((resolve) => {
    const timer = globalThis.setTimeout(resolve, ms);
    deadline?.ended.catch(() => globalThis.clearTimeout(timer));
  });
}
