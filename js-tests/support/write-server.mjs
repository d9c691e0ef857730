// @ts-check
// A server that writes as Codat does under `Idempotency-Key` (docs.codat.io, "Idempotency"):
// the first response to a key is cached and replayed to every later request with it; the same
// key while its first request is in progress is a 409; the same key with another body a 422; a
// 429 is not cached. Every response carries the rate-limit headers. `plan` scripts faults, one
// per request, including the ones that matter for duplicates: a write that commits and then
// loses its connection, or stalls.
import { randomUUID } from "node:crypto";
import http from "node:http";

/**
 * @typedef {"ok" | "drop-after-commit" | "stall-after-commit" | "gateway-503" | "codat-500" | "in-progress-409" | "429" | "reset-before"} Step
 */

const errorBody = (statusCode, error) => ({
  statusCode,
  service: "PublicApi",
  error,
  correlationId: "c0ffee00c0ffee00c0ffee00c0ffee00",
  canBeRetried: "Unknown",
  detailedErrorCode: 0,
});

export async function startWriteServer({ holdMs = 0 } = {}) {
  /** @type {{ key: string | undefined, body: string, id: string }[]} */
  const writes = [];
  /** @type {{ method: string, path: string, key: string | undefined, company: string | undefined }[]} */
  const requests = [];
  /** @type {Map<string, { body: string, inProgress: boolean, status?: number, json?: object }>} */
  const cache = new Map();
  /** @type {Step[]} */
  const plan = [];
  /** @type {((record: { key: string | undefined, body: string, path: string }) => Step) | undefined} */
  let decide;
  let inFlight = 0;
  let maxInFlight = 0;
  let remaining = 1000;
  const stalled = new Set();

  const server = http.createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    const key = /** @type {string | undefined} */ (req.headers["idempotency-key"]);
    const path = (req.url ?? "").split("?")[0];
    requests.push({ method: req.method ?? "", path, key, company: path.split("/")[2] });
    const step = plan.shift() ?? decide?.({ key, body, path }) ?? "ok";
    const reply = async (status, json, headers = {}) => {
      if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
      inFlight--;
      remaining = Math.max(0, remaining - 1);
      const text = json === undefined ? "" : JSON.stringify(json);
      res.writeHead(status, {
        "content-type": "application/json",
        "x-rate-limit-limit": "1000",
        "x-rate-limit-remaining": String(remaining),
        "x-rate-limit-reset": "2026-12-02T00:00:00Z",
        ...headers,
      });
      res.end(text);
    };
    const cut = () => {
      inFlight--;
      req.socket.destroy();
    };
    if (step === "reset-before") return cut();
    if (req.method === "GET") return reply(200, { id: path.split("/")[2] ?? "x", name: "Read", redirect: "https://link.codat.io/x" });
    if (step === "gateway-503") return reply(503, undefined, { "content-type": "text/html" });
    if (step === "429") return reply(429, errorBody(429, "Too many requests"), { "retry-after": "0" });
    if (key !== undefined && cache.has(key)) {
      const entry = /** @type {{ body: string, inProgress: boolean, status?: number, json?: object }} */ (cache.get(key));
      if (entry.body !== body) return reply(422, errorBody(422, "The idempotency key was used with a different request body"));
      if (entry.inProgress) return reply(409, errorBody(409, "A request with this idempotency key is in progress"));
      return reply(/** @type {number} */ (entry.status), entry.json);
    }
    if (step === "in-progress-409") return reply(409, errorBody(409, "A request with this idempotency key is in progress"));
    if (step === "codat-500") {
      const json = errorBody(500, "Internal server error");
      if (key !== undefined) cache.set(key, { body, inProgress: false, status: 500, json });
      return reply(500, json);
    }
    // The write commits.
    const id = randomUUID();
    writes.push({ key, body, id });
    const json = { ...JSON.parse(body || "{}"), id, redirect: `https://link.codat.io/company/${id}`, created: "2026-12-01T00:00:00Z" };
    if (key !== undefined) cache.set(key, { body, inProgress: false, status: 200, json });
    if (step === "drop-after-commit") return cut();
    if (step === "stall-after-commit") {
      stalled.add(res);
      return;
    }
    return reply(200, json);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    requests,
    plan,
    /** Steps for requests the plan does not cover. @param {(record: { key: string | undefined, body: string, path: string }) => Step} fn */
    otherwise(fn) {
      decide = fn;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close() {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
