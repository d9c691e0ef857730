// What a hook makes invalid is a HookError naming the hook; what the runtime refuses to build
// before sending is an InvalidRequestError or HookError; neither is a ConnectionError, neither
// is retried, and no secret is in their text. Only what may have reached the network is retried.

import assert from "node:assert/strict";
import { test } from "node:test";
import { company } from "./support/fixtures.mjs";
import { FAST_RETRIES, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;
const SECRET = "Basic c2VjcmV0LW5ldmVyLWVjaG9lZA==";

/** Every text an error carries, its cause's included. */
const texts = (err) => [err.message, String(err), err.stack, err.cause?.message, err.cause?.stack, JSON.stringify(err)].join("\n");

/** The call's error, with the requests the mock server received. */
async function failure(hooks) {
  ctx.server.reset();
  ctx.server.otherwise({ json: company });
  const err = await rejection(ctx.client({ authHeader: SECRET, hooks, retryConfig: FAST_RETRIES }).companies.get({ companyId: C }));
  return { err, sent: ctx.server.requests.length };
}

test("beforeRequest leaving an invalid request is a HookError naming it, not retried, nothing sent, no secret echoed", async () => {
  const cases = {
    "a header value with CR LF": (r) => ({ ...r, headers: { ...r.headers, Authorization: `${SECRET}\r\nX-Evil: 1` } }),
    "a header value beyond Latin-1": (r) => ({ ...r, headers: { ...r.headers, "X-Note": `${SECRET}\u20ac` } }),
    "an Authorization changed in place": (r) => {
      r.headers.Authorization = `${SECRET}\nX-Evil: 1`;
    },
    "a non-object return": () => "https://example.com",
    "a number return": () => 42,
    "a URL that is not one": (r) => ({ ...r, url: "not a url" }),
    "a URL with credentials": (r) => ({ ...r, url: r.url.replace("http://", "http://user:pa55w0rd@") }),
    "a body on GET": (r) => ({ ...r, body: "{}" }),
  };
  for (const [what, beforeRequest] of Object.entries(cases)) {
    const { err, sent } = await failure({ beforeRequest });
    assert.ok(err instanceof sdk.HookError, `${what}: ${err}`);
    assert.equal(err.hook, "beforeRequest", what);
    assert.equal(sent, 0, `${what}: sent ${sent}`);
    assert.ok(!texts(err).includes("c2VjcmV0LW5ldmVyLWVjaG9lZA") && !texts(err).includes("pa55w0rd"), `${what} echoed a secret: ${texts(err)}`);
  }
});

test("afterSuccess returning something other than a response is a HookError naming it", async () => {
  for (const returned of [5, "changed", true]) {
    const { err } = await failure({ afterSuccess: () => returned });
    assert.ok(err instanceof sdk.HookError, String(err));
    assert.equal(err.hook, "afterSuccess");
  }
  // Nothing, or a changed response, is fine.
  ctx.server.otherwise({ json: company });
  const client = ctx.client({ hooks: { afterSuccess: () => null } });
  assert.equal((await client.companies.get({ companyId: C })).id, C);
});

test("a network failure is still a ConnectionError and retried; a refusal by fetch is not", async () => {
  let calls = 0;
  const refusing = async () => {
    calls += 1;
    throw new TypeError("fetch failed");
  };
  const err = await rejection(ctx.client({ fetch: refusing, retryConfig: FAST_RETRIES }).companies.get({ companyId: C }));
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.ok(calls > 1, `attempts: ${calls}`);
});
