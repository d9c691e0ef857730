// Verification of Codat's (Svix-signed) webhooks with the runtime's WebCrypto.
import { WebhookVerificationError } from "./errors.js";

const encoder = new TextEncoder();

function header(headers, name) {
  if (typeof headers?.get === "function") return headers.get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  return undefined;
}

function base64ToBytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function equalInConstantTime(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Verifies a Codat (Svix) webhook and returns its event. See index.d.ts for the contract.
 */
export async function verifyWebhook(body, headers, secret, options = {}) {
  const fail = (why) => {
    throw new WebhookVerificationError(`webhook verification failed: ${why}`);
  };
  const toleranceMs = (options?.toleranceSeconds ?? 300) * 1000;
  const now = options?.now ?? Date.now();
  const text =
    typeof body === "string"
      ? body
      : body instanceof Uint8Array || body instanceof ArrayBuffer
        ? new TextDecoder().decode(body)
        : fail("body must be the raw request body (string, Uint8Array or ArrayBuffer)");
  const id = header(headers, "svix-id") ?? header(headers, "webhook-id");
  const timestamp = header(headers, "svix-timestamp") ?? header(headers, "webhook-timestamp");
  const signatures = header(headers, "svix-signature") ?? header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) fail("missing svix-id, svix-timestamp or svix-signature header");
  if (!/^\d+$/.test(timestamp)) fail("svix-timestamp is not a number of seconds");
  if (Math.abs(now - Number(timestamp) * 1000) > toleranceMs) fail("timestamp outside the tolerance window (replayed or clock skew)");
  if (typeof secret !== "string" || !secret) fail("secret must be the endpoint's signing secret (whsec_...)");
  let key;
  try {
    key = await crypto.subtle.importKey(
      "raw",
      base64ToBytes(secret.startsWith("whsec_") ? secret.slice(6) : secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch {
    fail("secret is not valid base64");
  }
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${text}`)));
  let matched = false;
  // Several signatures during secret rotation: any may match; check all in the same time.
  for (const part of signatures.split(" ")) {
    const [version, sig] = part.split(",", 2);
    if (version !== "v1" || !sig) continue;
    let given;
    try {
      given = base64ToBytes(sig);
    } catch {
      continue;
    }
    matched = equalInConstantTime(given, expected) || matched;
  }
  if (!matched) fail("no signature matches");
  try {
    return JSON.parse(text);
  } catch {
    fail("the body is not JSON");
  }
}
