// Decimals in request bodies: a decimal field (js/decimals.js, from the spec's
// `format: decimal`) takes a number, a numeric string or a decimal object, and the exact digits
// go on the wire as a JSON number. JSON.stringify can write neither a string nor an object as a
// number (and `JSON.rawJSON` is not in Node 20), so `decimalJson` writes a marked string in
// its place and unquotes it after.

import { DECIMAL_FIELDS } from "./decimals.js";

// A JSON number: what may be sent as one, digit for digit.
const NUMERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The digits of `value` when it is a finite decimal numeral, or undefined. */
function digitsOf(value) {
  const text = typeof value === "string" ? value.trim() : undefined;
  return text !== undefined && NUMERAL.test(text) && Number.isFinite(Number(text)) ? text : undefined;
}

/** A decimal object: not a plain object or array, with `toFixed` (ours, decimal.js, big.js). */
function isDecimalObject(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null && typeof value.toFixed === "function";
}

/**
 * `value` as JSON with its decimals as numbers of their exact digits: decimal objects anywhere
 * and numeric strings at decimal fields. Undefined when there was none to convert (the caller
 * keeps `JSON.stringify`'s text and its error).
 */
export function decimalJson(value) {
  // Characters JSON.stringify writes as they are, random per call: a string of the caller's
  // that holds the mark by chance is as likely as guessing it.
  const mark = `@@${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}@@`;
  let converted = false;
  const text = JSON.stringify(value, function (key, v) {
    const original = this[key];
    const digits = isDecimalObject(original) ? digitsOf(String(original)) : DECIMAL_FIELDS.has(key) ? digitsOf(v) : undefined;
    if (digits === undefined) return v;
    converted = true;
    return `${mark}${digits}${mark}`;
  });
  if (!converted) return undefined;
  return text.replaceAll(new RegExp(`"${mark}([-+.eE0-9]+)${mark}"`, "g"), "$1");
}

/**
 * An exact decimal number, as `@codat/bank-feeds/sdk/types` exports one: it keeps the digits
 * it was given (no float rounding) and is sent as exactly those digits wherever the API takes a
 * decimal (`amount`, `balance`, ...). It does no arithmetic: use decimal.js or big.js for that,
 * whose values are sent the same way.
 */
export class Decimal {
  #digits;

  /** From a number, a numeric string or another decimal object; throws `TypeError` otherwise. */
  constructor(value) {
    const text = typeof value === "number" ? String(value) : String(value ?? "");
    const digits = digitsOf(text);
    if (digits === undefined) throw new TypeError(`Decimal: ${JSON.stringify(text)} is not a finite decimal number`);
    this.#digits = digits;
  }

  /** The digits, as given. */
  toString() {
    return this.#digits;
  }

  /** The digits, as given (what `JSON.stringify` writes outside a request body). */
  toJSON() {
    return this.#digits;
  }

  /** The nearest JS number (which may round). */
  toNumber() {
    return Number(this.#digits);
  }

  /** The nearest JS number (which may round), so that `+decimal` works. */
  valueOf() {
    return Number(this.#digits);
  }

  /** `toNumber().toFixed(digits)`. */
  toFixed(digits) {
    return this.toNumber().toFixed(digits);
  }
}
