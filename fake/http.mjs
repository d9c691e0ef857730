// The web-standard edges of the handler: a request's body read within the size limit, and a reply
// (`{ status, json, headers }`) as a Response.
import { MAX_BODY_BYTES } from "./constants.mjs";

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

/**
 * The reply as a Response, with `extra` headers (CORS); `text` replaces the JSON body (a
 * malformed body, a gateway's page).
 */
export function toResponse({ status, json, text, headers }, extra) {
  const all = { ...extra, ...headers };
  if (text !== undefined) return new Response(text, { status, headers: { "content-type": "application/json", ...all } });
  if (json === undefined) return new Response(null, { status, headers: all });
  return new Response(JSON.stringify(json), { status, headers: { ...all, "content-type": "application/json" } });
}
