// Random and derived identifiers, from Web Crypto alone (crypto.getRandomValues works on every
// runtime and page; crypto.randomUUID is missing on pages served over plain http).

const bytes = (n) => crypto.getRandomValues(new Uint8Array(n));
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** A random RFC 9562 version-4 UUID. */
export function uuid() {
  const b = bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `n` random bytes as lowercase hex. */
export const randomHex = (n) => hex(bytes(n));

/** `n` random bytes as unpadded base64url (access tokens). */
export const randomToken = (n) =>
  btoa(String.fromCharCode(...bytes(n)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

export function randomCode(length, alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") {
  let out = "";
  for (const b of bytes(length)) out += alphabet[b % alphabet.length];
  return out;
}

/** A stable UUID-shaped id derived from a string (integration ids per platform key). */
export async function stableUuid(seed) {
  const h = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(seed))));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
