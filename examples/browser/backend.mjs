// The backend half: it holds the API key and hands the page short-lived company access tokens.
// The API key never reaches the browser.
//   CODAT_AUTH_HEADER="Basic <base64 key>" node examples/browser/backend.mjs

import { readFile } from "node:fs/promises";
import http from "node:http";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CodatBankFeeds } from "codat-bank-feeds-wasm";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

export async function startBackend({ authHeader, serverURL, port = 0, staticDir = join(dirname(fileURLToPath(import.meta.url)), "dist") }) {
  const sdk = new CodatBankFeeds({ authHeader, serverURL, timeoutMs: 20_000 });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://backend");
    if (url.pathname === "/api/token") {
      // A real app checks here that the signed-in user may act for this company.
      try {
        const token = await sdk.companies.getAccessToken({ companyId: url.searchParams.get("companyId") ?? "" });
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ accessToken: token.accessToken, expiresIn: token.expiresIn, serverURL: serverURL ?? "https://api.codat.io" }));
      } catch (err) {
        res.writeHead(err.statusCode ?? 500, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: err.message }));
      }
    }
    try {
      const file = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
      const body = await readFile(join(staticDir, file));
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = await startBackend({ authHeader: process.env.CODAT_AUTH_HEADER, serverURL: process.env.CODAT_SERVER_URL, port: 8080 });
  console.log(`open ${backend.url}/?companyId=<id>&connectionId=<id>&accountId=<source account id>`);
}
