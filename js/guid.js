// GUIDs for `Idempotency-Key`s: random ones for single calls (Rust asks for them), name-based
// ones for transactions.pushAll's chunks (js/push.js).

/**
 * A new v4 GUID for an `Idempotency-Key`: `crypto.randomUUID`, or from
 * `crypto.getRandomValues` where that is missing (a page served over plain http).
 */
export function newGuid() {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  return guidFrom(globalThis.crypto.getRandomValues(new Uint8Array(16)), 4);
}

/** A GUID of RFC 9562 `version` from 16 bytes (which it changes: version and variant bits). */
export function guidFrom(bytes, version) {
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
