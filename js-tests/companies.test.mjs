// Companies end to end: the exact request that reaches the server and the typed result.

import assert from "node:assert/strict";
import { test } from "node:test";
import { accessToken, companies, company } from "./support/fixtures.mjs";
import { API_KEY, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const ID = company.id;
const VERSION = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"))).version;

function assertCommonHeaders(req, { body }) {
  assert.equal(req.headers.authorization, API_KEY);
  assert.equal(req.headers.accept, "application/json");
  assert.equal(req.headers["user-agent"], `codat-bank-feeds-wasm/${VERSION}`);
  assert.equal(req.headers["content-type"], body ? "application/json" : undefined);
}

test("companies.create posts the body itself and resolves to the Company", async () => {
  ctx.server.reply({ json: company });
  const input = { name: "Toft stores", description: "Early access", tags: { region: "us" } };
  const result = await ctx.client().companies.create(input);
  const [req] = ctx.server.requests;
  assert.equal(req.method, "POST");
  assert.equal(req.rawPath, "/companies");
  assert.equal(req.search, "");
  assertCommonHeaders(req, { body: true });
  assert.deepEqual(req.json, input);
  assert.deepEqual(result, company);
});

test("companies.list sends paging, query, orderBy and tags as the query string", async () => {
  ctx.server.reply({ json: companies });
  const result = await ctx.client().companies.list({
    page: 2,
    pageSize: 50,
    query: "name=Toft & co",
    orderBy: "-created",
    tags: "region=uk && team=invoice-finance",
  });
  const [req] = ctx.server.requests;
  assert.equal(req.method, "GET");
  assert.equal(req.rawPath, "/companies");
  assert.equal(req.search, "?page=2&pageSize=50&query=name%3DToft%20%26%20co&orderBy=-created&tags=region%3Duk%20%26%26%20team%3Dinvoice-finance");
  assertCommonHeaders(req, { body: false });
  assert.equal(req.body, "");
  assert.deepEqual(result, companies);
});

test("companies.list takes no request at all", async () => {
  ctx.server.reply({ json: companies });
  await ctx.client().companies.list();
  assert.equal(ctx.server.requests[0].search, "");
});

test("companies.get puts the id in the path", async () => {
  ctx.server.reply({ json: company });
  const result = await ctx.client().companies.get({ companyId: ID });
  const [req] = ctx.server.requests;
  assert.equal(req.method, "GET");
  assert.equal(req.rawPath, `/companies/${ID}`);
  assertCommonHeaders(req, { body: false });
  assert.deepEqual(result, company);
});

test("ids are percent-encoded and never change the path", async () => {
  for (const [id, encoded] of [
    ["../x", "..%2Fx"],
    ["a/b", "a%2Fb"],
    ["a?b#c", "a%3Fb%23c"],
    ["100% sure", "100%25%20sure"],
    ["Zoë", "Zo%C3%AB"],
  ]) {
    ctx.server.reply({ json: company });
    await ctx.client().companies.get({ companyId: id });
    assert.equal(ctx.server.requests.at(-1).rawPath, `/companies/${encoded}`);
  }
});

test("companies.delete sends DELETE and resolves to undefined on 204", async () => {
  ctx.server.reply({ status: 204 });
  const result = await ctx.client().companies.delete({ companyId: ID });
  const [req] = ctx.server.requests;
  assert.equal(req.method, "DELETE");
  assert.equal(req.rawPath, `/companies/${ID}`);
  assertCommonHeaders(req, { body: false });
  assert.equal(result, undefined);
});

test("companies.replace PUTs requestBody", async () => {
  ctx.server.reply({ json: company });
  const body = { name: "Toft stores", description: null, tags: { region: "us" } };
  const result = await ctx.client().companies.replace({ companyId: ID, requestBody: body });
  const [req] = ctx.server.requests;
  assert.equal(req.method, "PUT");
  assert.equal(req.rawPath, `/companies/${ID}`);
  assertCommonHeaders(req, { body: true });
  assert.deepEqual(req.json, body);
  assert.deepEqual(result, company);
});

test("companies.update PATCHes requestBody, and sends no body when there is none", async () => {
  ctx.server.reply({ json: company }, { json: company });
  await ctx.client().companies.update({ companyId: ID, requestBody: { description: "New" } });
  await ctx.client().companies.update({ companyId: ID });
  const [withBody, without] = ctx.server.requests;
  assert.equal(withBody.method, "PATCH");
  assert.deepEqual(withBody.json, { description: "New" });
  assert.equal(without.body, "");
  assert.equal(without.headers["content-type"], undefined);
});

test("companies.getAccessToken resolves to the CompanyAccessToken", async () => {
  ctx.server.reply({ json: accessToken });
  const result = await ctx.client().companies.getAccessToken({ companyId: ID });
  const [req] = ctx.server.requests;
  assert.equal(req.method, "GET");
  assert.equal(req.rawPath, `/companies/${ID}/accessToken`);
  assert.deepEqual(result, accessToken);
});

test("unknown response fields are tolerated and kept; DateTimes stay strings as sent", async () => {
  const extended = { ...company, created: "2022-10-23", somethingNew: { nested: [1, 2] } };
  ctx.server.reply({ json: extended });
  const result = await ctx.client().companies.get({ companyId: ID });
  assert.deepEqual(result, extended);
  assert.equal(result.created, "2022-10-23");
});

test("group objects are cached per client", () => {
  const client = ctx.client();
  assert.equal(client.companies, client.companies);
  assert.ok(client.companies instanceof sdk.CompaniesApi);
});

test("a custom fetch is used instead of the global one", async () => {
  ctx.server.reply({ json: company });
  const seen = [];
  const client = ctx.client({
    fetch: (url, init) => {
      seen.push([url, init.method]);
      return fetch(url, init);
    },
  });
  await client.companies.get({ companyId: ID });
  assert.deepEqual(seen, [[`${ctx.server.url}/companies/${ID}`, "GET"]]);
});

test("userAgent replaces the default User-Agent", async () => {
  ctx.server.reply({ json: company });
  await ctx.client({ userAgent: "my-app/2.0" }).companies.get({ companyId: ID });
  assert.equal(ctx.server.requests[0].headers["user-agent"], "my-app/2.0");
});

test("per-call serverURL overrides the client's", async () => {
  ctx.server.reply({ json: company });
  const client = ctx.client({ serverURL: "http://127.0.0.1:9" });
  await client.companies.get({ companyId: ID }, { serverURL: ctx.server.url });
  assert.equal(ctx.server.requests.length, 1);
});
