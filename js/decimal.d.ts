/**
 * An exact decimal number, as `@codat/bank-feeds/sdk/types` exports one: it keeps the digits it
 * was given (no float rounding) and is sent as exactly those digits wherever the API takes a
 * decimal (`amount`, `balance`, ...). It does no arithmetic: use decimal.js or big.js for that,
 * whose values are sent the same way.
 */
export declare class Decimal {
  /** From a number, a numeric string or another decimal object; throws `TypeError` otherwise. */
  constructor(value: number | string | { toString(): string });
  /** The digits, as given. */
  toString(): string;
  /** The digits, as given (what `JSON.stringify` writes outside a request body). */
  toJSON(): string;
  /** The nearest JS number (which may round). */
  toNumber(): number;
  /** The nearest JS number (which may round), so that `+decimal` works. */
  valueOf(): number;
  /** `toNumber().toFixed(digits)`. */
  toFixed(digits?: number): string;
}
