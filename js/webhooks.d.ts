import type { ClientRateLimitWebhook, SourceAccountWebhook } from "./codat_bank_feeds_wasm.js";

/** The events Codat's webhooks deliver. */
export type WebhookEvent = ClientRateLimitWebhook | SourceAccountWebhook;

/** Options of `verifyWebhook`. */
export interface VerifyWebhookOptions {
  /**
   * How far `svix-timestamp` may be from now, in seconds (default 300): older deliveries are
   * replays. Anything but a finite number >= 0 (`NaN` from parsing an unset variable, say) throws
   * `InvalidRequestError` (`field: "options.toleranceSeconds"`) before anything is checked.
   */
  toleranceSeconds?: number;
  /** The current time in ms, for tests (default `Date.now()`); a finite number >= 0, as `toleranceSeconds`. */
  now?: number;
}

/**
 * Verifies a webhook delivery and returns its event: checks the Svix signature (HMAC-SHA256
 * over `svix-id.svix-timestamp.body` with the base64 key after `whsec_`) with the runtime's
 * WebCrypto, in constant time, accepting any of several `v1,` signatures (secret rotation), and
 * rejects timestamps outside the tolerance window. Pass the raw body exactly as received: bytes
 * (`Uint8Array`, `ArrayBuffer`) are verified as they are, a string as its UTF-8.
 *
 * Only a webhook event is returned: a JSON object with a string `eventType` (any value, so
 * event types added later still pass) whose `id` and `generatedDate`, when present, are strings
 * and whose `payload`, when present, is an object. The payload's fields are not checked.
 *
 * Throws `WebhookVerificationError` for a delivery it refuses (headers, timestamp, signature,
 * or a validly signed body that is not such an event), and `InvalidRequestError` for a bad
 * option. It is JavaScript alone (its module loads no `.wasm`).
 */
export function verifyWebhook(
  body: string | Uint8Array | ArrayBuffer,
  headers: Headers | Record<string, string | string[] | undefined>,
  secret: string,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent>;
