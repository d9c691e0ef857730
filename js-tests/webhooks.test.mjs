// verifyWebhook: Svix signatures checked against independently computed ones.

import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import { company } from "./support/fixtures.mjs";
import { rejection, sdk } from "./support/helpers.mjs";

const C = company.id;

// Signatures computed independently with Node's crypto, as Svix documents them.
const key = randomBytes(24);
const SECRET = `whsec_${key.toString("base64")}`;
const sign = (id, ts, body, k = key) => `v1,${createHmac("sha256", k).update(`${id}.${ts}.${body}`).digest("base64")}`;
const event = JSON.stringify({
  id: "743ec94a-8aa4-44bb-8bd4-e1855ee0e74b",
  eventType: "bankFeeds.sourceAccount.connected",
  generatedDate: "2024-09-01T00:00:00Z",
  payload: { companyId: C, connectionId: C, sourceAccount: { id: "acc-1" } },
});

test("verifyWebhook returns the event for a valid signature, including during rotation", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sign("msg_1", ts, event) };
  const verified = await sdk.verifyWebhook(event, headers, SECRET);
  assert.equal(verified.eventType, "bankFeeds.sourceAccount.connected");
  const rotated = { ...headers, "svix-signature": `${sign("msg_1", ts, event, randomBytes(24))} ${sign("msg_1", ts, event)}` };
  assert.deepEqual(await sdk.verifyWebhook(new TextEncoder().encode(event), new Headers(rotated), SECRET), verified);
});

test("verifyWebhook refuses a tampered body, a stale timestamp, a wrong secret, missing headers", async () => {
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sign("msg_1", ts, event) };
  const stale = String(Math.floor(Date.now() / 1000) - 600);
  const cases = [
    [event.replace("connected", "disconnected"), headers, SECRET, /no signature matches/],
    [event, { ...headers, "svix-timestamp": stale, "svix-signature": sign("msg_1", stale, event) }, SECRET, /tolerance/],
    [event, headers, `whsec_${randomBytes(24).toString("base64")}`, /no signature matches/],
    [event, { "svix-id": "msg_1" }, SECRET, /missing/],
    [event, { ...headers, "svix-id": "msg_2" }, SECRET, /no signature matches/],
  ];
  for (const [body, h, secret, reason] of cases) {
    const err = await rejection(sdk.verifyWebhook(body, h, secret));
    assert.ok(err instanceof sdk.WebhookVerificationError, String(err));
    assert.match(err.message, reason);
    assert.ok(!err.message.includes(secret.slice(6)));
  }
  // A wider tolerance accepts the stale delivery.
  const old = { ...headers, "svix-timestamp": stale, "svix-signature": sign("msg_1", stale, event) };
  assert.ok(await sdk.verifyWebhook(event, old, SECRET, { toleranceSeconds: 900 }));
});
