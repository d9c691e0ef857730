// Target accounts (the accounting software's bank accounts): the record of one, which of them a
// source account can map to (Codat filters the mapping options by currency and type), and the
// new one a mapping without a `targetAccountId` creates.
import { iso } from "./clock.mjs";
import { uuid } from "./ids.mjs";

/** A source account's side of the ledger: `Credit` (loans, cards), `Debit`, or null when unsaid. */
export function sourceKind(account) {
  const type = String(account.accountType ?? "").toLowerCase();
  if (["loan", "creditcard", "credit"].includes(type)) return "Credit";
  if (["checking", "savings", "prepaidcard", "debit"].includes(type)) return "Debit";
  return null;
}

/** Whether `target` is a mapping option for `account`: the same currency and kind, where both say. */
export function fits(account, target) {
  const kind = sourceKind(account);
  const sameCurrency = !account.currency || !target.currency || account.currency === target.currency;
  return sameCurrency && (!kind || !target.accountType || target.accountType === kind);
}

/** A target account record, as `data/bankAccounts` returns it (plus its pushed `transactions`). */
export function targetAccount({ accountName, accountType = "Debit", currency = "GBP", nominalCode = null, accountNumber = null, balance = 0 }, now) {
  return {
    id: uuid(),
    accountName,
    accountType,
    nominalCode,
    sortCode: "401162",
    accountNumber,
    iBan: null,
    currency,
    balance,
    institution: "Fake Bank plc",
    availableBalance: balance,
    overdraftLimit: 0,
    status: "Active",
    metadata: { isDeleted: false },
    modifiedDate: iso(now),
    sourceModifiedDate: iso(now),
    transactions: [],
  };
}

/** The new target account a mapping with no `targetAccountId` creates for `account`. */
export const newTargetFor = (account, now) =>
  targetAccount(
    {
      accountName: account.accountName ?? account.id,
      accountType: sourceKind(account) ?? "Debit",
      currency: account.currency ?? "GBP",
      balance: account.balance ?? 0,
    },
    now,
  );
