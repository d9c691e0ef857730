// transactions.pushAll against a server that pushes as Codat does: each POST of transactions is
// a push operation, Pending on its first read and final after, and an Idempotency-Key replays
// the first answer (support/write-server.mjs's rules, for pushes).
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createFakeCodat } from "../fake/index.mjs";
import { API_KEY, rejection, sdk } from "./support/helpers.mjs";
import { typeCheck } from "./support/typecheck.mjs";

const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const K = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
const A = "acc-001";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server;
let url;
/** Everything the server saw, in order: `POST <chunk n>` and `GET <operation> -> <status>`. */
const events = [];
const pushes = []; // { key, url, transactions, operation }: the pushes that were new
const posts = []; // the Idempotency-Key of every POST, replayed or not
const byKey = new Map();
let finalStatus = () => "Success";
/** Reads of an operation that answer Pending before its final status. */
let pendingReads = 1;

const operation = (key, status) => ({
  companyId: C,
  pushOperationKey: key,
  dataConnectionKey: K,
  requestedOnUtc: "2026-12-01T00:00:00Z",
  status,
  statusCode: status === "Pending" ? 202 : 200,
  dataType: "bankTransactions",
  changes: null,
  timeoutInMinutes: null,
});

before(async () => {
  server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const reply = (json) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    if (req.method === "POST") {
      const key = String(req.headers["idempotency-key"]);
      posts.push(key);
      if (byKey.has(key)) return reply(byKey.get(key));
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const push = { key, url: req.url, accountId: body.accountId, transactions: body.transactions, operation: randomUUID(), reads: 0 };
      pushes.push(push);
      events.push(`POST ${pushes.length}`);
      const answer = { ...operation(push.operation, "Pending"), data: { accountId: body.accountId, transactions: body.transactions } };
      byKey.set(key, answer);
      return reply(answer);
    }
    const opKey = req.url.split("/").pop();
    const push = pushes.find((p) => p.operation === opKey);
    if (!push) {
      // A poll a timed-out run sent just before its test ended arrives after the next test's reset.
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ statusCode: 404, error: "Push operation not found" }));
    }
    push.reads++;
    const status = push.reads <= pendingReads ? "Pending" : finalStatus(pushes.indexOf(push) + 1);
    events.push(`GET ${pushes.indexOf(push) + 1} -> ${status}`);
    reply(operation(opKey, status));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", () => r(undefined)));
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((r) => server.close(() => r(undefined))));
beforeEach(() => {
  events.length = 0;
  pushes.length = 0;
  posts.length = 0;
  byKey.clear();
  finalStatus = () => "Success";
  pendingReads = 1;
});

/** The key pushAll derives from `name`: SHA-256, first 16 bytes, as an RFC 9562 version-8 GUID. */
function derived(name) {
  const b = createHash("sha256").update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const client = () => new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: url });
const fast = { intervalMs: 1, maxIntervalMs: 2 };

