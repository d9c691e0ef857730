// Loaded with `node --import ./preload.mjs`: redirects every fetch to https://api.codat.io
// (any path) to the local Prism mock at http://127.0.0.1:$COMPAT_MOCK_PORT.
// If $COMPAT_REQUEST_LOG is set, appends one JSON line per redirected request to it.
import { appendFileSync } from "node:fs";

const port = process.env.COMPAT_MOCK_PORT;
const log = process.env.COMPAT_REQUEST_LOG;
const UPSTREAM = "https://api.codat.io";
const realFetch = globalThis.fetch;

if (!port) throw new Error("preload.mjs: COMPAT_MOCK_PORT is not set");

const record = (entry) => {
  if (log) appendFileSync(log, `${JSON.stringify(entry)}\n`);
};

globalThis.fetch = async function compatFetch(input, init) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : (input?.url ?? String(input));
  if (url !== UPSTREAM && !url.startsWith(`${UPSTREAM}/`) && !url.startsWith(`${UPSTREAM}?`)) return realFetch(input, init);
  const target = `http://127.0.0.1:${port}${url.slice(UPSTREAM.length) || "/"}`;
  let req;
  if (input instanceof Request) {
    // Rebuild the request for the new URL; buffer the body (snippet bodies are small).
    const body = input.method === "GET" || input.method === "HEAD" ? undefined : await input.arrayBuffer();
    req = new Request(target, {
      method: input.method,
      headers: input.headers,
      body,
      signal: input.signal,
      redirect: input.redirect,
    });
    req = new Request(req, init);
  } else {
    req = new Request(target, init);
  }
  const entry = { method: req.method, url };
  if (log) {
    const ct = req.headers.get("content-type");
    if (ct) entry.contentType = ct;
    if (req.body) {
      const bytes = new Uint8Array(await req.clone().arrayBuffer());
      entry.bodyBytes = bytes.length;
      entry.bodyStart = new TextDecoder().decode(bytes.slice(0, 120));
    }
  }
  try {
    const res = await realFetch(req);
    if (log && res.status >= 400) entry.responseStart = (await res.clone().text()).slice(0, 300);
    record({ ...entry, status: res.status });
    return res;
  } catch (e) {
    record({ ...entry, error: String(e?.cause ?? e) });
    throw e;
  }
};

process.on("unhandledRejection", (reason) => {
  process.stderr.write(`[compat] unhandled rejection: ${reason?.stack ?? String(reason)}\n`);
  process.exit(70);
});
