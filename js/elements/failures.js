// A failed call in plain words: which of the element's error texts fits the client's error.
// Only the error's class and status are read, never its message, so that nothing the API or the
// auth function said (a token, say) reaches the screen.
import { ConnectionError, RateLimitError, RequestTimeoutError } from "codat-bank-feeds-wasm";

/**
 * The kind of failure (`auth`, `forbidden`, `rateLimit`, `network`, `timeout`, `other`) and,
 * for a 429, the wait it asked for. `authFailed`: the element saw its auth function throw.
 */
export function classify(error, authFailed) {
  const status = error?.statusCode;
  // A client given as a property wraps its auth function's failure in a bare error with the
  // failure as `cause` and no status: the same thing, seen from outside.
  const authThrew = authFailed || (status === undefined && error?.cause !== undefined && /authHeader/.test(error?.message));
  if (authThrew || status === 401) return { kind: "auth" };
  if (status === 403) return { kind: "forbidden" };
  if (error instanceof RateLimitError || status === 429) return { kind: "rateLimit", retryAfterMs: error?.retryAfterMs };
  if (error instanceof ConnectionError) return { kind: "network" };
  if (error instanceof RequestTimeoutError) return { kind: "timeout" };
  return { kind: "other", code: status ?? error?.name ?? "error" };
}

/** How long to wait, in words of `locale` ("2 minutes"): seconds up to 90, then minutes, then hours. */
export function formatWait(ms, locale) {
  const seconds = Math.ceil(ms / 1000);
  const [n, unit] = seconds < 90 ? [seconds, "second"] : seconds < 5400 ? [Math.round(seconds / 60), "minute"] : [Math.round(seconds / 3600), "hour"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(n);
}
