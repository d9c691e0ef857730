// Field checks of request bodies: each problem is collected, and `throwIfAny` answers them as one
// 400 `ErrorMessage` with the spec's validation items.
import { badRequest } from "./errors.mjs";

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
export const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
export const has = (o, k) => Object.hasOwn(o, k);

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
