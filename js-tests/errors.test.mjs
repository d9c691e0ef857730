// Every error class with its fields, and requests refused before anything is sent.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company, notFound } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const ID = company.id;

test("an API error body becomes ErrorMessage with typed data, status, headers and raw body", async () => {
  ctx.server.reply({ status: 404, json: notFound, headers: { "x-correlation": "abc" } });
  const err = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.ok(err instanceof sdk.CodatBankFeedsError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "ErrorMessage");
  assert.equal(err.statusCode, 404);
  assert.equal(err.headers["x-correlation"], "abc");
  assert.equal(err.body, JSON.stringify(notFound));
  assert.deepEqual(err.data, notFound);
  assert.equal(err.data.correlationId, notFound.correlationId);
  assert.ok(err.message.includes(notFound.error), err.message);
  assert.ok(err.rawResponse instanceof Response);
  assert.equal(ctx.server.requests.length, 1);
});

test("a 400 is not retried", async () => {
  ctx.server.reply({ status: 400, json: { ...notFound, statusCode: 400, error: "Bad" } });
  const err = await rejection(ctx.client().companies.list({ query: "bad" }));
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.equal(ctx.server.requests.length, 1);
});

test("a non-JSON error body becomes CodatBankFeedsError that keeps the body", async () => {
  const html = "<html><body>Bad gateway</body></html>";
  ctx.server.reply({ status: 418, body: html, headers: { "content-type": "text/html" } });
  const err = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.equal(err.constructor, sdk.CodatBankFeedsError);
  assert.equal(err.statusCode, 418);
  assert.equal(err.body, html);
  assert.match(err.message, /HTTP 418/);
});

test("a 2xx body of the wrong shape is ResponseValidationError naming the field, body kept", async () => {
  const bad = { ...company, name: 42 };
  ctx.server.reply({ json: bad });
  const err = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.ok(err instanceof sdk.ResponseValidationError);
  assert.equal(err.statusCode, 200);
  assert.equal(err.body, JSON.stringify(bad));
  assert.match(err.reason, /`name` expected a string, got 42/);
});

test("a missing required response field is ResponseValidationError", async () => {
  const { id, ...noId } = company;
  ctx.server.reply({ json: noId });
  const err = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.ok(err instanceof sdk.ResponseValidationError);
  assert.match(err.reason, /`id` missing field `id`/);
});

test("malformed JSON and an empty body are ResponseValidationError, and the client keeps working", async () => {
  ctx.server.reply({ body: '{"id": "x", "na', headers: { "content-type": "application/json" } }, { body: "" });
  const truncated = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.ok(truncated instanceof sdk.ResponseValidationError);
  assert.equal(truncated.body, '{"id": "x", "na');
  const empty = await rejection(ctx.client().companies.get({ companyId: ID }));
  assert.ok(empty instanceof sdk.ResponseValidationError);
  ctx.server.reply({ json: company });
  assert.deepEqual(await ctx.client().companies.get({ companyId: ID }), company);
});

test("requests are checked before sending: the error names the field", async () => {
  const client = ctx.client();
  const cases = [
    [() => client.companies.get({}), "companyId", /is required/],
    [() => client.companies.get({ companyId: 7 }), "companyId", /must be a string/],
    [() => client.companies.get({ companyId: ".." }), "companyId", /must not be/],
    [() => client.companies.get({ companyId: "" }), "companyId", /must not be empty/],
    [() => client.companies.get({ companyId: ID, companyid: ID }), "companyid", /is not a field/],
    [() => client.companies.list({ pageSize: 0 }), "pageSize", /between 1 and 5000/],
    [() => client.companies.list({ pageSize: 5001 }), "pageSize", /between 1 and 5000/],
    [() => client.companies.list({ page: 1.5 }), "page", /integer/],
    [() => client.companies.list({ page: "2" }), "page", /must be a number/],
    [() => client.companies.list({ pagesize: 10 }), "pagesize", /is not a field/],
    [() => client.companies.create({ description: "no name" }), "name", /missing field `name`/],
    [() => client.companies.create({ name: 5 }), "name", /expected a string, got 5/],
    [() => client.companies.update({ companyId: ID, requestBody: { tags: { a: 1 } } }), "requestBody.tags.a", /expected a string, got 1/],
    [() => client.companies.get({ companyId: ID }, { timeoutMs: -1 }), "options.timeoutMs", /positive/],
    [() => client.companies.get({ companyId: ID }, { retries: { strategy: "sometimes" } }), "options.retries", /unknown variant/],
    [() => client.companies.get({ companyId: ID }, { signal: {} }), "options.signal", /AbortSignal/],
    [() => client.companies.get({ companyId: ID }, { timeout: 5 }), "options.timeout", /not a call option/],
  ];
  for (const [call, field, reason] of cases) {
    const err = await rejection(call());
    assert.ok(err instanceof sdk.InvalidRequestError, `${field}: ${err}`);
    assert.equal(err.field, field);
    assert.match(err.message, reason);
    assert.ok(err.message.includes(field), err.message);
  }
  assert.equal(ctx.server.requests.length, 0);
});

