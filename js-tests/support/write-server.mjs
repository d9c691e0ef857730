// @ts-check
// A server that writes as Codat does under `Idempotency-Key` and its rate limits: the fake API's
// own rules (fake/rules/idempotency.mjs, fake/rules/rate-limits.mjs), on a clock fixed at
// 2026-12-01T00:00:00Z so the quota's reset is known. `plan` scripts faults, one per request,
// including the ones that matter for duplicates: a write that commits and then loses its
// connection, or stalls.
import http from "node:http";
import { createClock } from "../../fake/clock.mjs";
import { errorReply } from "../../fake/errors.mjs";
import { uuid } from "../../fake/ids.mjs";
import { createIdempotency, inProgressReply } from "../../fake/rules/idempotency.mjs";
import { createRateLimits, rateLimitedReply } from "../../fake/rules/rate-limits.mjs";

/**
 * @typedef {"ok" | "drop-after-commit" | "stall-after-commit" | "gateway-503" | "codat-500" | "in-progress-409" | "429" | "reset-before"} Step
 * @typedef {{ status: number, json?: object, headers?: Record<string, string> }} Reply
 */

export async function startWriteServer({ holdMs = 0 } = {}) {
  /** @type {{ key: string | undefined, body: string, id: string }[]} */
  const writes = [];
  /** @type {{ method: string, path: string, key: string | undefined, company: string | undefined }[]} */
  const requests = [];
  /** @type {Step[]} */
  const plan = [];
  /** @type {((record: { key: string | undefined, body: string, path: string }) => Step) | undefined} */
  let decide;
  let inFlight = 0;
  let maxInFlight = 0;
  const stalled = new Set();
  const clock = createClock("2026-12-01T00:00:00Z");
  const idempotency = createIdempotency(clock);
  // Codat's quota with no connected company; going over it is scripted (the "429" step).
  const rateLimits = createRateLimits(clock, () => 1000);

  const server = http.createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    const key = /** @type {string | undefined} */ (req.headers["idempotency-key"]);
    const path = (req.url ?? "").split("?")[0];
    const method = req.method ?? "";
    requests.push({ method, path, key, company: path.split("/")[2] });
    const step = plan.shift() ?? decide?.({ key, body, path }) ?? "ok";
    const cut = () => {
      inFlight--;
      req.socket.destroy();
    };
    if (step === "reset-before") return cut();
    const { headers: quota } = rateLimits.take();
    /** @param {Reply} reply */
    const send = async ({ status, json, headers }) => {
      if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
      inFlight--;
      res.writeHead(status, { "content-type": "application/json", ...quota, ...headers });
      res.end(json === undefined ? "" : JSON.stringify(json));
    };
    if (method === "GET") return send({ status: 200, json: { id: path.split("/")[2] ?? "x", name: "Read", redirect: "https://link.codat.io/x" } });
    if (step === "gateway-503") return send({ status: 503, headers: { "content-type": "text/html" } });
    if (step === "429") return send(rateLimitedReply(quota, 0));
    const ticket = idempotency.begin({ method, key, target: req.url ?? "", body });
    if (ticket.reply) return send(ticket.reply);
    if (step === "in-progress-409") {
      // Another request holds the key: this one never ran, and leaves the key free.
      ticket.keep(null);
      return send(inProgressReply());
    }
    if (step === "codat-500") {
      const failed = errorReply(500, "Internal server error");
      ticket.keep(failed);
      return send(failed);
    }
    // The write commits.
    const id = uuid();
    writes.push({ key, body, id });
    const committed = {
      status: 200,
      json: { ...JSON.parse(body || "{}"), id, redirect: `https://link.codat.io/company/${id}`, created: "2026-12-01T00:00:00Z" },
    };
    ticket.keep(committed);
    if (step === "drop-after-commit") return cut();
    if (step === "stall-after-commit") {
      stalled.add(res);
      return;
    }
    return send(committed);
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
