// verifyWebhook: Svix signatures checked against independently computed ones.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
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

const now = () => String(Math.floor(Date.now() / 1000));
/** Headers signing `bytes` (a string or the exact bytes) as Svix does, over the bytes. */
const signed = (bytes, ts = now()) => ({
  "svix-id": "msg_1",
  "svix-timestamp": ts,
  "svix-signature": `v1,${createHmac("sha256", key).update(`msg_1.${ts}.`).update(bytes).digest("base64")}`,
});

test("verifyWebhook refuses a toleranceSeconds or now that is not a finite number >= 0, before verifying", async () => {
  const tenYearsAgo = String(Math.floor(Date.now() / 1000) - 10 * 365 * 86400);
  const headers = signed(event, tenYearsAgo);
  const cases = [
    [{ toleranceSeconds: Number.parseInt(undefined, 10) }, "options.toleranceSeconds"],
    [{ toleranceSeconds: Number.NaN }, "options.toleranceSeconds"],
    [{ toleranceSeconds: Number.POSITIVE_INFINITY }, "options.toleranceSeconds"],
    [{ toleranceSeconds: -1 }, "options.toleranceSeconds"],
    [{ toleranceSeconds: "300" }, "options.toleranceSeconds"],
    [{ now: Number.NaN }, "options.now"],
  ];
  for (const [options, field] of cases) {
    // Refused whatever the rest: even with no headers or secret, the option is named first.
    for (const [h, secret] of [
      [headers, SECRET],
      [{}, undefined],
    ]) {
      const err = await rejection(sdk.verifyWebhook(event, h, secret, options));
      assert.ok(err instanceof sdk.InvalidRequestError, `${JSON.stringify(options)}: ${err}`);
      assert.equal(err.field, field);
      assert.match(err.message, new RegExp(`^verifyWebhook: \`${field}\` must be a finite number >= 0`));
    }
  }
  // The stale delivery is refused by the default window, and accepted only by an explicit one.
  assert.match((await rejection(sdk.verifyWebhook(event, headers, SECRET, { toleranceSeconds: undefined }))).message, /tolerance/);
  assert.ok(await sdk.verifyWebhook(event, headers, SECRET, { toleranceSeconds: 11 * 365 * 86400 }));
  // A zero window is a valid one: the timestamp must be now to the second.
  const ts = now();
  assert.ok(await sdk.verifyWebhook(event, signed(event, ts), SECRET, { toleranceSeconds: 0, now: Number(ts) * 1000 }));
});

test("verifyWebhook returns only a webhook event: a signed body that is not one is refused", async () => {
  const refused = [
    ["42", /not a JSON object/],
    ["null", /not a JSON object/],
    ['"bankFeeds.sourceAccount.connected"', /not a JSON object/],
    ["[]", /not a JSON object/],
    ["{}", /no eventType/],
    ['{"id":"e-1","payload":{}}', /no eventType/],
    ['{"eventType":7}', /eventType is not a JSON string/],
    ['{"eventType":null}', /eventType is not a JSON string/],
    ['{"eventType":"x","id":1}', /id is not a JSON string/],
    ['{"eventType":"x","generatedDate":false}', /generatedDate is not a JSON string/],
    ['{"eventType":"x","payload":"p"}', /payload is not a JSON object/],
    ['{"eventType":"x","payload":null}', /payload is not a JSON object/],
    ['{"eventType":"x","payload":[]}', /payload is not a JSON object/],
    ["not json", /not JSON/],
  ];
  for (const [body, reason] of refused) {
    const err = await rejection(sdk.verifyWebhook(body, signed(body), SECRET));
    assert.ok(err instanceof sdk.WebhookVerificationError, `${body}: ${err}`);
    assert.match(err.message, reason, body);
  }
  // Event types the spec adds later pass, as does an event with only its type.
  for (const body of ['{"eventType":"bankFeeds.somethingNew","id":"e-2","payload":{"x":1}}', '{"eventType":"client.rateLimit.reset"}']) {
    assert.deepEqual(await sdk.verifyWebhook(body, signed(body), SECRET), JSON.parse(body));
  }
});

test("verifyWebhook verifies a byte body over its exact bytes, a string body over its UTF-8", async () => {
  const utf8 = new TextEncoder().encode(event);
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
  // An invalid UTF-8 byte inside a string value: it decodes to U+FFFD, which re-encodes differently.
  const invalid = new TextEncoder().encode(event.replace("acc-1", "acc-\u0001"));
  invalid[invalid.indexOf(1)] = 0xff;
  for (const bytes of [withBom, invalid]) {
    const headers = signed(bytes);
    const expected = JSON.parse(new TextDecoder().decode(bytes));
    assert.deepEqual(await sdk.verifyWebhook(bytes, headers, SECRET), expected);
    assert.deepEqual(await sdk.verifyWebhook(bytes.slice().buffer, headers, SECRET), expected);
    // A signature over the decoded text does not cover these bytes.
    const overText = signed(new TextDecoder().decode(bytes));
    const err = await rejection(sdk.verifyWebhook(bytes, overText, SECRET));
    assert.ok(err instanceof sdk.WebhookVerificationError && /no signature matches/.test(err.message), String(err));
  }
  // A view into a larger buffer (Node's pooled Buffers) covers only its own bytes.
  const pooled = Buffer.concat([Buffer.from("xx"), Buffer.from(event), Buffer.from("yy")]).subarray(2, 2 + utf8.length);
  assert.equal((await sdk.verifyWebhook(pooled, signed(utf8), SECRET)).eventType, "bankFeeds.sourceAccount.connected");
  // A string with non-ASCII text is signed as its UTF-8.
  const accented = event.replace("acc-1", "compte-épargne-€");
  assert.equal((await sdk.verifyWebhook(accented, signed(Buffer.from(accented, "utf8")), SECRET)).payload.sourceAccount.id, "compte-épargne-€");
});

test("verifyWebhook's module loads no .wasm", () => {
  // Its import graph is itself and the error classes: neither the wasm-bindgen glue nor a .wasm.
  const graph = [];
  const walk = (url) => {
    if (graph.includes(url.href)) return;
    graph.push(url.href);
    for (const [, spec] of readFileSync(url, "utf8").matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) walk(new URL(spec, url));
  };
  const entry = new URL("../pkg/webhooks.js", import.meta.url);
  walk(entry);
  assert.deepEqual(
    graph.map((href) => href.split("/").pop()),
    ["webhooks.js", "webhooks.js", "errors.js"],
  );
  // And a process without WebAssembly imports it and verifies.
  const script = `
    delete globalThis.WebAssembly;
    const { verifyWebhook } = await import(${JSON.stringify(entry.href)});
    const [body, headers, secret] = JSON.parse(process.argv[1]);
    console.log((await verifyWebhook(body, headers, secret)).eventType);
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify([event, signed(event), SECRET])], { encoding: "utf8" });
  assert.equal(out.trim(), "bankFeeds.sourceAccount.connected");
});
