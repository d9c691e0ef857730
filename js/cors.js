// Whether the client runs in a browser page, and what a failed fetch there often is: a CORS
// refusal, which the page cannot see (the browser reports a network failure and tells only its
// console) and no retry mends.

/**
 * Whether the client runs in a browser page: a `document`, and no Node (jsdom in a Node test
 * runner has both). Workers are not pages: they keep the policy as it is.
 */
export function inPage() {
  return typeof document === "object" && !globalThis.process?.versions?.node;
}

/**
 * What a failed fetch means in a page, appended to the `ConnectionError`'s message: often CORS,
 * the origin to register, the request headers of the attempt (as sent) that a preflight must
 * allow (all but the CORS-safelisted ones; the client's Content-Type, JSON, is not one), and how
 * to leave `Idempotency-Key` off. Empty outside a page.
 */
export function corsHint(headers) {
  if (!inPage()) return "";
  const names = Object.keys(headers).filter((name) => !/^(accept|accept-language|content-language)$/i.test(name));
  return (
    `. In a browser this is often CORS: this page's origin (${location.origin}) must be registered in Codat's CORS settings, and Codat must allow the request headers this call sent (${names.join(", ")})` +
    (names.some((name) => /^idempotency-key$/i.test(name)) ? "; `idempotencyKeys: false` leaves Idempotency-Key off" : "")
  );
}