/** n transactions a day apart from 2020-01-01, with offsets that must be ignored, shuffled. */
function transactions(n, seed = 7) {
  const list = Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
    return { id: `t-${i}`, date: i % 3 === 0 ? `${day}-05:00` : day, description: `Transaction ${i}`, amount: -1.5, balance: 100, transactionType: "Debit" };
  });
  let s = seed;
  for (let i = list.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
const local = (t) => t.date.slice(0, 19);
const request = (list, extra = {}) => ({ companyId: C, connectionId: K, accountId: A, transactions: list, ...extra });

test("2,500 shuffled transactions: three pushes of 1,000, 1,000 and 500, in date order, each after the last succeeded", async () => {
  const progress = [];
  const result = await client().transactions.pushAll(request(transactions(2500), { allowSyncOnPushComplete: false }), {
    ...fast,
    onProgress: (p) => progress.push(p),
  });
  assert.deepEqual(
    pushes.map((p) => p.transactions.length),
    [1000, 1000, 500],
  );
  const sent = pushes.flatMap((p) => p.transactions.map(local));
  assert.deepEqual(sent, [...sent].sort(), "the whole sequence is in date order");
  assert.deepEqual(events, [
    "POST 1",
    "GET 1 -> Pending",
    "GET 1 -> Success",
    "POST 2",
    "GET 2 -> Pending",
    "GET 2 -> Success",
    "POST 3",
    "GET 3 -> Pending",
    "GET 3 -> Success",
  ]);
  assert.match(result.batchId, GUID);
  assert.equal(result.pushed, 2500);
  assert.deepEqual(
    result.operations.map((o) => o.status),
    ["Success", "Success", "Success"],
  );
  assert.deepEqual(
    progress.map(({ chunk, chunks, pushed, total }) => [chunk, chunks, pushed, total]),
    [
      [1, 3, 1000, 2500],
      [2, 3, 2000, 2500],
      [3, 3, 2500, 2500],
    ],
  );
  assert.equal(progress[2].operation.pushOperationKey, pushes[2].operation);
  assert.ok(progress.every((p) => p.batchId === result.batchId));
  const path = `/companies/${C}/connections/${K}/push/bankAccounts/${A}/bankTransactions`;
  assert.deepEqual(
    pushes.map((p) => [p.url, p.accountId]),
    [
      [`${path}?allowSyncOnPushComplete=false`, A],
      [`${path}?allowSyncOnPushComplete=false`, A],
      [`${path}?allowSyncOnPushComplete=false`, A],
    ],
  );
  // The batch's id is the digest of where the transactions go and what they are, in date order;
  // each chunk's key the digest of the batch's id and the chunk's index.
  const sorted = pushes.flatMap((p) => p.transactions);
  assert.equal(result.batchId, derived([C, K, A, JSON.stringify(sorted)].join("\n")));
  assert.deepEqual(
    pushes.map((p) => p.key),
    [0, 1, 2].map((k) => derived(`${result.batchId}:${k}`)),
  );
});

test("the same batch again, in another order, uses the same keys and pushes nothing twice", async () => {
  const first = await client().transactions.pushAll(request(transactions(2500, 7)), fast);
  const keys = pushes.map((p) => p.key);
  const again = await client().transactions.pushAll(request(transactions(2500, 99)), fast);
  assert.equal(again.batchId, first.batchId);
  assert.deepEqual(posts, [...keys, ...keys], "the same three keys, in the same order");
  assert.equal(pushes.length, 3, "no new push");
  assert.equal(events.filter((e) => e.startsWith("POST")).length, 3);
  assert.deepEqual(
    again.operations.map((o) => o.pushOperationKey),
    first.operations.map((o) => o.pushOperationKey),
  );
  const other = await client().transactions.pushAll(request(transactions(2500, 7), { batchId: "payroll-2026-12" }), fast);
  assert.equal(other.batchId, "payroll-2026-12");
  assert.equal(pushes.length, 6, "another batch id is another batch");
});

test("a chunk that fails stops the run with PushFailedError; the next chunk is never sent", async () => {
  finalStatus = (n) => (n === 2 ? "Failed" : "Success");
  const err = await rejection(client().transactions.pushAll(request(transactions(2500)), fast));
  assert.ok(err instanceof sdk.PushFailedError, String(err));
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.equal(err.failed.status, "Failed");
  assert.equal(err.firstUnpushed, 1000);
  assert.equal(err.pushed, 1000);
  assert.equal(err.operations.length, 1);
  assert.match(err.batchId, GUID);
  assert.equal(err.idempotencyKey, pushes[1].key);
  assert.equal(pushes.length, 2);
  assert.match(err.message, /chunk 2 of 3 ended Failed; transactions from index 1000 on/);

  // Run again once the cause is fixed: chunk 1 replays, chunk 2 is retried under its key (a
  // server that replays it would answer Failed again: here the fake takes it as new).
  byKey.delete(pushes[1].key);
  finalStatus = () => "Success";
  const resumed = await client().transactions.pushAll(request(transactions(2500)), fast);
  assert.equal(resumed.batchId, err.batchId);
  assert.deepEqual(posts.slice(2), [pushes[0].key, pushes[1].key, pushes[3].key]);
  assert.equal(pushes.length, 4, "chunk 1 was not pushed again");
});

test("TimedOut ends the run as Failed does", async () => {
  finalStatus = () => "TimedOut";
  const err = await rejection(client().transactions.pushAll(request(transactions(5)), fast));
  assert.ok(err instanceof sdk.PushFailedError, String(err));
  assert.equal(err.failed.status, "TimedOut");
  assert.equal(err.firstUnpushed, 0);
  assert.deepEqual(err.operations, []);
});

test("onProgress is awaited before the next chunk; its throw is a HookError with what was done", async () => {
  const seen = [];
  await client().transactions.pushAll(request(transactions(3)), {
    ...fast,
    chunkSize: 1,
    onProgress: async ({ chunk }) => {
      await new Promise((r) => setTimeout(r, 20));
      events.push(`saved ${chunk}`);
      seen.push(chunk);
    },
  });
  assert.deepEqual(
    events.filter((e) => !e.startsWith("GET")),
    ["POST 1", "saved 1", "POST 2", "saved 2", "POST 3", "saved 3"],
  );
  const err = await rejection(
    client().transactions.pushAll(request(transactions(3), { batchId: "another" }), {
      ...fast,
      chunkSize: 2,
      onProgress: () => {
        throw new Error("disk full");
      },
    }),
  );
  assert.ok(err instanceof sdk.HookError, String(err));
  assert.equal(err.hook, "onProgress");
  assert.equal(err.cause.message, "disk full");
  assert.equal(err.pushed, 2);
  assert.equal(err.batchId, "another");
});

test("an onProgress that never settles ends the run at its timeoutMs, or at its signal, with what was done", async () => {
  const never = () => new Promise(() => {});
  const timedOut = await rejection(client().transactions.pushAll(request(transactions(3)), { ...fast, chunkSize: 2, timeoutMs: 300, onProgress: never }));
  assert.ok(timedOut instanceof sdk.RequestTimeoutError, String(timedOut));
  assert.match(timedOut.message, /the run timed out after 300 ms$/);
  assert.equal(timedOut.pushed, 2);
  assert.match(timedOut.batchId, GUID);
  const controller = new AbortController();
  const run = client().transactions.pushAll(request(transactions(3), { batchId: "aborted" }), {
    ...fast,
    chunkSize: 2,
    signal: controller.signal,
    onProgress: () => {
      setTimeout(() => controller.abort(new Error("shutting down")), 20);
      return never();
    },
  });
  const aborted = await rejection(run);
  assert.ok(aborted instanceof sdk.RequestAbortedError, String(aborted));
  assert.equal(aborted.cause.message, "shutting down");
  assert.equal(aborted.pushed, 2);
  assert.equal(pushes.length, 2, "no chunk sent after the first");
});

test("timeoutMs bounds the whole run, waits included", async () => {
  pendingReads = Number.POSITIVE_INFINITY;
  const started = Date.now();
  const err = await rejection(client().transactions.pushAll(request(transactions(3)), { ...fast, timeoutMs: 150 }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.ok(Date.now() - started < 2000);
  assert.equal(err.pushed, 0);
  assert.equal(err.idempotencyKey, pushes[0].key);
  assert.match(err.batchId, GUID);
});

/** A fetch whose request never answers: it rejects only when its signal aborts (the call's deadline). */
const stalled = (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));

test("a part of the run that outlasts timeoutMs: the RequestTimeoutError gives the run's configured timeoutMs and the part, not the time that part had left", async () => {
  // Chunk 1 is pushed and final well within the time; the POST of chunk 2 never answers.
  let sent = 0;
  const slow = new sdk.CodatBankFeeds({
    authHeader: API_KEY,
    serverURL: url,
    fetch: (target, init) => (init.method === "POST" && ++sent === 2 ? stalled(init.signal) : fetch(target, init)),
  });
  const err = await rejection(slow.transactions.pushAll(request(transactions(3)), { ...fast, chunkSize: 2, timeoutMs: 1500 }));
  assert.ok(err instanceof sdk.RequestTimeoutError, String(err));
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.equal(err.name, "RequestTimeoutError");
  assert.equal(err.message, "transactions.pushAll: the run timed out after 1500 ms while sending chunk 2 of 2");
  assert.equal(err.statusCode, undefined);
  assert.equal(err.idempotencyKey, derived(`${err.batchId}:1`), "the key of the chunk that was being sent");
  assert.equal(err.pushed, 2);
  assert.equal(err.operations.length, 1);
  assert.match(err.batchId, GUID);
  assert.equal(pushes.length, 1);
  // A push operation still Pending at the deadline.
  pendingReads = Number.POSITIVE_INFINITY;
  const polled = await rejection(client().transactions.pushAll(request(transactions(3), { batchId: "polled" }), { ...fast, timeoutMs: 600 }));
  assert.ok(polled instanceof sdk.RequestTimeoutError, String(polled));
  assert.equal(polled.message, "transactions.pushAll: the run timed out after 600 ms while waiting for the push operation of chunk 1 of 1");
  assert.equal(polled.idempotencyKey, derived("polled:0"));
  assert.equal(pushes[1].key, polled.idempotencyKey);
  assert.equal(polled.pushed, 0);
  assert.deepEqual(polled.operations, []);
});

test("everything is checked before anything is sent", async () => {
  const list = transactions(2500);
  list[2400] = { ...list[2400], amount: "twelve" };
  const cases = [
    [request(list), "transactions[2400].amount"],
    [request([...transactions(3), { ...transactions(3)[0] }]), "transactions[3].id"],
    [{ ...request(transactions(2)), companyId: undefined }, "companyId"],
    [{ ...request(transactions(2)), transactions: "many" }, "transactions"],
    [{ ...request(transactions(2)), batchId: "" }, "batchId"],
    [{ ...request(transactions(2)), extra: 1 }, "extra"],
    [{ ...request(transactions(2)), accountId: "" }, "accountId"],
    [request([...transactions(2), { ...transactions(1)[0], id: "x", date: undefined }]), "transactions[2].date"],
    [request([{ ...transactions(1)[0], date: "22/08/2023" }]), "transactions[0].date"],
  ];
  for (const [req, field] of cases) {
    const err = await rejection(client().transactions.pushAll(req, fast));
    assert.ok(err instanceof sdk.InvalidRequestError, String(err));
    assert.equal(err.field, field);
  }
  for (const [options, field] of [
    [{ chunkSize: 1001 }, "options.chunkSize"],
    [{ chunkSize: 0 }, "options.chunkSize"],
    [{ onProgress: 1 }, "options.onProgress"],
    [{ idempotencyKey: "3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708" }, "options.idempotencyKey"],
    [{ chunkSize: 2.5 }, "options.chunkSize"],
    [{ intervalMs: -1 }, "options.intervalMs"],
  ]) {
    const err = await rejection(client().transactions.pushAll(request(transactions(2)), options));
    assert.equal(err.field, field);
  }
  assert.equal(events.length, 0);
});

test("chunkSize, and a signal that aborts between chunks with what was done", async () => {
  const controller = new AbortController();
  const err = await rejection(
    client().transactions.pushAll(request(transactions(30)), {
      ...fast,
      chunkSize: 10,
      signal: controller.signal,
      onProgress: ({ chunk }) => chunk === 2 && controller.abort(),
    }),
  );
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(err.pushed, 20);
  assert.equal(err.operations.length, 2);
  assert.match(err.batchId, GUID);
  assert.deepEqual(
    pushes.map((p) => p.transactions.length),
    [10, 10],
  );
});

test("a signal that aborts during a chunk's wait stops the run there, with the chunk's key", async () => {
  pendingReads = Number.POSITIVE_INFINITY;
  const controller = new AbortController();
  const run = rejection(client().transactions.pushAll(request(transactions(3)), { ...fast, signal: controller.signal }));
  while (!events.some((e) => e.startsWith("GET"))) await new Promise((r) => setTimeout(r, 2));
  controller.abort(new Error("shutting down"));
  const err = await run;
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(err.cause.message, "shutting down");
  assert.equal(err.pushed, 0);
  assert.deepEqual(err.operations, []);
  assert.equal(err.idempotencyKey, pushes[0].key, "the key to resume the pushed chunk under");
  assert.equal(pushes.length, 1);
});

/** `list` in another order (a seeded Fisher-Yates). */
function shuffled(list, seed) {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** n transactions dated by day alone (bank data often is), `perDay` a day, with a running balance. */
function dateOnly(n, perDay = 100) {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / perDay))).toISOString().slice(0, 10);
    return { id: `d-${String(i).padStart(5, "0")}`, date: day, description: `Transaction ${i}`, amount: 2, balance: 2 * (i + 1), transactionType: "Credit" };
  });
}

