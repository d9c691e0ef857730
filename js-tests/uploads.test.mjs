// Streaming uploads: generateCredentials sends a ReadableStream or a Node Readable as it reads
// it, and never sends a stream twice (a failure after it was sent is final, and says why).

import assert from "node:assert/strict";
import http from "node:http";
import { Readable } from "node:stream";
import { test } from "node:test";
import { company, unavailable } from "./support/fixtures.mjs";
import { API_KEY, FAST_RETRIES, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;
const CONNECTION = "2e2eb431-c1fa-4dc9-93fa-d29781c12bcd";
const CREDENTIALS = { username: "u", password: "p", domainName: "bank.example" };
const CHUNK = 64 * 1024;
const CHUNKS = 512; // 32 MB
const NOT_RESENT = "not retried: the request body was a stream and cannot be sent again";

/** A server that counts the bytes of each request body as they arrive, then answers `CREDENTIALS`. */
async function countingServer() {
  const counts = { received: 0, requests: 0 };
  const server = http.createServer(async (req, res) => {
    counts.requests++;
    for await (const chunk of req) counts.received += chunk.length;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(CREDENTIALS));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { counts, url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** One chunk of the upload, its bytes telling where it is (so a wrong order shows). */
function chunk(i) {
  return new Uint8Array(CHUNK).fill(i % 251);
}

/** Sends `body` (made from `onChunk`, called with the bytes the server had when each chunk was made) and checks that it went out as it was read. */
async function uploadLazily(makeBody) {
  const server = await countingServer();
  try {
    const seen = [];
    const body = makeBody((i) => {
      seen.push(server.counts.received);
      return chunk(i);
    });
    const client = new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: server.url });
    const result = await client.sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: body });
    assert.deepEqual(result, CREDENTIALS);
    assert.equal(server.counts.requests, 1);
    assert.equal(server.counts.received, CHUNK * CHUNKS);
    assert.equal(seen.length, CHUNKS);
    // Read as it was sent: the server was receiving before the last chunk was made, and the
    // bytes made but not yet received (in the client, the sockets' buffers) stayed far below the
    // whole body, so at no time did the client hold it all.
    assert.equal(seen[0], 0);
    assert.ok(seen[CHUNKS - 1] > 0, "the server had nothing when the last chunk was made");
    const ahead = Math.max(...seen.map((received, i) => i * CHUNK - received));
    assert.ok(ahead < (CHUNK * CHUNKS) / 2, `${ahead} bytes were made before the server had them`);
  } finally {
    await server.close();
  }
}

test("a ReadableStream body is sent as it is read, not read whole first", async () => {
  await uploadLazily((next) => {
    let i = 0;
    return new ReadableStream(
      {
        pull(controller) {
          if (i === CHUNKS) controller.close();
          else controller.enqueue(next(i++));
        },
      },
      { highWaterMark: 0 },
    );
  });
});

test("a Node Readable body is sent as it is read, not read whole first", async () => {
  await uploadLazily((next) =>
    Readable.from(
      (function* () {
        for (let i = 0; i < CHUNKS; i++) yield next(i);
      })(),
      { highWaterMark: 1 },
    ),
  );
});

test("the bytes of a streamed body arrive whole and in order, strings encoded as UTF-8", async () => {
  ctx.server.reply({ json: CREDENTIALS });
  const parts = ['{"bank":"Caf', "é ", new TextEncoder().encode('Ltd"}')];
  await ctx.client().sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: Readable.from(parts) });
  assert.equal(ctx.server.requests[0].body, '{"bank":"Café Ltd"}');
  assert.equal(ctx.server.requests[0].headers["content-type"], "application/json");
});

test("a stream body is sent once: a failure after it was sent is final, and its error says why", async () => {
  const stream = () => new Blob(['{"bank":"Acme"}']).stream();
  // A 503 the policy would retry.
  ctx.server.reply({ status: 503, json: unavailable }, { json: CREDENTIALS });
  const err = await rejection(ctx.client().sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: stream() }));
  assert.ok(err instanceof sdk.ErrorMessage, String(err));
  assert.equal(err.statusCode, 503);
  assert.ok(err.message.includes(NOT_RESENT), err.message);
  assert.equal(ctx.server.requests.length, 1);

  // A connection that failed once the body was on its way.
  ctx.server.reset();
  ctx.server.reply({ destroy: true }, { json: CREDENTIALS });
  const lines = [];
  const lost = await rejection(
    ctx
      .client({ debugLogger: { debug: (l) => lines.push(l) } })
      .sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: stream() }),
  );
  assert.ok(lost instanceof sdk.ConnectionError, String(lost));
  assert.ok(lost.message.includes(NOT_RESENT), lost.message);
  assert.equal(ctx.server.requests.length, 1);
  assert.match(lines[0], /-> ConnectionError \(attempt 1, final: the request body was a stream and cannot be sent again,/);

  // A 401 whose credentials could be asked for again.
  ctx.server.reset();
  ctx.server.reply({ status: 401, json: { ...unavailable, statusCode: 401 } }, { json: CREDENTIALS });
  let asked = 0;
  const authHeader = () => {
    asked++;
    return API_KEY;
  };
  const denied = await rejection(
    ctx.client({ authHeader }).sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: stream() }),
  );
  assert.equal(denied.statusCode, 401);
  assert.equal(asked, 1);
  assert.ok(denied.message.includes(NOT_RESENT), denied.message);
  assert.equal(ctx.server.requests.length, 1);

  // With retries off there is nothing to explain.
  ctx.server.reset();
  ctx.server.reply({ status: 503, json: unavailable });
  const once = await rejection(
    ctx.client({ retryConfig: { strategy: "none" } }).sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: stream() }),
  );
  assert.equal(once.statusCode, 503);
  assert.ok(!once.message.includes(NOT_RESENT), once.message);
});

test("bytes and Blobs can be sent again: their failures are retried as before", async () => {
  for (const requestBody of [new TextEncoder().encode('{"bank":"Acme"}'), new Blob(['{"bank":"Acme"}'])]) {
    ctx.server.reset();
    ctx.server.reply({ status: 503, json: unavailable }, { json: CREDENTIALS });
    const client = ctx.client({ retryConfig: FAST_RETRIES });
    assert.deepEqual(await client.sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody }), CREDENTIALS);
    assert.deepEqual(
      ctx.server.requests.map((r) => r.body),
      ['{"bank":"Acme"}', '{"bank":"Acme"}'],
    );
  }
});

test("a body that is neither text, bytes, a Blob nor a stream is refused before sending", async () => {
  for (const requestBody of [42, { bank: "Acme" }, [1, 2]]) {
    const err = await rejection(ctx.client().sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody }));
    assert.ok(err instanceof sdk.InvalidRequestError, String(err));
    assert.equal(err.field, "requestBody");
    assert.match(err.message, /ReadableStream/);
  }
  assert.equal(ctx.server.requests.length, 0);
});
