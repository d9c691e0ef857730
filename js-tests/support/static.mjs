// A test page's files served from a folder, for the browser suites (browser-site.mjs) and the
// runtime scenario's server (runtimes/server.mjs).
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

/** Answers `res` with `dir`/`file` under its content type and `headers`, or with a 404 when there is no such file. */
export async function sendFile(res, dir, file, headers = {}) {
  try {
    const body = await readFile(join(dir, file));
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...headers });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
}

/** Starts `server` on 127.0.0.1: its `url` as `host` names it, and a `close` that ends the connections still open. */
export async function listen(server, host = "127.0.0.1") {
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://${host}:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}
