// Whether the client runs in a browser (a page or a worker), and what a failed fetch there often
// is: a CORS refusal, which the script cannot see (the browser reports a network failure and
// tells only its console) and no retry mends.

/**
 * What runs the client when a browser does: "page" (a window) or "worker" (a dedicated, shared
 * or service worker: a `WorkerGlobalScope`), each with a `location` and so an origin; else
 * nothing. Node and Deno are named, as they may look like one (jsdom gives a `document`; a Deno
 * worker is a `WorkerGlobalScope` with a `location`); workerd's global is not a
 * `WorkerGlobalScope` instance and has no `location`.
 */
function browserScope() {
  if (globalThis.process?.versions?.node || globalThis.Deno || typeof location !== "object") return undefined;
  if (typeof document === "object") return "page";
  return typeof WorkerGlobalScope === "function" && globalThis instanceof WorkerGlobalScope ? "worker" : undefined;
}

/** Whether the client runs in a browser page or worker (not Node with a DOM, Deno, Bun or workerd). */
export function inBrowser() {
  return browserScope() !== undefined;
}

/**
 * What a failed fetch means in a browser, appended to the `ConnectionError`'s message: often
 * CORS, the page's or worker's origin to register, the request headers of the attempt (as sent)
 * that a preflight must allow (all but the CORS-safelisted ones; the client's Content-Type, JSON,
 * is not one), and how to leave `Idempotency-Key` off. Empty outside a browser.
 */
export function corsHint(headers) {
  const scope = browserScope();
  if (!scope) return "";
  const names = Object.keys(headers).filter((name) => !/^(accept|accept-language|content-language)$/i.test(name));
  return (
    `. In a browser this is often CORS: this ${scope}'s origin (${location.origin}) must be registered in Codat's CORS settings, and Codat must allow the request headers this call sent (${names.join(", ")})` +
    (names.some((name) => /^idempotency-key$/i.test(name)) ? "; `idempotencyKeys: false` leaves Idempotency-Key off" : "")
  );
}
