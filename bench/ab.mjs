// Two builds of the package side by side in one process, against the same fetch stub (or,
// with --socket, the bench server over loopback): each call interleaved A, B, raw, so that the
// machine's drift (large on shared runners: the same baseline moves by half between runs) hits
// all three alike. For a change's effect on the client's own work, or on the per-call ratios;
// `npm run bench` gives the absolute figures.
//
//   node bench/ab.mjs [--socket] <pkg dir A> <pkg dir B>     (a pkg/ built by scripts/build.sh each)
import { resolve } from "node:path";
import { clientCalls, rawCalls, rawStubCalls, stubCalls } from "./calls.mjs";
import { startBenchServer } from "./server.mjs";

const socket = process.argv.includes("--socket");
const [A, B] = process.argv.slice(2).filter((a) => a !== "--socket");
const { CodatBankFeeds: CA } = await import(resolve(A, "node.js"));
const { CodatBankFeeds: CB } = await import(resolve(B, "node.js"));
const server = socket ? await startBenchServer() : undefined;
const calls = (C) => (server ? clientCalls(C, server.url) : stubCalls(C));
const raw = server ? rawCalls(server.url) : rawStubCalls;
const a = calls(CA);
const b = calls(CB);
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const name of ["get", "list", "create"]) {
  const fs = { a: a[name], b: b[name], raw: raw[name] };
  for (let i = 0; i < 1000; i++) for (const f of Object.values(fs)) await f();
  const t = { a: [], b: [], raw: [] };
  for (let i = 0; i < 500; i++)
    for (const [k, f] of Object.entries(fs)) {
      const s = performance.now();
      await f();
      t[k].push(performance.now() - s);
    }
  const [ma, mb, mr] = [median(t.a), median(t.b), median(t.raw)].map((x) => x * 1000);
  console.log(
    `${name}: A ${ma.toFixed(1)} B ${mb.toFixed(1)} raw ${mr.toFixed(1)} µs | own A ${(ma - mr).toFixed(1)} B ${(mb - mr).toFixed(1)} | A/raw ${(ma / mr).toFixed(2)} B/raw ${(mb / mr).toFixed(2)}`,
  );
}
await server?.close();
