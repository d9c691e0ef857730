// Paging: listAll and listPages over the spec's paged lists.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company, notFound, unavailable } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();

const pageOf = (n, total, size, hasNext) => ({
  results: Array.from({ length: n }, (_, i) => ({ ...company, id: `c-${i}` })),
  pageNumber: 0, // set by the responder
  pageSize: size,
  totalResults: total,
  _links: { self: { href: "/companies" }, current: { href: "/companies" }, ...(hasNext ? { next: { href: "/companies?page=next" } } : {}) },
});
/** Serves `total` companies in pages of `size`, numbered from the request's page. */
function servePages(total, size, { failOn } = {}) {
  ctx.server.otherwise((req) => {
    const page = Number(req.query.page);
    if (page === failOn) return { status: 404, json: notFound };
    const start = (page - 1) * size;
    const n = Math.max(0, Math.min(size, total - start));
    const body = pageOf(n, total, size, start + n < total);
    body.pageNumber = page;
    body.results = body.results.map((c, i) => ({ ...c, id: `c-${start + i}` }));
    return { json: body };
  });
}
const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
};

test("listAll: no items means one request and nothing yielded", async () => {
  servePages(0, 100);
  assert.deepEqual(await collect(ctx.client().companies.listAll()), []);
  assert.equal(ctx.server.requests.length, 1);
});

test("listAll: exactly one full page is one request", async () => {
  servePages(3, 3);
  const ids = (await collect(ctx.client().companies.listAll({ pageSize: 3 }))).map((c) => c.id);
  assert.deepEqual(ids, ["c-0", "c-1", "c-2"]);
  assert.equal(ctx.server.requests.length, 1);
  assert.equal(ctx.server.requests[0].search, "?page=1&pageSize=3");
});

test("listAll: pages on demand to a partial last page, query kept", async () => {
  servePages(5, 2);
  const ids = (await collect(ctx.client().companies.listAll({ pageSize: 2, query: "name=x" }))).map((c) => c.id);
  assert.deepEqual(ids, ["c-0", "c-1", "c-2", "c-3", "c-4"]);
  assert.deepEqual(
    ctx.server.requests.map((r) => r.search),
    ["?page=1&pageSize=2&query=name%3Dx", "?page=2&pageSize=2&query=name%3Dx", "?page=3&pageSize=2&query=name%3Dx"],
  );
});

test("listAll: an error on page 3 is thrown after the items already yielded", async () => {
  servePages(10, 2, { failOn: 3 });
  const seen = [];
  const err = await rejection(
    (async () => {
      for await (const c of ctx.client().companies.listAll({ pageSize: 2 })) seen.push(c.id);
    })(),
  );
  assert.ok(err instanceof sdk.ErrorMessage);
  assert.deepEqual(seen, ["c-0", "c-1", "c-2", "c-3"]);
});

test("listAll: a break sends no further request; listPages yields whole pages", async () => {
  servePages(10, 2);
  for await (const c of ctx.client().companies.listAll({ pageSize: 2 })) {
    assert.equal(c.id, "c-0");
    break;
  }
  assert.equal(ctx.server.requests.length, 1);
  ctx.server.reset();
  servePages(3, 2);
  const pages = await collect(ctx.client().companies.listPages({ pageSize: 2 }));
  assert.deepEqual(
    pages.map((p) => [p.pageNumber, p.results.length]),
    [
      [1, 2],
      [2, 1],
    ],
  );
});

test("listAll: pages are retried by the policy, and the signal stops paging", async () => {
  let n = 0;
  servePages(4, 2);
  const inner = ctx.server.requests;
  ctx.server.reply({ status: 503, json: unavailable });
  assert.equal((await collect(ctx.client().companies.listAll({ pageSize: 2 }))).length, 4);
  assert.equal(inner.length, 3);
  const controller = new AbortController();
  const err = await rejection(
    (async () => {
      for await (const _ of ctx.client().companies.listAll({ pageSize: 2 }, { signal: controller.signal })) {
        n++;
        controller.abort();
      }
    })(),
  );
  assert.ok(err instanceof sdk.RequestAbortedError);
  assert.equal(n, 2);
});

/** Serves full pages of 2 with more to come, numbered `answer(requested page)`, ids `p<n>-<i>`. */
function serveNumbered(answer) {
  ctx.server.otherwise((req) => {
    const n = answer(Number(req.query.page));
    const body = pageOf(2, 100, 2, true);
    body.pageNumber = n;
    body.results = body.results.map((c, i) => ({ ...c, id: `p${n}-${i}` }));
    return { json: body };
  });
}
/** What the loop saw before it threw (at most 20 items: a loop that runs on fails the test). */
async function drain(iterable, id) {
  const seen = [];
  const err = await rejection(
    (async () => {
      for await (const x of iterable) {
        seen.push(id(x));
        if (seen.length > 20) return;
      }
    })(),
  );
  return { seen, err };
}

test("listAll: a server that does not advance stops paging with PaginationError, after what came", async () => {
  const cases = [
    // Ignores `page`: page 1 over and over.
    [() => 1, ["p1-0", "p1-1"], 2, 1],
    // Stops at page 2: 1, 2, 2, 2, ...
    [(p) => Math.min(p, 2), ["p1-0", "p1-1", "p2-0", "p2-1"], 3, 2],
    // Goes backwards: 1, 2, then 1 again.
    [(p) => (p === 3 ? 1 : p), ["p1-0", "p1-1", "p2-0", "p2-1"], 3, 1],
    // Jumps ahead, which would skip the pages between.
    [(p) => (p === 2 ? 4 : p), ["p1-0", "p1-1"], 2, 4],
  ];
  for (const [answer, expected, requestedPage, receivedPage] of cases) {
    ctx.server.reset();
    serveNumbered(answer);
    const { seen, err } = await drain(ctx.client().companies.listAll({ pageSize: 2 }), (c) => c.id);
    assert.deepEqual(seen, expected);
    assert.ok(err instanceof sdk.PaginationError && err instanceof sdk.CodatBankFeedsError, String(err));
    assert.equal(err.requestedPage, requestedPage);
    assert.equal(err.receivedPage, receivedPage);
    assert.equal(
      err.message,
      `list: paging stopped: asked for page ${requestedPage} but the server answered page ${receivedPage} (does it, or a proxy, ignore \`page\`?)`,
    );
    assert.equal(ctx.server.requests.length, requestedPage);
  }
});

test("listPages: the same check, on whole pages; the first page may be numbered as the server likes", async () => {
  serveNumbered(() => 1);
  const { seen, err } = await drain(ctx.client().companies.listPages({ pageSize: 2 }), (p) => p.pageNumber);
  assert.deepEqual(seen, [1]);
  assert.ok(err instanceof sdk.PaginationError, String(err));
  // The first page is taken as numbered: the spec's own example page says `pageNumber: 0`.
  ctx.server.reset();
  ctx.server.otherwise(() => ({ json: { ...pageOf(2, 0, 0, false), pageNumber: 0 } }));
  const pages = await collect(ctx.client().companies.listPages());
  assert.deepEqual(
    pages.map((p) => p.pageNumber),
    [0],
  );
});
