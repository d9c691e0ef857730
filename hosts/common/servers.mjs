// Local servers for the host checks: the fake Codat API, a static file server, and a
// one-package npm registry (for Deno's npm: specifier). All bind 127.0.0.1 only.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

export const COMPANY_ID = "8a210b68-6988-11ed-a1eb-0242ac120002";
export const CREATED_ID = "2b2ac1b0-6988-11ed-a1eb-0242ac120002";

/** The fake API: GET /companies/<id>, POST /companies, CORS for everything. */
export async function startApi() {
  const log = [];
  const server = createServer((req, res) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      // `*` does not cover Authorization (Fetch spec), so echo what the preflight asks for.
      "access-control-allow-headers": req.headers["access-control-request-headers"] || "*",
      "access-control-expose-headers": "*",
      "access-control-max-age": "600",
    };
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const entry = {
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        idem: req.headers["idempotency-key"],
        acrh: req.headers["access-control-request-headers"],
      };
      log.push(entry);
      if (req.method === "OPTIONS") {
        res.writeHead(204, cors).end();
        return;
      }
      const json = (status, body) => {
        res.writeHead(status, { ...cors, "content-type": "application/json" }).end(JSON.stringify(body));
      };
      const m = /^\/companies\/([^/?]+)$/.exec(req.url.split("?")[0]);
      if (req.method === "GET" && m) {
        json(200, { id: decodeURIComponent(m[1]), name: "Toft stores", redirect: "https://x", created: "2022-01-01T12:00:00" });
      } else if (req.method === "POST" && req.url.split("?")[0] === "/companies") {
        let body = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
        } catch {}
        json(200, { id: CREATED_ID, name: body.name, redirect: "https://x", created: "2022-01-01T12:00:00" });
      } else {
        json(404, { statusCode: 404, error: `no route ${req.method} ${req.url}` });
      }
    });
  });
  return { ...(await listen(server)), log };
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

/** Serves a folder (index.html for /), with the right MIME type for .wasm. */
export async function startStatic(root) {
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(req.url.split("?")[0]);
    const file = normalize(join(root, path === "/" ? "/index.html" : path));
    log.push(path);
    if (!file.startsWith(normalize(root))) return res.writeHead(403).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return { ...(await listen(server)), log };
}

/** A registry that knows one package (its packument and tarball), for Deno's `npm:`. */
export async function startRegistry(tarballPath, port) {
  const tgz = readFileSync(tarballPath);
  const log = [];
  const server = createServer((req, res) => {
    log.push(req.url);
    const base = `http://127.0.0.1:${server.address().port}`;
    if (req.url === "/codat-bank-feeds-wasm") {
      const pkg = { name: "codat-bank-feeds-wasm", version: "0.1.0", type: "module" };
      const doc = {
        name: pkg.name,
        "dist-tags": { latest: pkg.version },
        versions: {
          [pkg.version]: {
            ...pkg,
            dist: {
              tarball: `${base}/codat-bank-feeds-wasm/-/codat-bank-feeds-wasm-0.1.0.tgz`,
              shasum: createHash("sha1").update(tgz).digest("hex"),
              integrity: `sha512-${createHash("sha512").update(tgz).digest("base64")}`,
            },
          },
        },
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    } else if (req.url === "/codat-bank-feeds-wasm/-/codat-bank-feeds-wasm-0.1.0.tgz") {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(tgz);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    }
  });
  return { ...(await listen(server, port)), log };
}
