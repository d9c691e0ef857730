import type { ClientRateLimitWebhook, SourceAccountWebhook } from "./codat_bank_feeds_wasm.js";

/** The events Codat's webhooks deliver. */
export type WebhookEvent = ClientRateLimitWebhook | SourceAccountWebhook;

/** Options of `verifyWebhook`. */
export interface VerifyWebhookOptions {
  /** How far `svix-timestamp` may be from now, in seconds (default 300): older deliveries are replays. */
  toleranceSeconds?: number;
  /** The current time in ms, for tests (default `Date.now()`). */
  now?: number;
}

/**
 * Verifies a webhook delivery and returns its event: checks the Svix signature (HMAC-SHA256
 * over `svix-id.svix-timestamp.body` with the base64 key after `whsec_`) with the runtime's
 * WebCrypto, in constant time, accepting any of several `v1,` signatures (secret rotation), and
 * rejects timestamps outside the tolerance window. Pass the raw body exactly as received.
 * Throws `WebhookVerificationError`.
 */
export function verifyWebhook(
  body: string | Uint8Array | ArrayBuffer,
  headers: Headers | Record<string, string | string[] | undefined>,
  secret: string,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent>;
