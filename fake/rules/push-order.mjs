// The push-ordering rule of Xero, QuickBooks Online and Sage feeds (Codat's integration guides):
// a push's transactions in date order, none older than the latest already on the account.

export const OUT_OF_ORDER_MESSAGE = "Bank transactions must be pushed in date order, none older than the account's latest.";

/**
 * The validation errors of pushing `pushed` onto an account holding `existing`: one per
 * offender. Dates are local (an offset is ignored, as the spec says).
 */
export function outOfOrder(existing, pushed) {
  const local = (t) => (typeof t?.date === "string" ? t.date.replace(/(T[^Zz+-]*)[Zz+-].*$/, "$1") : "");
  let latest = "";
  for (const t of existing) if (local(t) > latest) latest = local(t);
  const errors = [];
  pushed.forEach((t, i) => {
    if (local(t) < latest) errors.push({ itemId: t.id ?? `transactions[${i}]`, message: `dated ${local(t)}, before ${latest}`, validatorName: "DateOrder" });
    else latest = local(t);
  });
  return errors;
}
