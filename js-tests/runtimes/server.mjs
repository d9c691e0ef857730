// The runtime tests' server, for what the scenario cannot do in-process: the browser page's files
// under /page/, and webhook vectors signed with Node's crypto (independently of the client's
// WebCrypto code). The API itself is the testing kit, inside each runtime.

import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { listen, sendFile } from "../support/static.mjs";

/** A webhook signed as Codat (Svix) signs one: `{ body, secret, headers }`. */
export function webhookVector() {
  const key = randomBytes(24);
  const body = JSON.stringify({ id: "e-1", eventType: "bankFeeds.sourceAccount.connected", generatedDate: "2024-09-01T00:00:00Z", payload: {} });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v1,${createHmac("sha256", key).update(`msg_1.${ts}.${body}`).digest("base64")}`;
  return { body, secret: `whsec_${key.toString("base64")}`, headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": signature } };
}

/** Starts the server for the page files in `pageDir`: its `url` and `close`. */
export async function startRuntimeServer(pageDir) {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/webhook-vector") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(webhookVector()));
    }
    if (!path.startsWith("/page/")) {
      res.writeHead(404);
      return res.end();
    }
    return sendFile(res, pageDir, path.slice("/page/".length));
  });
  return listen(server);
}
