// The per-company limiter with many companies in flight: N calls, each for its own company,
// all in flight before any is answered (a fetch stub holds every response until the last
// call has sent), with the limiter on (the default, 10 per company) and off
// (`maxConcurrentPerCompany: Infinity`), alternated over a few rounds. Prints the medians and
// their ratio: a limiter in constant time per call keeps it near 1 (goal: under 1.5); one that
// scans its companies grows with N. Not part of the tests; never fails on a figure.
//
//   node bench/limiter.mjs [pkg dir] [N]      (default: pkg/, 20000)
import { resolve } from "node:path";
import { company } from "./fixtures.mjs";

const [dir = "pkg", n = "20000"] = process.argv.slice(2);
const N = Number(n);
const ROUNDS = 5;
const { CodatBankFeeds } = await import(resolve(dir, "node.js"));
const body = JSON.stringify(company(0));
const ids = Array.from({ length: N }, (_, i) => `${i.toString(16).padStart(8, "0")}-9b53-4396-a412-4f2f5983b0a2`);

/** ms for N calls in flight at once, every one for a company of its own. */
async function run(maxConcurrentPerCompany) {
  let sent = 0;
  let allSent;
  const gate = new Promise((resolve) => {
    allSent = resolve;
  });
  const fetch = async () => {
    if (++sent === N) setImmediate(allSent);
    await gate;
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  const sdk = new CodatBankFeeds({ authHeader: "Basic YmVuY2g=", fetch, retryConfig: { strategy: "none" }, maxConcurrentPerCompany });
  const started = performance.now();
  const calls = [];
  for (const companyId of ids) {
    calls.push(sdk.companies.get({ companyId }));
    // Started in batches: thousands of calls started in one go crash Node 20's V8 (a fatal
    // error in its deoptimizer, with or without this client's limiter).
    if (calls.length % 500 === 0) await new Promise(setImmediate);
  }
  await Promise.all(calls);
  return performance.now() - started;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const on = [];
const off = [];
await run(10);
await run(Number.POSITIVE_INFINITY);
for (let i = 0; i < ROUNDS; i++) {
  on.push(await run(10));
  off.push(await run(Number.POSITIVE_INFINITY));
}
const [a, b] = [median(on), median(off)];
console.log(`${N} companies in flight: limiter on ${a.toFixed(0)} ms, off ${b.toFixed(0)} ms, ratio ${(a / b).toFixed(2)}`);
