// The fake API on a socket, for what needs a URL (the demo, examples in other runtimes): Node's
// `http` in front of the web-standard handler.
import http from "node:http";
import { Readable } from "node:stream";
import { createFakeCodat } from "./index.mjs";

/**
 * Serves `fake` (from `createFakeCodat`) on `host:port`.
 * @param {ReturnType<typeof createFakeCodat>} fake
 * @param {{ port?: number, host?: string }} [options] port 0 (the default) picks a free one
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function listen(fake, { port = 0, host = "127.0.0.1" } = {}) {
  const server = http.createServer((req, res) => {
    serve(fake, req, res).catch((err) => {
      console.error("fake Codat API: failed to answer:", err);
      res.destroy();
    });
  });
  server.keepAliveTimeout = 2000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing;
  const close = () => {
    closing ??= new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: `http://${urlHost}:${address.port}`, port: address.port, close };
}

/**
 * Creates the fake and serves it: the fake (`fetch`, `state`, `clock`, ...) with `url`, `port`
 * and `close()`. Options: those of `createFakeCodat`, and `port` and `host`.
 * @param {Parameters<typeof createFakeCodat>[0] & { port?: number, host?: string }} [options]
 */
export async function startFakeCodat(options = {}) {
  const fake = createFakeCodat(options);
  return { ...fake, ...(await listen(fake, options)) };
}

async function serve(fake, req, res) {
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(new URL(req.url ?? "/", "http://fake.codat.local"), {
    method: req.method,
    headers,
    body: hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined,
    signal: aborted.signal,
    // @ts-expect-error: Node's fetch needs it for a streamed body
    duplex: "half",
  });
  const response = await fake.handle(request);
  if (response.type === "error") {
    req.socket.destroy();
    return;
  }
  if (res.destroyed) return;
  const body = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(body.length) });
  res.end(body);
}
