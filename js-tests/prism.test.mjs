// Conformance: every operation of the spec (counted from it) against Prism, which validates
// each request against the spec and answers from its examples and schemas; each answer must
// decode. The requests come from the spec alone (spec-examples.mjs).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { rejection, sdk } from "./support/helpers.mjs";
import { startPrism } from "./support/prism.mjs";
import { exampleRequest, loadSpec, loadTable, specOperations } from "./support/spec-examples.mjs";

let prism;
let serverURL;

before(async () => {
  prism = await startPrism();
  serverURL = prism.url;
});

after(() => prism?.stop());

const client = () => new sdk.CodatBankFeeds({ authHeader: "Basic cHJpc20=", serverURL, retryConfig: { strategy: "none" } });

const C = "8a210b68-6988-11ed-a1eb-0242ac120002";
const spec = loadSpec();
const table = loadTable();

test("the suite covers every operation of the spec", () => {
  assert.deepEqual(
    table.table.map((row) => row.operationId).sort(),
    specOperations(spec)
      .map((o) => o.operationId)
      .sort(),
  );
});

for (const row of table.table) {
  const name = `${row.group}.${row.method}`;
  test(`${name}: Prism accepts the request the spec describes and the response decodes`, async () => {
    // The last example and `oneOf` variant: the spec's source-account versions overlap (a
    // version 2 body is also a valid version 1 body), which Prism's strict `oneOf` refuses.
    const { request } = exampleRequest(spec, row, { last: true });
    try {
      const result = await client()[row.group][row.method](request);
      if (result !== undefined) assert.equal(typeof result, "object");
    } catch (err) {
      const violations = err.headers?.["sl-violations"];
      // Prism generates recursive examples (PushOption.properties) cut off with `{}`, which
      // break the spec; Prism flags its own response, and the client rightly refuses it.
      if (err instanceof sdk.ResponseValidationError && violations?.includes('"location":["response"')) return;
      assert.fail(`${name}: ${err.name}: ${err.message}${violations ? `\nPrism: ${violations}` : ""}\nbody: ${err.body}`);
    }
  });
}

test("a request the spec makes knowable as invalid is refused before sending", async () => {
  const err = await rejection(client().connections.create({ companyId: C, requestBody: { platformKey: "toolong" } }));
  assert.ok(err instanceof sdk.InvalidRequestError, String(err));
  assert.equal(err.field, "requestBody.platformKey");
});

test("Prism refuses an invalid request the client cannot know about, and the error keeps its reason", async () => {
  // Not a UUID where the spec says `format: uuid`: the client leaves id formats to the server.
  const err = await rejection(client().companies.get({ companyId: "not-a-uuid" }));
  assert.ok(err instanceof sdk.CodatBankFeedsError, String(err));
  assert.ok([400, 422].includes(err.statusCode), String(err.statusCode));
  assert.match(`${err.headers["sl-violations"] ?? ""} ${err.body}`, /companyId|uuid/);
});