test("client options are validated at construction, naming the option", () => {
  const make = (options) => () => new sdk.CodatBankFeeds(options);
  const cases = [
    [undefined, "options"],
    [{ authHeader: API_KEY, httpClient: {} }, "httpClient"],
    [{ authHeader: API_KEY, httpClient: { request: fetch }, fetch }, "httpClient"],
    [{ authHeader: 5 }, "authHeader"],
    [{ authHeader: "justakey" }, "authHeader"],
    [{ authHeader: "Basic abc\r\nX-Injected: 1" }, "authHeader"],
    [{ authHeader: API_KEY, serverURL: "api.codat.io" }, "serverURL"],
    [{ authHeader: API_KEY, serverURL: "http://api.codat.io" }, "serverURL"],
    [{ authHeader: API_KEY, serverURL: "https://api.codat.io?x=1" }, "serverURL"],
    [{ authHeader: API_KEY, timeoutMs: 0 }, "timeoutMs"],
    [{ authHeader: API_KEY, retryConfig: { strategy: "backoff", backoff: { exponent: -2 } } }, "retryConfig.backoff.exponent"],
    [{ authHeader: API_KEY, retryConfig: { strategy: "backoff", backof: {} } }, "retryConfig"],
    [{ authHeader: API_KEY, fetch: "fetch" }, "fetch"],
    [{ authHeader: API_KEY, userAgent: "x\ny" }, "userAgent"],
    [{ authHeader: API_KEY, serverUrl: "https://api.codat.io" }, "serverUrl"],
  ];
  for (const [options, field] of cases) {
    assert.throws(make(options), (err) => {
      assert.ok(err instanceof sdk.InvalidRequestError, String(err));
      assert.equal(err.field, field);
      return true;
    });
  }
  new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: "http://api.codat.io", allowInsecureHttp: true });
  new sdk.CodatBankFeeds({ authHeader: API_KEY });
});

test("the API key never appears in errors, their text, JSON or stack", async () => {
  const secret = "Basic TOP-SECRET-KEY-0xC0DA7";
  const provider = async () => "Bearer TOKEN-SECRET-0xFEED";
  const errors = [];
  ctx.server.reply({ status: 401, json: { ...notFound, statusCode: 401, error: "Unauthorized" } }, { status: 200, json: { id: 5 } }, { destroy: true });
  const client = ctx.client({ authHeader: secret, retryConfig: { strategy: "none" } });
  errors.push(await rejection(client.companies.get({ companyId: ID })));
  errors.push(await rejection(client.companies.get({ companyId: ID })));
  errors.push(await rejection(client.companies.get({ companyId: ID })));
  errors.push(await rejection(client.companies.get({})));
  const tokenClient = ctx.client({ authHeader: provider, retryConfig: { strategy: "none" } });
  ctx.server.reply({ status: 401, json: notFound }, { status: 401, json: notFound });
  errors.push(await rejection(tokenClient.companies.get({ companyId: ID })));
  for (const bad of ["Basic TOP-SECRET-KEY-0xC0DA7\n", 7]) {
    assert.throws(
      () => new sdk.CodatBankFeeds({ authHeader: bad }),
      (e) => {
        errors.push(e);
        return true;
      },
    );
  }
  for (const err of errors) {
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack]) {
      assert.ok(!text.includes("TOP-SECRET"), text);
      assert.ok(!text.includes("TOKEN-SECRET"), text);
    }
  }
});