test("the batch is a function of the set: same-dated transactions in any order give the same chunks, keys and batch id", async () => {
  const list = dateOnly(2500, 250);
  const first = await client().transactions.pushAll(request(shuffled(list, 1)), fast);
  const chunks = pushes.map((p) => p.transactions.map((t) => t.id));
  const again = await client().transactions.pushAll(request(shuffled(list, 2)), fast);
  assert.equal(again.batchId, first.batchId);
  assert.equal(pushes.length, 3, "the second run replayed all three chunks");
  assert.deepEqual(posts.slice(3), posts.slice(0, 3), "the same keys");
  // Same-dated ones go in `id` order: here, the order of their running balance.
  assert.deepEqual(
    chunks.flat(),
    list.map((t) => t.id),
  );
});

test("same-dated transactions: by id, those with no id first, ordered by their JSON; never by the caller's order", async () => {
  const day = "2024-05-01";
  const list = [
    { id: "b", date: `${day}T00:00:00`, amount: 1, balance: 1 },
    { id: "c", date: day, amount: 3, balance: 6 },
    { date: day, amount: 2, balance: 3, description: "no id, second by its JSON" },
    { id: "a", date: day, amount: 1, balance: 4 },
    { date: day, amount: 1, balance: 3, description: "no id, first by its JSON" },
    { id: "z", date: "2024-04-30T23:59:59+09:00", amount: 1, balance: 0 },
  ];
  const orders = [];
  for (const seed of [1, 2, 3]) {
    await client().transactions.pushAll(request(shuffled(list, seed), { batchId: `order-${seed}` }), fast);
    orders.push(pushes.at(-1).transactions.map((t) => t.id ?? t.description));
  }
  const expected = ["z", "no id, first by its JSON", "no id, second by its JSON", "a", "c", "b"];
  assert.deepEqual(orders, [expected, expected, expected]);
});

