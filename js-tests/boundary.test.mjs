// The Rust/JS boundary of one attempt against its one table (js/boundary.json): the Rust side
// is generated from it (generate.py --check holds that); js/fetch.js is hand-written, so these
// hold it to the same table: the arguments it takes, the slots it fills, the failures it reports.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Failure } from "../js/boundary.js";
import { CONNECTION_FAILED } from "../js/errors.js";
import { fetchOnce } from "../js/fetch.js";

const table = JSON.parse(readFileSync(new URL("../js/boundary.json", import.meta.url), "utf8"));
const names = (list) => list.map((entry) => entry.name);

/** fetchOnce's arguments from a record of the table's names; the rest `undefined`. */
function args(given) {
  return table.attempt.map((arg) => given[arg.name]);
}

const base = { url: "https://api.example/companies", method: "GET", auth: "Basic x", json: false, timeoutMs: -1 };

test("fetchOnce takes the table's attempt arguments, in its order", () => {
  const params = fetchOnce
    .toString()
    .match(/^async function fetchOnce\(([^)]*)\)/)[1]
    .split(",")
    .map((p) => p.trim());
  assert.deepEqual(params, names(table.attempt));
  assert.equal(fetchOnce.length, table.attempt.length);
});

test("a response fills exactly the table's slots", async () => {
  const headers = {
    "x-rate-limit-limit": "100",
    "x-rate-limit-remaining": "99",
    "x-rate-limit-reset": "30",
    "retry-after": "5",
    "content-type": "application/json",
  };
  const response = new Response('{"id":"é"}', { status: 201, headers });
  const filled = await fetchOnce(...args({ ...base, fetchFn: async () => response }));
  assert.ok(Array.isArray(filled));
  assert.equal(filled.length, table.response.length);
  const slot = Object.fromEntries(table.response.map((s, i) => [s.name, filled[i]]));
  assert.equal(slot.status, 201);
  assert.deepEqual(slot.headers, headers);
  assert.equal(slot.text, '{"id":"é"}');
  assert.deepEqual(slot.bytes, new TextEncoder().encode('{"id":"é"}'));
  assert.equal(slot.response, response);
  for (const s of table.response.filter((s) => s.header)) assert.equal(slot[s.name], headers[s.header], s.name);
});

test("every failure fetchOnce reports is one of the table's", async () => {
  assert.deepEqual(Object.values(Failure), names(table.failures));
  const seen = new Set();
  const failed = async (given) => {
    const outcome = await fetchOnce(...args({ ...base, ...given }));
    assert.ok(!Array.isArray(outcome));
    seen.add(outcome.failure);
    return outcome;
  };
  const refused = await failed({ fetchFn: async () => Promise.reject(new TypeError("fetch failed")) });
  assert.equal(refused.failure, "connection");
  assert.equal(refused.message, `${CONNECTION_FAILED}: fetch failed`);
  assert.equal((await failed({ signal: AbortSignal.abort(), fetchFn: fetch })).failure, "aborted");
  const hang = (_url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
  assert.equal((await failed({ timeoutMs: 1, fetchFn: hang })).failure, "timeout");
  const hooks = {
    beforeRequest() {
      throw new Error("no");
    },
  };
  assert.equal((await failed({ hooks, fetchFn: fetch })).failure, "hook");
  assert.deepEqual([...seen].sort(), names(table.failures).sort());
});
