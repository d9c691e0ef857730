// @ts-check
// Response bodies the tests reply with, taken from the spec's own examples (so they follow the
// spec as it changes), where a test needs one it can name.
import { loadSpec } from "./spec-examples.mjs";

const spec = loadSpec();

/** The example `name` of `content` (a media type object of the spec). */
function example(content, name) {
  const found = content.examples?.[name];
  if (!found) throw new Error(`the spec has no example "${name}" here`);
  return structuredClone(found.value);
}

const json = (node) => node.content["application/json"];
const response = (path, method, status) => json(spec.paths[path][method].responses[status]);
const shared = (name) => json(spec.components.responses[name]);

export const company = example(response("/companies/{companyId}", "get", "200"), "Simple company");

export const companies = example(response("/companies", "get", "200"), "One company");

export const accessToken = example(response("/companies/{companyId}/accessToken", "get", "200"), "Simple company");

export const notFound = example(shared("Not-Found"), "Company not found");

export const unavailable = example(shared("Service-Unavailable"), "Conflict");

/** A push operation as the API answers a push (the spec has no example of one). */
export const pushOperation = {
  companyId: "8a210b68-6988-11ed-a1eb-0242ac120002",
  pushOperationKey: "c5e8b9a2-7e5f-4c43-9d3f-4a0b5d2e6f71",
  dataConnectionKey: "2e9d2c44-f675-40ba-8049-353bfcb5e171",
  requestedOnUtc: "2024-01-01T00:00:00Z",
  status: "Pending",
  statusCode: 202,
};
