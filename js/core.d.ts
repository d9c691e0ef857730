import type { CodatBankFeeds } from "./codat_bank_feeds_wasm.js";
import type { CodatBankFeedsError } from "./errors.js";

/**
 * The client of the standalone functions (`codat-bank-feeds-wasm/funcs/<group><Method>.js`), as
 * `@codat/bank-feeds/core.js` names it. It is `CodatBankFeeds` itself: the whole client is one
 * `.wasm`, so a smaller core would not make a bundle smaller.
 */
export declare class CodatBankFeedsCore extends CodatBankFeeds {}

/**
 * What a standalone function resolves to: `{ ok: true, value }`, or `{ ok: false, error }`
 * with the error the method would have thrown.
 */
export type Result<T, E = CodatBankFeedsError> = { ok: true; value: T; error?: never } | { ok: false; error: E; value?: never };
