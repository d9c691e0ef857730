// waitForOperation and waitForSync: polling to a final status, with typed timeouts and aborts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;

const op = (status) => ({ companyId: C, pushOperationKey: "k-1", dataConnectionKey: C, requestedOnUtc: "2024-01-01T00:00:00Z", status, statusCode: 200 });

test("waitForOperation polls with growing waits to the final status", async () => {
  ctx.server.reply({ json: op("Pending") }, { json: op("Pending") }, { json: op("Success") });
  const started = Date.now();
  const result = await ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 20 });
  assert.equal(result.status, "Success");
  assert.equal(ctx.server.requests.length, 3);
  assert.ok(Date.now() - started >= 20 + 30 - 5, "waits of 20 then 30 ms");
  assert.ok(ctx.server.requests.every((r) => r.rawPath === `/companies/${C}/push/k-1`));
  ctx.server.reply({ json: op("TimedOut") });
  assert.equal((await ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" })).status, "TimedOut");
});

test("waitForOperation times out or aborts with typed errors", async () => {
  ctx.server.otherwise({ json: op("Pending") });
  const timeout = await rejection(ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 10, timeoutMs: 80 }));
  assert.ok(timeout instanceof sdk.RequestTimeoutError, String(timeout));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30);
  const aborted = await rejection(
    ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: 10_000, signal: controller.signal }),
  );
  assert.ok(aborted instanceof sdk.RequestAbortedError);
  const bad = await rejection(ctx.client().transactions.waitForOperation({ companyId: C, pushOperationKey: "k-1" }, { intervalMs: -1 }));
  assert.ok(bad instanceof sdk.InvalidRequestError);
});

test("waitForSync polls getSync until the sync is no longer Started", async () => {
  const sync = (status) => ({
    syncId: "s-1",
    clientId: "c",
    companyId: C,
    companyName: "T",
    dataConnectionId: C,
    sourceAccountId: "a",
    periodStartUtc: "x",
    periodEndUtc: "y",
    executionStartUtc: "z",
    status,
  });
  ctx.server.reply({ json: sync("Started") }, { json: sync("SuccessDataPushed") });
  const ids = { companyId: C, connectionId: C, sourceAccountId: "a", syncId: "s-1" };
  assert.equal((await ctx.client().managedBankFeeds.waitForSync(ids, { intervalMs: 5 })).status, "SuccessDataPushed");
  assert.equal(ctx.server.requests.length, 2);
});
