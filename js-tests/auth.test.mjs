// The authHeader function is told why it is called ({ reason, attempt }), at most once per
// attempt: "unauthorized" once after a 401, with the value refused, so that a caching function
// refreshes once for many calls refused together.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company } from "./support/fixtures.mjs";
import { rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const unauthorized = { statusCode: 401, service: "PublicApi", error: "Unauthorized" };

/** A fetch that answers 401 to any token but `valid`'s current one. */
function tokenServer(valid) {
  const fetch = async (_url, init) => {
    fetch.sent.push(init.headers.Authorization);
    return init.headers.Authorization === `Bearer ${valid.token}` ? json(200, company) : json(401, unauthorized);
  };
  fetch.sent = [];
  return fetch;
}

test("the function gets { reason, attempt }: initial, then unauthorized once after a 401, with the value refused", async () => {
  const seen = [];
  const valid = { token: "fresh" };
  const authHeader = (context) => {
    seen.push(context);
    return context.reason === "unauthorized" ? "Bearer fresh" : "Bearer stale";
  };
  const result = await ctx.client({ authHeader, fetch: tokenServer(valid) }).companies.get({ companyId: C });
  assert.equal(result.id, C);
  assert.deepEqual(seen, [
    { reason: "initial", attempt: 1 },
    { reason: "unauthorized", attempt: 2, refused: "Bearer stale" },
  ]);

  // A retry after another failure is "initial" again; a second 401 ends the call.
  seen.length = 0;
  valid.token = "never";
  let first = true;
  const flaky = async (url, init) => {
    if (first) {
      first = false;
      return json(503, { statusCode: 503, error: "busy" });
    }
    return tokenServer(valid)(url, init);
  };
  const retryConfig = { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 5 } };
  const err = await rejection(ctx.client({ authHeader, fetch: flaky, retryConfig }).companies.get({ companyId: C }));
  assert.equal(err.statusCode, 401);
  assert.deepEqual(
    seen.map((c) => `${c.reason} ${c.attempt}`),
    ["initial 1", "initial 2", "unauthorized 3"],
  );
});

test("50 concurrent calls each refused once: 50 initial and 50 unauthorized calls, which a caching function dedupes", async () => {
  const valid = { token: "t0" };
  const reasons = { initial: 0, unauthorized: 0 };
  const counting = (context) => {
    reasons[context.reason] += 1;
    return context.reason === "initial" ? "Bearer t0" : "Bearer t1";
  };
  valid.token = "t1";
  const companyIds = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(8, "0")}-9b53-4396-a412-4f2f5983b0a2`);
  const client = ctx.client({ authHeader: counting, fetch: tokenServer(valid) });
  await Promise.all(companyIds.map((companyId) => client.companies.get({ companyId })));
  assert.deepEqual(reasons, { initial: 50, unauthorized: 50 });

  // A caching function: one refresh for all 50 refusals.
  let token = "old";
  let refreshing;
  let refreshes = 0;
  const cached = async ({ reason }) => {
    if (reason === "unauthorized") {
      refreshing ??= (async () => {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 10));
        return "new";
      })();
      token = await refreshing;
    }
    return `Bearer ${token}`;
  };
  valid.token = "new";
  const fetch = tokenServer(valid);
  const cachingClient = ctx.client({ authHeader: cached, fetch });
  await Promise.all(companyIds.map((companyId) => cachingClient.companies.get({ companyId })));
  assert.equal(refreshes, 1);
  assert.equal(fetch.sent.length, 100);
  assert.equal(fetch.sent.filter((a) => a === "Bearer new").length, 50);
});

test("an authHeader value fetch cannot send is refused before sending, without echoing it", async () => {
  const secret = "Bearer s\u00e9cr\u20act";
  assert.throws(
    () => ctx.client({ authHeader: secret }),
    (e) => e instanceof sdk.InvalidRequestError && e.field === "authHeader" && !String(e).includes("cr\u20act"),
  );
  const err = await rejection(ctx.client({ authHeader: () => secret }).companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "authHeader");
  assert.ok(!`${err} ${err.stack}`.includes("cr\u20act"));
  assert.equal(ctx.server.requests.length, 0);
});
