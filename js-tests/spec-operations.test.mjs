// Every operation of the spec against the recording mock, counted from the spec: the request
// the spec describes (path values that must stay in their segment, the spec's query examples,
// its body examples) reaches the server exactly, and the documented response decodes to the
// typed result. Nothing here names an operation: a new one in spec/ is tested once generated.

import assert from "node:assert/strict";
import { test } from "node:test";
import { useMockServer } from "./support/helpers.mjs";
import { examplePage, exampleRequest, exampleResponse, loadSpec, loadTable, specOperations } from "./support/spec-examples.mjs";

const ctx = useMockServer();
const spec = loadSpec();
const table = loadTable();
// A value for every path parameter that must be percent-encoded to stay in its segment.
const awkward = (row) => Object.fromEntries(row.pathParams.map((name) => [name, `${name}/1 é`]));

test("the operation table has every operation of the spec, once", () => {
  const ids = specOperations(spec)
    .map((o) => o.operationId)
    .sort();
  assert.deepEqual(table.table.map((row) => row.operationId).sort(), ids);
  assert.equal(table.operations, ids.length);
  assert.equal(new Set(table.table.map((row) => `${row.group}.${row.method}`)).size, ids.length);
});

for (const row of table.table) {
  const name = `${row.group}.${row.method}`;
  test(`${name}: ${row.httpMethod} ${row.path} as the spec describes it, and its documented response`, async () => {
    const sent = exampleRequest(spec, row, { ids: awkward(row) });
    const reply = exampleResponse(spec, row);
    ctx.server.reply(reply.json === undefined ? { status: reply.status } : { status: reply.status, json: reply.json });
    const client = ctx.client();
    const result = await client[row.group][row.method](sent.request);
    assert.equal(ctx.server.requests.length, 1);
    const [req] = ctx.server.requests;
    assert.equal(req.method, sent.method);
    assert.equal(req.rawPath, sent.rawPath);
    assert.equal(req.search, sent.search);
    assert.equal(req.headers.authorization, "Basic c2VjcmV0LWFwaS1rZXktMTIzNDU=");
    assert.equal(req.headers.accept, "application/json");
    if (sent.body === undefined) {
      assert.equal(req.body, "");
      assert.equal(req.headers["content-type"], undefined);
    } else {
      assert.equal(req.headers["content-type"], "application/json");
      if (row.body === "raw") assert.equal(req.body, sent.body);
      else assert.deepEqual(req.json, sent.body);
    }
    assert.deepEqual(result, reply.json);
  });

  if (row.paged) {
    test(`${name}: ${row.paged.items} and ${row.paged.pages} page through what ${row.method} returns`, async () => {
      const { request } = exampleRequest(spec, row, { ids: awkward(row) });
      const page = examplePage(spec, row);
      const last = {
        ...page,
        pageNumber: 1,
        pageSize: page.results.length,
        totalResults: page.results.length,
        _links: { self: { href: "/" }, current: { href: "/" } },
      };
      ctx.server.otherwise({ json: last });
      const group = ctx.client()[row.group];
      const items = [];
      for await (const item of group[row.paged.items]({ ...request, page: 1 })) items.push(item);
      assert.deepEqual(items, page.results);
      const pages = [];
      for await (const p of group[row.paged.pages]({ ...request, page: 1 })) pages.push(p);
      assert.deepEqual(pages, [last]);
      assert.deepEqual(
        ctx.server.requests.map((r) => r.query.page),
        ["1", "1"],
      );
    });
  }

  if (row.wait) {
    test(`${name}: ${row.wait.method} polls while the status is ${row.wait.inProgress.join(" or ")}`, async () => {
      const { request } = exampleRequest(spec, row, { ids: awkward(row) });
      const body = exampleResponse(spec, row).json;
      const running = row.wait.inProgress.map((status) => ({ json: { ...body, status } }));
      ctx.server.reply(...running, { json: { ...body, status: "SomethingFinal" } });
      const done = await ctx.client()[row.group][row.wait.method](request, { intervalMs: 1, maxIntervalMs: 2 });
      assert.equal(done.status, "SomethingFinal");
      assert.equal(ctx.server.requests.length, running.length + 1);
    });
  }
}
