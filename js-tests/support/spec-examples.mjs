// @ts-check
// The operations of a spec, counted from it, and for each one a request and a response built
// from the spec alone: its examples where it has them, otherwise the smallest value its schema
// allows. The suites that iterate over the operations (Prism, the recording mock, the
// extra-operation test) use these, so a new operation is tested the day it is generated.
import { readFileSync } from "node:fs";

const root = new URL("../..", import.meta.url);

export function loadSpec(path = new URL("spec/Codat-Bank-Feeds.json", root)) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The generator's operation table (js/operations.json) of the same spec. */
export function loadTable(path = new URL("js/operations.json", root)) {
  return JSON.parse(readFileSync(path, "utf8"));
}

const HTTP = ["get", "put", "post", "delete", "patch"];

/** Every operation of the spec: `{ operationId, httpMethod, path, op, item }`. */
export function specOperations(spec) {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP) {
      if (item[method]) out.push({ operationId: item[method].operationId, httpMethod: method.toUpperCase(), path, op: item[method], item });
    }
  }
  return out;
}

function pointer(spec, ref) {
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((node, key) => node[key], spec);
}

function deref(spec, node) {
  while (node?.$ref) node = pointer(spec, node.$ref);
  return node;
}

function firstExample(content, last = false) {
  const values = Object.values(content?.examples ?? {}).filter((ex) => ex && "value" in ex);
  if (values.length) return values[last ? values.length - 1 : 0].value;
  if (content && "example" in content) return content.example;
  return undefined;
}

/**
 * The smallest value `schema` allows, preferring the spec's own examples, defaults and enums;
 * of a `oneOf`, the first variant (the last with `last`).
 */
export function synthesize(spec, schema, depth = 0, last = false) {
  schema = deref(spec, schema) ?? {};
  if (Array.isArray(schema.examples) && schema.examples.length) return structuredClone(schema.examples[0]);
  if ("example" in schema) return structuredClone(schema.example);
  if ("default" in schema) return structuredClone(schema.default);
  if (schema.enum) return schema.enum.find((v) => v !== null);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return synthesize(spec, variants[last ? variants.length - 1 : 0], depth + 1, last);
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((part) => synthesize(spec, part, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "array") {
    const n = Math.max(1, schema.minItems ?? 1);
    return depth > 6 ? [] : Array.from({ length: n }, () => synthesize(spec, schema.items ?? {}, depth + 1, last));
  }
  if (type === "object" || schema.properties) {
    const out = {};
    for (const name of schema.required ?? []) {
      if (schema.properties?.[name]) out[name] = synthesize(spec, schema.properties[name], depth + 1, last);
    }
    return out;
  }
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (type === "string") {
    if (schema.format === "uuid") return "3f1a2b4c-5d6e-7f80-91a2-b3c4d5e6f708";
    if (schema.format === "date-time") return "2026-08-01T09:30:00Z";
    if (schema.format === "date") return "2026-08-01";
    return "x".repeat(Math.max(1, schema.minLength ?? 1));
  }
  return {};
}

function parameters(spec, entry) {
  const found = new Map();
  for (const p of [...(entry.item.parameters ?? []), ...(entry.op.parameters ?? [])]) {
    const param = deref(spec, p);
    found.set(`${param.in}:${param.name}`, param);
  }
  return [...found.values()];
}

function paramValue(spec, param) {
  if ("example" in param) return param.example;
  return synthesize(spec, param.schema ?? {});
}

/**
 * A request for `row` (a row of the operation table) from the spec alone, and what must reach
 * the server for it: `{ request, method, rawPath, search, body }`. `ids` replaces path values
 * (to test encoding); a JSON body is the first example of the request body, or synthesized
 * (`last`: the last example, and the last variant of a `oneOf`).
 */
export function exampleRequest(spec, row, { ids = {}, last = false } = {}) {
  const entry = specOperations(spec).find((o) => o.operationId === row.operationId);
  const params = parameters(spec, entry);
  const request = {};
  let rawPath = entry.path;
  for (const param of params) {
    if (param.in === "path") {
      const value = String(ids[param.name] ?? paramValue(spec, param));
      request[param.name] = value;
      rawPath = rawPath.replace(`{${param.name}}`, encodeURIComponent(value));
    }
  }
  for (const q of row.query) {
    const param = params.find((p) => p.in === "query" && p.name === q.name);
    const value = paramValue(spec, param);
    request[q.name] = value;
  }
  // The client writes the query in the spec's order, spaces as %20.
  const search = row.query.map((q) => `${q.name}=${encodeURIComponent(String(request[q.name]))}`).join("&");
  let body;
  if (row.body !== "none") {
    const rb = deref(spec, entry.op.requestBody);
    const content = rb.content?.["application/json"] ?? Object.values(rb.content ?? {})[0];
    if (row.body === "raw") {
      body = '{"payload":"raw bytes"}';
      request.requestBody = new TextEncoder().encode(body);
    } else {
      body = firstExample(content, last) ?? synthesize(spec, content.schema, 0, last);
      if (row.body === "whole") Object.assign(request, body);
      else request.requestBody = body;
    }
  }
  return { request, method: entry.httpMethod, rawPath, search: search ? `?${search}` : "", body };
}

/** The first documented 2XX of the operation and a body for it from the spec (`json` undefined: none). */
export function exampleResponse(spec, row) {
  const entry = specOperations(spec).find((o) => o.operationId === row.operationId);
  const status = row.successStatuses[0];
  const response = deref(spec, entry.op.responses[String(status)]);
  const content = response.content?.["application/json"];
  if (!content?.schema) return { status };
  return { status, json: firstExample(content) ?? synthesize(spec, content.schema) };
}

/** A page of a paged list (`row.paged`) with at least one item, from the spec. */
export function examplePage(spec, row) {
  const page = exampleResponse(spec, row).json;
  if (page.results?.length) return page;
  const entry = specOperations(spec).find((o) => o.operationId === row.operationId);
  const schema = deref(spec, deref(spec, entry.op.responses["200"]).content["application/json"].schema);
  const parts = [schema, ...(schema.allOf ?? []).map((s) => deref(spec, s))];
  const results = parts.find((s) => s.properties?.results)?.properties.results;
  return { ...page, results: [synthesize(spec, results.items)] };
}
