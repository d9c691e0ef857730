// Hooks, the debug logger, and calls in flight together (a hook may start a call).

import assert from "node:assert/strict";
import { test } from "node:test";
import { company, notFound, unavailable } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;

test("hooks run once per attempt in order; beforeRequest and afterSuccess can change things", async () => {
  const calls = [];
  const hooks = {
    beforeRequest: async (req) => {
      calls.push(["beforeRequest", req.method, req.url.endsWith(`/companies/${C}`), req.headers.Authorization === API_KEY]);
      return { ...req, headers: { ...req.headers, "x-trace-id": "t-1" } };
    },
    afterSuccess: (res) => {
      calls.push(["afterSuccess", res.status]);
      return { ...res, body: JSON.stringify({ ...JSON.parse(res.body), name: "Changed" }) };
    },
    afterError: (failure) => calls.push(["afterError", failure.status]),
  };
  ctx.server.reply({ status: 503, json: unavailable }, { json: company });
  const result = await ctx.client({ hooks }).companies.get({ companyId: C });
  assert.equal(result.name, "Changed");
  assert.deepEqual(calls, [
    ["beforeRequest", "GET", true, true],
    ["afterError", 503],
    ["beforeRequest", "GET", true, true],
    ["afterSuccess", 200],
  ]);
  assert.ok(ctx.server.requests.every((r) => r.headers["x-trace-id"] === "t-1"));
});

test("a hook that throws fails the call with HookError naming it, without retrying", async () => {
  ctx.server.otherwise({ json: company });
  for (const hook of ["beforeRequest", "afterSuccess"]) {
    const err = await rejection(
      ctx
        .client({
          hooks: {
            [hook]: () => {
              throw new Error("boom");
            },
          },
        })
        .companies.get({ companyId: C }),
    );
    assert.ok(err instanceof sdk.HookError && err instanceof sdk.CodatBankFeedsError, String(err));
    assert.equal(err.hook, hook);
    assert.equal(err.cause.message, "boom");
  }
  ctx.server.reply({ status: 503, json: unavailable });
  const err = await rejection(ctx.client({ hooks: { afterError: async () => Promise.reject("nope") } }).companies.get({ companyId: C }));
  assert.equal(err.hook, "afterError");
  assert.throws(
    () => ctx.client({ hooks: { beforeRequest: 1 } }),
    (e) => e.field === "hooks",
  );
  assert.throws(
    () => ctx.client({ hooks: { before: () => {} } }),
    (e) => e.field === "hooks",
  );
});

test("debugLogger: one line per attempt, bodies only when verbose, Authorization never", async () => {
  const secret = "Basic TOP-SECRET-LOGGED-0xBEEF";
  for (const debugLevel of ["basic", "verbose"]) {
    ctx.server.reset();
    const lines = [];
    ctx.server.reply({ status: 503, json: unavailable }, { json: company });
    await ctx
      .client({ authHeader: secret, debugLogger: { debug: (l) => lines.push(l) }, debugLevel })
      .companies.update({ companyId: C, requestBody: { name: "Logged" } });
    const attempts = lines.filter((l) => l.startsWith("codat-bank-feeds:"));
    assert.equal(attempts.length, 2);
    assert.match(
      attempts[0],
      new RegExp(`companies.update PATCH ${ctx.server.url}/companies/${C} -> HTTP 503 \\(attempt 1, retrying in \\d+ ms, \\d+ ms elapsed\\)`),
    );
    assert.match(attempts[1], /-> HTTP 200 \(attempt 2, final, \d+ ms elapsed\)/);
    assert.equal(
      lines.some((l) => l.includes('"name":"Logged"')),
      debugLevel === "verbose",
    );
    assert.ok(
      lines.every((l) => !l.includes("TOP-SECRET")),
      lines.join("\n"),
    );
    if (debugLevel === "verbose") {
      // The headers as sent, in order, the key the same on both attempts.
      const shown = lines.filter((l) => l.startsWith("  request headers: "));
      assert.equal(shown.length, 2);
      const key = ctx.server.requests[0].headers["idempotency-key"];
      assert.equal(
        shown[0],
        `  request headers: Authorization: [redacted], Accept: application/json, Content-Type: application/json, User-Agent: codat-bank-feeds-wasm/0.1.0, Idempotency-Key: ${key}`,
      );
      assert.equal(shown[1], shown[0]);
    }
  }
});

test("calls in flight together each settle with their own result, in any order, and a hook may start a call", async () => {
  // Answers come back in the reverse order of the requests: each call must still get its own.
  ctx.server.otherwise((req) => {
    const id = req.rawPath.split("/")[2];
    const n = Number(id.slice(2));
    return id === "bad" ? { status: 404, json: notFound } : { delayMs: 60 - n, json: { ...company, id } };
  });
  const client = ctx.client();
  const ids = Array.from({ length: 40 }, (_, i) => `c-${i}`);
  const results = await Promise.allSettled([...ids, "bad"].map((companyId) => client.companies.get({ companyId })));
  assert.deepEqual(
    results.slice(0, -1).map((r) => r.value.id),
    ids,
  );
  assert.ok(results.at(-1).reason instanceof sdk.ErrorMessage);
  assert.equal(results.at(-1).reason.statusCode, 404);

  // A call started from inside another call's hook, synchronously, before that call's fetch.
  let inner;
  const hooked = ctx.client({
    hooks: {
      beforeRequest: (request) => {
        if (request.url.endsWith("/c-1")) inner = hooked.companies.get({ companyId: "c-2" });
        return request;
      },
    },
  });
  const outer = await hooked.companies.get({ companyId: "c-1" });
  assert.equal(outer.id, "c-1");
  assert.equal((await inner).id, "c-2");
  // Bad input settles at once, rejected, while other calls are in flight.
  const pending = client.companies.get({ companyId: "c-3" });
  const bad = await rejection(client.companies.get({}));
  assert.ok(bad instanceof sdk.InvalidRequestError);
  assert.equal((await pending).id, "c-3");
});