/** A company, connection and source account on `fake`, and a client over its in-process fetch. */
async function onFake(fake, options = {}) {
  const sdkClient = new sdk.CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, ...options });
  const company = await sdkClient.companies.create({ name: "pushAll" });
  const connection = await sdkClient.connections.create({ companyId: company.id, requestBody: { platformKey: "gbol" } });
  const account = { id: "acc-pushall", accountName: "Checking", accountType: "checking", accountNumber: "12345670", currency: "GBP", balance: 0 };
  await sdkClient.sourceAccounts.create({ companyId: company.id, connectionId: connection.id, requestBody: account });
  const ids = { companyId: company.id, connectionId: connection.id, accountId: account.id };
  const written = () => fake.state.companies.get(company.id).connections.get(connection.id).accountMeta.get(account.id).transactions;
  return { sdk: sdkClient, ids, written };
}

test("resumed in another order after an abort and after a crash, against Codat's idempotency: nothing is written twice", async () => {
  const fake = createFakeCodat({ pushCompletesAfterMs: 0 });
  const { sdk: codat, ids, written } = await onFake(fake, { retryConfig: { strategy: "none" } });
  const list = dateOnly(3000);
  const options = { ...fast, chunkSize: 500 };

  // An abort after two chunks.
  const controller = new AbortController();
  const aborted = await rejection(
    codat.transactions.pushAll(
      { ...ids, transactions: shuffled(list, 11) },
      { ...options, signal: controller.signal, onProgress: ({ chunk }) => chunk === 2 && controller.abort() },
    ),
  );
  assert.ok(aborted instanceof sdk.RequestAbortedError, String(aborted));
  assert.equal(written().length, 1000);

  // A crash: chunk 4 is written, and its answer never arrives (no retry: the run dies there).
  const crashed = await rejection(
    codat.transactions.pushAll(
      { ...ids, transactions: shuffled(list, 22) },
      {
        ...options,
        onProgress: ({ chunk }) => {
          if (chunk === 3) fake.faults.add({ fault: "drop", operation: "transactions.create" });
        },
      },
    ),
  );
  assert.ok(crashed instanceof sdk.ConnectionError, String(crashed));
  assert.equal(crashed.batchId, aborted.batchId);
  assert.equal(written().length, 2000);

  const done = await codat.transactions.pushAll({ ...ids, transactions: shuffled(list, 33) }, options);
  assert.equal(done.batchId, aborted.batchId);
  assert.equal(done.pushed, 3000);
  const ids_ = written().map((t) => t.id);
  assert.equal(ids_.length, 3000, "each transaction written once");
  assert.equal(new Set(ids_).size, 3000);
  assert.deepEqual(
    ids_,
    list.map((t) => t.id),
    "in date order, same-dated ones by id (here: as their running balance runs)",
  );
  const keyed = fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/bankTransactions"));
  assert.equal(new Set(keyed.map((r) => r.headers["idempotency-key"])).size, 6, "six chunks, six keys, over three runs");
  assert.deepEqual(
    keyed.map((r) => r.status).filter((status) => status !== 200),
    [0],
    "every request under a key answered 200 (a replay of the same request, never a 422), but the lost answer",
  );
});

