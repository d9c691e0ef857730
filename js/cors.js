// Where the client runs a browser page, and what a failed fetch there often is: a CORS refusal,
// which the page cannot see (the browser reports it as a network failure and tells only its
// console) and no retry mends.

/**
 * Whether the client runs in a browser page: a `document`, and no Node (jsdom in a Node test
 * runner has both). Workers are not pages: they keep the policy as it is.
 */
export function inPage() {
  return typeof document === "object" && !globalThis.process?.versions?.node;
}

// The request headers a page sends without a preflight (the fetch spec's CORS-safelisted ones).
const SIMPLE = new Set(["accept", "accept-language", "content-language"]);
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

function needsPreflight(name, value) {
  const lower = name.toLowerCase();
  if (lower === "content-type") return !SIMPLE_CONTENT_TYPES.has(String(value).split(";")[0].trim().toLowerCase());
  return !SIMPLE.has(lower);
}

/**
 * What a failed fetch means in a page, appended to the `ConnectionError`'s message: often CORS,
 * the origin Codat's CORS settings must allow, the headers of `headers` (the attempt's, as sent)
 * its preflight must allow, and how to leave `Idempotency-Key` off. Empty outside a page.
 */
export function corsHint(headers) {
  if (!inPage()) return "";
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers ?? {});
  const names = entries.filter(([name, value]) => needsPreflight(name, value)).map(([name]) => name);
  const keyed = names.some((n) => n.toLowerCase() === "idempotency-key");
  return (
    `. In a browser this is often CORS: this page's origin (${globalThis.location?.origin}) must be registered in Codat's CORS settings` +
    (names.length ? `, and Codat must allow the request headers this call sent (${names.join(", ")})` : "") +
    (keyed ? "; to leave Idempotency-Key off, give the client `idempotencyKeys: false`" : "") +
    ". The browser's console says which."
  );
}
