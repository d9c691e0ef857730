// @ts-check
// A recording HTTP server on 127.0.0.1 for the tests: every request is kept (method, raw path,
// query, headers, body bytes), and each response is scripted per test, faults included.
import http from "node:http";

/**
 * Responders are used in order, one per request; when they run out, `fallback` answers.
 * A responder is an object or a function of the recorded request returning one:
 *   { status, headers, json } | { status, headers, body } | { destroy: true } | { delayMs, ... }
 */
export async function startMockServer() {
  const requests = [];
  const queue = [];
  let fallback = () => ({ status: 500, json: { error: "mock server: no response scripted" } });

  // A request a previous test's client sent late (a call that timed out with an attempt on
  // the wire) must not count in the next test: each reset starts a new generation.
  let generation = 0;
  const server = http.createServer(async (req, res) => {
    const born = generation;
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    const url = new URL(req.url, "http://127.0.0.1");
    const record = {
      method: req.method,
      rawPath: req.url.split("?")[0],
      path: url.pathname,
      search: url.search,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      bytes,
      body: bytes.toString("utf8"),
      get json() {
        return JSON.parse(this.body);
      },
    };
    if (born !== generation) {
      req.socket.destroy();
      return;
    }
    requests.push(record);
    const responder = queue.length > 0 ? queue.shift() : fallback;
    const reply = typeof responder === "function" ? await responder(record) : responder;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (reply.resetMidBody) {
      // Headers promise a longer body than is sent before the connection is cut.
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", "content-length": "1000" });
      res.write(reply.resetMidBody);
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? "");
    const headers = reply.json !== undefined ? { "content-type": "application/json", ...reply.headers } : { ...reply.headers };
    res.writeHead(reply.status ?? 200, headers);
    res.end(body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Queue responses for the next requests, in order. */
    reply(...responders) {
      queue.push(...responders);
    },
    /** The response once the queue is empty. */
    otherwise(responder) {
      fallback = typeof responder === "function" ? responder : () => responder;
    },
    reset() {
      generation++;
      requests.length = 0;
      queue.length = 0;
      server.closeAllConnections();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
