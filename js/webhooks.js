// Verification of Codat's (Svix-signed) webhooks with the runtime's WebCrypto.
import { InvalidRequestError, WebhookVerificationError } from "./errors.js";

const encoder = new TextEncoder();
// The envelope every documented event carries, with its JSON type: the spec's webhook schemas
// mark no field required, but `eventType` is what the `webhooks` section keys each event by.
const ENVELOPE = { id: "string", eventType: "string", generatedDate: "string", payload: "object" };

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

/** `options[name]`, or `fallback` when unset; anything but a finite number >= 0 is refused. */
function numberOption(options, name, fallback) {
  const value = options?.[name] ?? fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  const field = `options.${name}`;
  throw new InvalidRequestError(`verifyWebhook: \`${field}\` must be a finite number >= 0, not ${String(value)}`, { field });
}

/** Why a parsed body is not a webhook event (see ENVELOPE), or undefined when it is one. */
function notAnEvent(event) {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return "the body is not a JSON object";
  if (event.eventType === undefined) return "the body has no eventType";
  for (const [name, type] of Object.entries(ENVELOPE)) {
    const value = event[name];
    if (value !== undefined && (typeof value !== type || value === null || Array.isArray(value))) return `the body's ${name} is not a JSON ${type}`;
  }
  return undefined;
}

/**
 * Verifies a Codat (Svix) webhook and returns its event. See webhooks.d.ts for the contract.
 */
export async function verifyWebhook(body, headers, secret, options = {}) {
  const toleranceMs = numberOption(options, "toleranceSeconds", 300) * 1000;
  const now = numberOption(options, "now", Date.now());
  const fail = (why) => {
    throw new WebhookVerificationError(`webhook verification failed: ${why}`);
  };
  // The signature covers the bytes as sent: a string is sent as its UTF-8.
  const bytes =
    typeof body === "string"
      ? encoder.encode(body)
      : body instanceof Uint8Array
        ? body
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
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
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, signed));
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
  let event;
  try {
    event = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(bytes));
  } catch {
    fail("the body is not JSON");
  }
  const why = notAnEvent(event);
  if (why) fail(why);
  return event;
}
