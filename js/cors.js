// Whether the client runs in a browser (a page or a worker), and what a failed fetch there often
// is: a CORS refusal, which the script cannot see (the browser reports a network failure and
// tells only its console) and no retry mends.

/**
 * Whether the client runs in a browser: a page (a `document`) or a dedicated, shared or service
 * worker (a `WorkerGlobalScope`), either with a `location`, whose origin the hint names. Node and
 * Deno are ruled out by name, as they may look like one (jsdom gives a `document`; a Deno worker
 * is a `WorkerGlobalScope` with a `location`); workerd's global is not a `WorkerGlobalScope`
 * instance and has no `location`; Bun has neither.
 */
export function inBrowser() {
  return (
    !globalThis.process?.versions?.node &&
    !globalThis.Deno &&
    typeof location === "object" &&
    (typeof document === "object" || (typeof WorkerGlobalScope === "function" && globalThis instanceof WorkerGlobalScope))
  );
}

/**
 * What a failed fetch means in a browser, appended to the `ConnectionError`'s message: often
 * CORS, the page's or worker's origin to register, the request headers of the attempt (as sent)
 * that a preflight must allow (all but the CORS-safelisted ones; the client's Content-Type, JSON,
 * is not one), and how to leave `Idempotency-Key` off. Empty outside a browser.
 */
export function corsHint(headers) {
  if (!inBrowser()) return "";
  const names = Object.keys(headers).filter((name) => !/^(accept|accept-language|content-language)$/i.test(name));
  return (
    `. In a browser this is often CORS: this origin (${location.origin}) must be registered in Codat's CORS settings, and Codat must allow the request headers this call sent (${names.join(", ")})` +
    (names.some((name) => /^idempotency-key$/i.test(name)) ? "; `idempotencyKeys: false` leaves Idempotency-Key off" : "")
  );
}
