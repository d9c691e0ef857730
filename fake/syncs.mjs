// Managed bank feed syncs: `Started`, then `SuccessDataPushed` or `SuccessNoDataPushed` after
// `syncCompletesAfterMs`, or `Failed` when the source account is not mapped.
import { iso } from "./clock.mjs";

/** Makes sync `s` final. */
export function finishSync(state, s) {
  s.executionEndUtc = iso(s.completesAt);
  const connection = state.companies.get(s.companyId)?.connections.get(s.dataConnectionId);
  const account = connection?.accounts.get(s.sourceAccountId);
  if (account?.status !== "connected") {
    s.status = "Failed";
    s.errorCode = "SourceAccountNotConnected";
    s.errorMessage = `Source account ${s.sourceAccountId} is not mapped to a target account; map it before syncing.`;
    s.pushOperationKeys = [];
    return;
  }
  // The fake has no bank to fetch from: the sync "records" the transactions pushed for this
  // account during its period.
  const keys = [...state.pushOperations.values()]
    .filter(
      (op) =>
        op.dataType === "bankTransactions" &&
        op.dataConnectionKey === s.dataConnectionId &&
        op.accountId === s.sourceAccountId &&
        op.requestedOnUtc >= s.periodStartUtc &&
        op.requestedOnUtc <= s.periodEndUtc,
    )
    .map((op) => op.pushOperationKey);
  s.pushOperationKeys = keys;
  s.status = keys.length > 0 ? "SuccessDataPushed" : "SuccessNoDataPushed";
}
