// The web-standard edges of the handler: a request's body read within the size limit, and a reply
// (`{ status, json, headers }`) as a Response.
import { MAX_BODY_BYTES } from "./constants.mjs";

/**
 * -> { bytes, text, tooLarge }: the whole body, kept only up to MAX_BODY_BYTES. Read whole, as
 * every runtime can (Firefox's Request has no `body` stream).
 */
export async function readBody(request) {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const tooLarge = bytes.length > MAX_BODY_BYTES;
  const kept = tooLarge ? new Uint8Array(0) : bytes;
  return { bytes: kept, text: new TextDecoder().decode(kept), tooLarge };
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
