// The runtime tests' server: answers the scenario's calls by path (so runtimes can share it),
// counts attempts per flaky id, keeps each bank-transaction push under its Idempotency-Key and
// answers push operations `Pending` on their first read and `Success` after (the fake API's
// rules: fake/rules/), and serves the browser page's files under /page/.

import { createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { extname, join } from "node:path";
import { createClock } from "../../fake/clock.mjs";
import { createIdempotency } from "../../fake/rules/idempotency.mjs";
import { operationView, pendingOperation, succeed } from "../../fake/rules/push-operations.mjs";
import { COMPANY_ID, MISSING_ID } from "./scenario.mjs";

const company = (id, extra = {}) => ({
  id,
  name: "Toft stores",
  redirect: `https://link.codat.io/company/${id}`,
  created: "2022-01-01T12:00:00",
  ...extra,
});
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

export async function startRuntimeServer(pageDir) {
  const attempts = new Map();
  /** Idempotency-Key -> { runtime, ids }: the pushes that were new. */
  const pushes = new Map();
  const idempotency = createIdempotency(createClock());
  const requested = Date.parse("2024-01-01T00:00:00Z");
  const operation = (pushOperationKey, data) =>
    pendingOperation({
      pushOperationKey,
      companyId: COMPANY_ID,
      dataConnectionKey: COMPANY_ID,
      dataType: "bankTransactions",
      data,
      requestedAt: requested,
      completesAt: requested,
    });
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString();
    const path = req.url.split("?")[0];
    const json = (status, value) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (path.startsWith("/page/")) {
      try {
        const file = await readFile(join(pageDir, path.slice("/page/".length)));
        res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
        return res.end(file);
      } catch {
        res.writeHead(404);
        return res.end();
      }
    }
    if (path === "/webhook-vector") {
      // Signed here with Node's crypto, independently of the client's WebCrypto code.
      const key = randomBytes(24);
      const body = JSON.stringify({ id: "e-1", eventType: "bankFeeds.sourceAccount.connected", generatedDate: "2024-09-01T00:00:00Z", payload: {} });
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v1,${createHmac("sha256", key).update(`msg_1.${ts}.${body}`).digest("base64")}`;
      return json(200, { body, secret: `whsec_${key.toString("base64")}`, headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": signature } });
    }
    if (req.method === "GET" && path === "/pushes-seen") {
      const runtime = new URL(req.url, "http://x").searchParams.get("runtime");
      return json(
        200,
        [...pushes].filter(([, p]) => p.runtime === runtime).map(([key, p]) => ({ key, ids: p.ids })),
      );
    }
    if (!req.headers.authorization) return json(401, { statusCode: 401, error: "Unauthorized" });
    if (req.method === "GET" && path === "/companies") {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      const ids = page === 1 ? ["p-0", "p-1"] : ["p-2"];
      return json(200, {
        results: ids.map((id) => company(id)),
        pageNumber: page,
        pageSize: 2,
        totalResults: 3,
        _links: { self: { href: "/companies" }, current: { href: "/companies" } },
      });
    }
    if (req.method === "GET" && path.startsWith(`/companies/${COMPANY_ID}/push/`)) {
      if (req.headers["x-runtime"] === undefined) return json(400, { statusCode: 400, error: "hook header missing" });
      const key = path.split("/").pop();
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      const op = operation(key, null);
      if (n > 1) succeed(op, []);
      return json(200, operationView(op));
    }
    if (req.method === "POST" && path.endsWith("/bankTransactions")) {
      const ticket = idempotency.begin({ method: "POST", key: req.headers["idempotency-key"], target: req.url, body });
      if (ticket.reply) return json(ticket.reply.status, ticket.reply.json);
      const data = JSON.parse(body);
      const reply = { status: 200, json: operationView(operation(`push-${pushes.size + 1}`, data)) };
      if (ticket.keep(reply)) pushes.set(req.headers["idempotency-key"], { runtime: req.headers["x-runtime"], ids: data.transactions.map((t) => t.id) });
      return json(reply.status, reply.json);
    }
    if (req.method === "POST" && path === "/companies") {
      const input = JSON.parse(body);
      return json(200, company("c1d2e3f4-0000-4000-8000-000000000001", { name: input.name, tags: input.tags }));
    }
    const id = decodeURIComponent(path.split("/")[2] ?? "");
    if (req.method === "GET" && id === COMPANY_ID) return json(200, company(id));
    if (req.method === "GET" && id === MISSING_ID) {
      return json(404, {
        statusCode: 404,
        service: "PublicApi",
        error: "Company not found",
        correlationId: "abc",
        canBeRetried: "Unknown",
        detailedErrorCode: 0,
      });
    }
    if (req.method === "GET" && id.startsWith("flaky-")) {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n === 1) return json(503, { statusCode: 503, error: "Service unavailable" });
      return json(200, company(id));
    }
    json(404, { statusCode: 404, error: `no route ${req.method} ${path}` });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    attempts,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}
