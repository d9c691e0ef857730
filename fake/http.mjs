// The web-standard edges of the handler: a request's body read within the size limit, a reply
// (`{ status, json, headers }`) as a Response, and CORS (the browser example calls the fake
// directly).
import { MAX_BODY_BYTES } from "./constants.mjs";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Authorization, Content-Type, Accept, User-Agent, Idempotency-Key",
  "access-control-expose-headers": "X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset, Retry-After",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-max-age": "600",
};

/** The answer to a CORS preflight: no auth, the headers asked for allowed. */
export function preflightReply(request) {
  const asked = request.headers.get("access-control-request-headers");
  return { status: 204, headers: asked ? { "access-control-allow-headers": asked } : {} };
}

/** -> { bytes, text, tooLarge }: the whole body read, though kept only up to MAX_BODY_BYTES. */
export async function readBody(request) {
  const chunks = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.length;
      if (size <= MAX_BODY_BYTES) chunks.push(r.value);
    }
  }
  const tooLarge = size > MAX_BODY_BYTES;
  const bytes = new Uint8Array(tooLarge ? 0 : size);
  let at = 0;
  for (const c of tooLarge ? [] : chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, text: new TextDecoder().decode(bytes), tooLarge };
}

export function toResponse({ status, json, headers }) {
  const all = { ...CORS, ...headers };
  if (json === undefined) return new Response(null, { status, headers: all });
  return new Response(JSON.stringify(json), { status, headers: { ...all, "content-type": "application/json" } });
}
