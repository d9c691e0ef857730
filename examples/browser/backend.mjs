// The backend half: it holds the API key, signs users in, and hands each signed-in user a
// short-lived company access token for their own company only. The API key never reaches the
// browser, and the page never names the company it wants a token for: the session does.
//   CODAT_AUTH_HEADER="Basic <base64 key>" \
//   APP_USERS='{"ana":{"password":"…","companyId":"…","connectionId":"…"}}' node examples/browser/backend.mjs

import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CodatBankFeeds } from "codat-bank-feeds-wasm";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** The page's CSP: no inline script or style; the .wasm compiled ('wasm-unsafe-eval'); the API reachable. */
const csp = (api) => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${api}; style-src 'self'`;

const same = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function readJson(req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || "{}");
}

/**
 * `users`: name -> { password, companyId, connectionId }, the app's own accounts; each may
 * manage its own company's bank feeds and no other.
 */
export async function startBackend({ authHeader, serverURL, users, port = 0, staticDir = join(dirname(fileURLToPath(import.meta.url)), "dist") }) {
  const sdk = new CodatBankFeeds({ authHeader, serverURL, timeoutMs: 20_000 });
  const api = serverURL ?? "https://api.codat.io";
  const sessions = new Map();
  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  };
  const userOf = (req) => {
    const id = /(?:^|;\s*)session=([0-9a-f]{64})/.exec(req.headers.cookie ?? "")?.[1];
    return id ? sessions.get(id) : undefined;
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://backend");
    if (url.pathname === "/api/sign-in" && req.method === "POST") {
      const { user, password } = await readJson(req).catch(() => ({}));
      const account = typeof user === "string" ? users[user] : undefined;
      if (!account || typeof password !== "string" || !same(password, account.password)) return json(res, 401, { error: "Wrong name or password" });
      const id = randomBytes(32).toString("hex");
      sessions.set(id, account);
      return json(res, 200, { ok: true }, { "set-cookie": `session=${id}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (url.pathname.startsWith("/api/")) {
      const account = userOf(req);
      if (!account) return json(res, 401, { error: "Sign in first" });
      if (url.pathname === "/api/me") return json(res, 200, { companyId: account.companyId, connectionId: account.connectionId, serverURL: api });
      if (url.pathname === "/api/token") {
        try {
          // The session's company, never one the page names.
          const token = await sdk.companies.getAccessToken({ companyId: account.companyId });
          return json(res, 200, { accessToken: token.accessToken, expiresIn: token.expiresIn, tokenType: token.tokenType });
        } catch (err) {
          return json(res, 502, { error: `token: ${err.statusCode ?? err.name}` });
        }
      }
      return json(res, 404, { error: "Not found" });
    }
    try {
      const file = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
      const body = await readFile(join(staticDir, file));
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": csp(api) });
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
  const users = JSON.parse(process.env.APP_USERS ?? "{}");
  const backend = await startBackend({ authHeader: process.env.CODAT_AUTH_HEADER, serverURL: process.env.CODAT_SERVER_URL, users, port: 8080 });
  console.log(`open ${backend.url}/ and sign in as one of: ${Object.keys(users).join(", ") || "(set APP_USERS)"}`);
}