test("PushFailedError's message gives Codat's first reason and how many more there are", async () => {
  const fake = createFakeCodat({ pushCompletesAfterMs: 0 });
  const { sdk: codat, ids } = await onFake(fake);
  const later = [{ id: "late", date: "2024-03-10", amount: 1, balance: 1 }];
  await codat.transactions.pushAll({ ...ids, transactions: later }, fast);
  const earlier = [1, 2, 3, 4, 5].map((d) => ({ id: `early-${d}`, date: `2024-03-0${d}`, amount: 1, balance: 1 + d }));
  const err = await rejection(codat.transactions.pushAll({ ...ids, transactions: earlier }, fast));
  assert.ok(err instanceof sdk.PushFailedError, String(err));
  assert.match(err.message, /chunk 1 of 1 ended Failed; transactions from index 0 on \(in date order\) were not pushed/);
  assert.match(
    err.message,
    /Codat: Bank transactions must be pushed in date order, none older than the account's latest\. early-1: dated 2024-03-01, before 2024-03-10 \(and 4 more: see failed\.validation\.errors\)$/,
  );
  assert.equal(err.failed.validation.errors.length, 5);
});

test("a failed push with no reason given says only where it stopped", async () => {
  finalStatus = () => "TimedOut";
  const err = await rejection(client().transactions.pushAll(request(transactions(2)), fast));
  assert.ok(err instanceof sdk.PushFailedError, String(err));
  assert.match(err.message, /ended TimedOut; transactions from index 0 on \(in date order\) were not pushed$/);
});

