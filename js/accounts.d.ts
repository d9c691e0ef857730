import type { SourceAccount, SourceAccountV2 } from "./codat_bank_feeds_wasm.js";

/**
 * Whether a source account is version 2 (`SourceAccountV2`): it has `routingInfo` or
 * `accountInfo`, or a version-2 `accountType` (checking, savings, loan, creditCard, prepaidCard).
 */
export function isSourceAccountV2(account: SourceAccountV2 | SourceAccount): account is SourceAccountV2;
