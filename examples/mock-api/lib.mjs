// The fake API's constants and helpers: errors, field checks, the query language.

import { createHash, randomBytes } from "node:crypto";

export const DEFAULT_API_KEY = "Basic ZGVtby1rZXk="; // base64("demo-key")
/** How long Codat keeps the answer to an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_MS = 90 * 60 * 1000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const SERVICE = "PublicApi";

export const V2_ACCOUNT_TYPES = ["checking", "savings", "loan", "creditCard", "prepaidCard"];
export const SOURCE_ACCOUNT_STATUSES = ["pending", "connected", "connecting", "disconnected", "unknown"];
export const ROUTING_TYPES = ["rtn", "aba", "swift", "bsb", "iban", "nz2", "trno", "sortcode", "blz", "ifsc", "bankcode", "apca", "clabe"];
export const CONNECTION_STATUSES = ["PendingAuth", "Linked", "Unlinked", "Deauthorized"];
export const BANK_ACCOUNT_TYPES = ["Unknown", "Credit", "Debit"];
export const BANK_ACCOUNT_STATUSES = ["Unknown", "Active", "Archived", "Pending"];
export const TRANSACTION_TYPES = [
  "Unknown",
  "Credit",
  "Debit",
  "Int",
  "Div",
  "Fee",
  "SerChg",
  "Dep",
  "Atm",
  "Pos",
  "Xfer",
  "Check",
  "Payment",
  "Cash",
  "DirectDep",
  "DirectDebit",
  "RepeatPmt",
  "Other",
];
export const COMPANY_NAME_PATTERN = /^[A-Za-z0-9\s\-',&@.,?!\s]+$/;
export const PLATFORM_NAMES = {
  gbol: "Xero",
  qhyg: "QuickBooks Online",
  hcws: "QuickBooks Online Bank Feeds",
  mqjo: "Sandbox",
};

// ---------------------------------------------------------------------------------------------
// Errors and small helpers

export class ApiError extends Error {
  constructor(status, message, validation) {
    super(message);
    this.status = status;
    this.validation = validation;
  }
}

export const badRequest = (message, validation) => new ApiError(400, message, validation);
export const notFound = (message) => new ApiError(404, message);

export function errorBody(statusCode, error, validation) {
  const body = { statusCode, service: SERVICE, error, correlationId: randomBytes(16).toString("hex") };
  if (validation) body.validation = validation;
  body.canBeRetried = "Unknown";
  body.detailedErrorCode = 0;
  return body;
}

/** Collects field problems; `throwIfAny` turns them into one 400 ErrorMessage. */
export class Problems {
  constructor() {
    this.items = [];
  }
  add(itemId, message) {
    this.items.push({ itemId, message, validatorName: "FakeCodatValidator" });
  }
  throwIfAny(summary = "Error processing request - not valid.") {
    if (this.items.length > 0) {
      const detail = this.items.map((e) => (e.itemId ? `${e.itemId}: ${e.message}` : e.message)).join("; ");
      throw badRequest(`${summary} ${detail}`, { errors: this.items, warnings: [] });
    }
  }
}

export const iso = (ms) => new Date(ms).toISOString();
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
export const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
export const has = (o, k) => Object.hasOwn(o, k);

/** A stable UUID-shaped id derived from a string (integration ids per platform key). */
export function stableUuid(seed) {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function randomCode(length, alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function requireObjectBody(body, what = "request body") {
  if (body === undefined) throw badRequest(`Error processing request - the ${what} is required.`);
  if (!isObject(body)) throw badRequest(`Error processing request - the ${what} must be a JSON object.`);
  return body;
}

// Field checks: each returns true when the value is acceptable.
export function checkString(p, obj, key, { required = false, nullable = false, minLength = 0 } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (typeof v !== "string") p.add(key, `'${key}' must be a string.`);
  else if (v.length < minLength) p.add(key, `'${key}' must not be empty.`);
}

export function checkNumber(p, obj, key, { required = false, nullable = false } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (!isNumber(v)) p.add(key, `'${key}' must be a number.`);
}

export function checkEnum(p, obj, key, values, { required = false, nullable = false } = {}) {
  if (!has(obj, key) || obj[key] === undefined) {
    if (required) p.add(key, `'${key}' is required.`);
    return;
  }
  const v = obj[key];
  if (v === null) {
    if (!nullable) p.add(key, `'${key}' must not be null.`);
    return;
  }
  if (!values.includes(v)) p.add(key, `'${key}' must be one of: ${values.join(", ")}.`);
}

export function checkCurrency(p, obj, key, { required = false } = {}) {
  checkString(p, obj, key, { required });
  if (typeof obj[key] === "string" && !/^[A-Z]{3}$/.test(obj[key])) {
    p.add(key, `'${key}' must be an ISO 4217 currency code such as GBP.`);
  }
}

export function checkTags(p, tags) {
  if (tags === undefined) return;
  if (!isObject(tags)) {
    p.add("tags", "'tags' must be an object of string values.");
    return;
  }
  const keys = Object.keys(tags);
  if (keys.length > 10) p.add("tags", "At most 10 tags are allowed.");
  for (const k of keys) {
    if (k.length < 1 || k.length > 27) p.add(`tags.${k}`, "Tag names must be 1 to 27 characters long.");
    if (typeof tags[k] !== "string") p.add(`tags.${k}`, "Tag values must be strings.");
    else if (tags[k].length > 100) p.add(`tags.${k}`, "Tag values must be at most 100 characters long.");
  }
}

// ---------------------------------------------------------------------------------------------
// Query language: `field op value` clauses joined by && and || (&& binds tighter), where op is one
// of = != > < >= <= ~ (contains). Values may be wrapped in quotes or {braces}. Comparison of
// strings is case-insensitive.

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
