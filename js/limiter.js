// Waiting for a request slot of a company (the counting is Rust's, in limiter.rs): a promise
// that `grant` resolves with "ok", or that the signal or the deadline resolves first with
// "aborted" or "timeout". `grant` says whether it still had a waiter to give the slot to.

export function waitForSlot(signal, timeoutMs) {
  let grant;
  const promise = new Promise((resolve) => {
    let done = false;
    const finish = (outcome) => {
      if (done) return false;
      done = true;
      if (timer !== undefined) globalThis.clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
      return true;
    };
    const onAbort = () => finish("aborted");
    const timer = timeoutMs >= 0 ? globalThis.setTimeout(() => finish("timeout"), timeoutMs) : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    grant = () => finish("ok");
  });
  return { promise, grant };
}
