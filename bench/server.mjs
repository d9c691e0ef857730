// The benchmark server: answers instantly with fixed, pre-serialised bodies; it reads each
// request body to the end (as a real server would) without parsing it.
import http from "node:http";
import { companies, company, pushOperation } from "./fixtures.mjs";

const bodies = {
  get: JSON.stringify(company(0)),
  list: JSON.stringify(companies),
  push: JSON.stringify(pushOperation),
};

export async function startBenchServer(port = 0) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url.split("?")[0];
      const body = req.method === "POST" ? bodies.push : path === "/companies" ? bodies.list : bodies.get;
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
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
  const s = await startBenchServer(Number(process.argv[2] ?? 0));
  console.log(s.url);
}
