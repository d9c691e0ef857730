// The `query` parameter's language: `field op value` clauses joined by && and || (&& binds
// tighter), where op is one of = != > < >= <= ~ (contains). Values may be wrapped in quotes or
// {braces}. Comparison of strings is case-insensitive.
import { ApiError } from "./errors.mjs";

export function parseQuery(text, knownFields, resource) {
  const orGroups = text.split("||").map((group) =>
    group.split("&&").map((clause) => {
      const m = /^\s*([A-Za-z_][\w.]*)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$/.exec(clause);
      if (!m || m[3] === "") throw new ApiError(400, "Error parsing query - Malformed query.");
      const [, field, op, raw] = m;
      if (knownFields && !knownFields.includes(field)) {
        throw new ApiError(400, `Error parsing query - Could not resolve property ${field} on ${resource}`);
      }
      let value = raw;
      if (/^(".*"|'.*'|\{.*\})$/.test(value)) value = value.slice(1, -1);
      return { field, op, value };
    }),
  );
  return (record) => orGroups.some((clauses) => clauses.every((c) => matchClause(record, c)));
}

export function matchClause(record, { field, op, value }) {
  let actual = record;
  for (const part of field.split(".")) actual = actual == null ? undefined : actual[part];
  if (value.toLowerCase() === "null") {
    const isNull = actual === null || actual === undefined;
    return op === "!=" ? !isNull : op === "=" ? isNull : false;
  }
  if (actual === null || actual === undefined) return op === "!=";
  let a = actual;
  let b = value;
  if (typeof actual === "number") {
    b = Number(value);
    if (Number.isNaN(b)) return op === "!=";
  } else if (typeof actual === "boolean") {
    a = String(actual);
    b = value.toLowerCase();
  } else {
    a = String(actual).toLowerCase();
    b = value.toLowerCase();
  }
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case ">":
      return a > b;
    case "<":
      return a < b;
    case ">=":
      return a >= b;
    case "<=":
      return a <= b;
    case "~":
      return String(a).includes(String(b));
    default:
      return false;
  }
}
