// The runtime tests' server, for what the scenario cannot do in-process: the browser page's files
// under /page/, and webhook vectors signed with Node's crypto (independently of the client's
// WebCrypto code). The API itself is the testing kit, inside each runtime.

import { createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { extname, join } from "node:path";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

/** A webhook signed as Codat (Svix) signs one: `{ body, secret, headers }`. */
export function webhookVector() {
  const key = randomBytes(24);
  const body = JSON.stringify({ id: "e-1", eventType: "bankFeeds.sourceAccount.connected", generatedDate: "2024-09-01T00:00:00Z", payload: {} });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v1,${createHmac("sha256", key).update(`msg_1.${ts}.${body}`).digest("base64")}`;
  return { body, secret: `whsec_${key.toString("base64")}`, headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": signature } };
}

export async function startRuntimeServer(pageDir) {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/webhook-vector") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(webhookVector()));
    }
    try {
      if (!path.startsWith("/page/")) throw new Error("not a page file");
      const file = await readFile(join(pageDir, path.slice("/page/".length)));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(file);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}
