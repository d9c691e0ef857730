// Telling the two source-account versions apart.

const V2_ACCOUNT_TYPES = new Set(["checking", "savings", "loan", "creditCard", "prepaidCard"]);

/** Whether a source account is version 2 (see accounts.d.ts). */
export function isSourceAccountV2(account) {
  return account != null && ("routingInfo" in account || "accountInfo" in account || V2_ACCOUNT_TYPES.has(account.accountType));
}
