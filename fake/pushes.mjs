// Pushes to the accounting software: each becomes a push operation (rules/push-operations.mjs)
// that completes `pushCompletesAfterMs` later, writing what it pushed into the state, or fails
// when its transactions break the date order (rules/push-order.mjs).
import { iso } from "./clock.mjs";
import { badRequest } from "./errors.mjs";
import { fail, pendingOperation, succeed } from "./rules/push-operations.mjs";
import { OUT_OF_ORDER_MESSAGE, outOfOrder } from "./rules/push-order.mjs";

function timeoutParam(query) {
  const raw = query.get("timeoutInMinutes");
  if (raw === null || raw === "") return null;
  if (!/^\d+$/.test(raw) || Number(raw) > 2 ** 31 - 1) throw badRequest("Error processing request - 'timeoutInMinutes' must be a non-negative integer.");
  return Number(raw);
}

/** A new push operation for `data`, kept in the state; `Pending` unless pushes complete at once. */
export function startPush(ctx, { company, connection, dataType, data, query, accountId }) {
  const now = ctx.clock.now();
  const op = pendingOperation({
    companyId: company.id,
    dataConnectionKey: connection.id,
    dataType,
    data,
    requestedAt: now,
    completesAt: now + ctx.pushCompletesAfterMs,
    timeoutInMinutes: timeoutParam(query),
    accountId,
  });
  ctx.state.pushOperations.set(op.pushOperationKey, op);
  if (ctx.pushCompletesAfterMs <= 0) completePush(ctx.state, op);
  return op;
}

/** Makes `op` final and applies it: the records it created, the connection's and company's `lastSync`. */
export function completePush(state, op) {
  const company = state.companies.get(op.companyId);
  const connection = company?.connections.get(op.dataConnectionKey);
  if (op.dataType === "bankTransactions") {
    const target = connection?.accountMeta.get(op.accountId) ?? connection?.bankAccounts.get(op.accountId);
    const errors = outOfOrder(target?.transactions ?? [], op.data.transactions);
    if (errors.length > 0) return fail(op, OUT_OF_ORDER_MESSAGE, errors);
    succeed(
      op,
      op.data.transactions.map((t, i) => ({ id: typeof t.id === "string" ? t.id : `${op.pushOperationKey}-${i}`, dataType: "bankTransactions" })),
    );
    if (target) target.transactions.push(...structuredClone(op.data.transactions));
  } else if (op.dataType === "bankAccounts") {
    succeed(op, [{ id: op.data.id, dataType: "bankAccounts" }]);
    if (connection) connection.bankAccounts.set(op.data.id, { ...structuredClone(op.data), transactions: [] });
  }
  const doneAt = iso(op.completesAt);
  if (connection) connection.data.lastSync = doneAt;
  if (company) company.data.lastSync = doneAt;
}
