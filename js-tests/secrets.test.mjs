// Secrets stay out of errors and logs: a serverURL with credentials is refused without being
// echoed, and verbose logs mask credential fields of request and response bodies.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import { accessToken, company, unavailable } from "./support/fixtures.mjs";
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

test("verbose logs mask credential fields of request and response bodies, the rest as sent", async () => {
  const lines = [];
  const client = ctx.client({ debugLogger: { debug: (l) => lines.push(l) }, debugLevel: "verbose" });
  const CONNECTION = "2e2eb431-c1fa-4dc9-93fa-d29781c12bcd";
  // generateCredentials: the caller's raw JSON body, and Codat's BankAccountCredentials.
  ctx.server.reply({ status: 503, json: unavailable }, { json: { username: "user-SECRET-1", password: `${PASSWORD}-answer`, domainName: "bank.example" } });
  const sent = { bank: "Acme", clientSecret: `${PASSWORD}-client`, nested: { apiKey: { value: `${PASSWORD}-key` }, refreshTokens: ["SECRET-2"] } };
  const answer = await client.sourceAccounts.generateCredentials({ companyId: C, connectionId: CONNECTION, requestBody: JSON.stringify(sent) });
  assert.equal(answer.password, `${PASSWORD}-answer`);
  // getAccessToken: Codat's CompanyAccessToken.
  ctx.server.reply({ json: { ...accessToken, accessToken: `${PASSWORD}-token` } });
  await client.companies.getAccessToken({ companyId: C });

  const log = lines.join("\n");
  assert.ok(!log.includes("hunter2") && !log.includes("SECRET"), log);
  const bodies = lines.filter((l) => /^ {2}(request|response) body: /.test(l));
  assert.deepEqual(bodies, [
    '  request body: {"bank":"Acme","clientSecret":"[redacted]","nested":{"apiKey":"[redacted]","refreshTokens":"[redacted]"}}',
    `  response body: ${JSON.stringify(unavailable)}`,
    '  request body: {"bank":"Acme","clientSecret":"[redacted]","nested":{"apiKey":"[redacted]","refreshTokens":"[redacted]"}}',
    '  response body: {"username":"[redacted]","password":"[redacted]","domainName":"bank.example"}',
    `  response body: ${JSON.stringify({ ...accessToken, accessToken: "[redacted]", tokenType: "[redacted]" })}`,
  ]);
});
