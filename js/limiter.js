// Waiting for a request slot of a company (the counting is Rust's, in limiter.rs): a promise
// that `grant` resolves. The call races it against its deadline (js/deadline.js); `grant` says
// whether the call still waits, which it does not once its deadline is over.

export function waitForSlot(deadline) {
  let grant;
  const promise = new Promise((resolve) => {
    grant = () => {
      if (deadline?.over()) return false;
      resolve();
      return true;
    };
  });
  return { promise, grant };
}
