// Codat's rate limits (docs.codat.io, "Rate limits"): a daily quota, reset at 00:00 UTC, told
// in headers on every response; a request over it answers 429 with `Retry-After`.
import { errorReply } from "../errors.mjs";

/** The 429 of a request over the quota. */
export const rateLimitedReply = (headers, retryAfterSeconds) =>
  errorReply(429, "Rate limit exceeded.", { ...headers, "retry-after": String(retryAfterSeconds) });

/**
 * The day's quota, counting each request.
 * @param {{ now(): number }} clock
 * @param {() => number} limit the day's quota as of now (Codat's: 1,000 plus 1,000 per connected company)
 */
export function createRateLimits(clock, limit) {
  let day = "";
  let used = 0;
  return {
    /**
     * Counts a request: `{ headers }` to send with its answer, `over` when it is past the
     * quota (answer it with `rateLimitedReply(headers, retryAfterSeconds)`).
     */
    take() {
      const now = new Date(clock.now());
      const today = now.toISOString().slice(0, 10);
      if (today !== day) [day, used] = [today, 0];
      used++;
      const max = limit();
      const reset = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      const headers = {
        "x-rate-limit-limit": String(max),
        "x-rate-limit-remaining": String(Math.max(0, max - used)),
        // Midnight UTC, written without the always-zero milliseconds.
        "x-rate-limit-reset": new Date(reset).toISOString().replace(".000Z", "Z"),
      };
      return { headers, over: used > max, retryAfterSeconds: Math.ceil((reset - now.getTime()) / 1000) };
    },
    reset() {
      [day, used] = ["", 0];
    },
  };
}