test("decimals as transactions.create takes them: numeric strings and decimal objects, sent as their digits", async () => {
  const list = [
    { id: "x1", date: "2024-01-01", amount: "-1234.50", balance: new sdk.Decimal("100.10") },
    { id: "x2", date: "2024-01-02", amount: new sdk.Decimal("0.1"), balance: "100.20" },
  ];
  await client().transactions.pushAll(request(list), fast);
  assert.deepEqual(
    pushes[0].transactions.map((t) => [t.amount, t.balance]),
    [
      [-1234.5, 100.1],
      [0.1, 100.2],
    ],
  );
});

test("the request type: decimals as create takes them, date required", () => {
  typeCheck(fileURLToPath(new URL("types/push-all.ts", import.meta.url)));
});

/** 20,000 transactions whose last is invalid: the checks reach it only after all the others. */
const lastInvalid = () => {
  const list = transactions(20_000);
  list.push({ ...list[0], id: "bad", amount: "twelve" });
  return request(list);
};

test("the checks yield to the event loop: a timer set before the call runs before the checks end", async () => {
  let fired = false;
  setTimeout(() => {
    fired = true;
  }, 0);
  const err = await rejection(client().transactions.pushAll(lastInvalid(), fast));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "transactions[20000].amount");
  assert.ok(fired, "the timer ran while the checks were under way");
});

test("an aborted signal ends the checks at once, with nothing sent: before the call, and during the checks", async () => {
  const before = new AbortController();
  before.abort(new Error("gone"));
  const err = await rejection(client().transactions.pushAll(lastInvalid(), { ...fast, signal: before.signal }));
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(err.cause.message, "gone");

  const during = new AbortController();
  setTimeout(() => during.abort(), 0);
  const late = await rejection(client().transactions.pushAll(lastInvalid(), { ...fast, signal: during.signal }));
  assert.ok(late instanceof sdk.RequestAbortedError, `${late}: ended before the checks reached the last transaction`);
  assert.equal(events.length, 0);
});
