// Secrets stay out of errors and logs: a serverURL with credentials is refused without being
// echoed, and verbose logs mask credential fields of request and response bodies.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import { company, unavailable } from "./support/fixtures.mjs";
import { API_KEY, rejection, sdk, useMockServer } from "./support/helpers.mjs";

const ctx = useMockServer();
const C = company.id;
const PASSWORD = "hunter2-PASSWORD-0xF00D";

/** Every text an error shows: message, toString, stack, its own fields and its cause's. */
function everyText(err) {
  return [String(err), err.message, err.stack, JSON.stringify(err), inspect(err, { depth: 5 }), inspect(err.cause, { depth: 5 })].join("\n");
}

test("a serverURL with a user name or password is refused by the constructor and per call, never echoed", async () => {
  const lines = [];
  const debugLogger = { debug: (l) => lines.push(l) };
  const host = new URL(ctx.server.url).host;
  for (const userinfo of [`user:${PASSWORD}`, PASSWORD, `:${PASSWORD}`, `${PASSWORD}@other`]) {
    const serverURL = `http://${userinfo}@${host}`;
    let thrown;
    assert.throws(
      () => new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL, debugLogger, debugLevel: "verbose" }),
      (err) => {
        thrown = err;
        return err instanceof sdk.InvalidRequestError && err.field === "serverURL";
      },
    );
    assert.match(thrown.message, /`serverURL` must not contain a user name or password/);
    assert.ok(!everyText(thrown).includes("hunter2"), everyText(thrown));

    const client = ctx.client({ debugLogger, debugLevel: "verbose" });
    const err = await rejection(client.companies.get({ companyId: C }, { serverURL }));
    assert.ok(err instanceof sdk.InvalidRequestError, String(err));
    assert.equal(err.field, "options.serverURL");
    assert.ok(!everyText(err).includes("hunter2"), everyText(err));
  }
  assert.equal(ctx.server.requests.length, 0);
  assert.ok(!lines.join("\n").includes("hunter2"), lines.join("\n"));
});
