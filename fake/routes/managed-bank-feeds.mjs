// The fake API's routes for managed bank feeds: [operation, method, path pattern, handler].
import { iso } from "../clock.mjs";
import { ApiError, notFound } from "../errors.mjs";
import { uuid } from "../ids.mjs";
import { getConnection, getSourceAccount } from "../state.mjs";
import { finishSync } from "../syncs.mjs";
import { syncView } from "../views.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function managedBankFeedsRoutes(ctx) {
  const { clock, state, syncCompletesAfterMs } = ctx;
  return [
    [
      "managedBankFeeds.getLatestSync",
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/latest",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        getSourceAccount(connection, params.sourceAccountId);
        const latest = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === params.sourceAccountId).at(-1);
        return latest ? { status: 200, json: syncView(latest, state.clientId) } : { status: 204 };
      },
    ],
    [
      "managedBankFeeds.getSync",
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/:syncId",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        getSourceAccount(connection, params.sourceAccountId);
        const s = state.syncs.get(params.syncId);
        if (!s || s.dataConnectionId !== connection.id || s.sourceAccountId !== params.sourceAccountId)
          throw notFound(`No sync was found with ID ${params.syncId}`);
        return { status: 200, json: syncView(s, state.clientId) };
      },
    ],
    [
      "managedBankFeeds.runAdHocSync",
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs",
      ({ params }) => {
        const { company, connection } = getConnection(state, params);
        const { account } = getSourceAccount(connection, params.sourceAccountId);
        const previous = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === account.id);
        if (previous.some((s) => s.status === "Started")) throw new ApiError(409, `A sync is already running for source account ${account.id}`);
        const now = clock.now();
        const lastOk = previous.filter((s) => s.status.startsWith("Success") || s.status.startsWith("PartialSuccess")).at(-1);
        const feedStart = account.feedStartDate ? Date.parse(account.feedStartDate) : NaN;
        const periodStart = lastOk ? lastOk.executionStartUtc : iso(Number.isNaN(feedStart) ? Date.parse(connection.data.created) : Math.min(feedStart, now));
        const s = {
          syncId: uuid(),
          companyId: company.id,
          companyName: company.data.name,
          dataConnectionId: connection.id,
          sourceAccountId: account.id,
          periodStartUtc: periodStart,
          periodEndUtc: iso(now),
          executionStartUtc: iso(now),
          status: "Started",
          executionEndUtc: null,
          errorMessage: null,
          errorCode: null,
          pushOperationKeys: null,
          completesAt: now + syncCompletesAfterMs,
        };
        state.syncs.set(s.syncId, s);
        if (syncCompletesAfterMs <= 0) finishSync(state, s);
        return { status: 201, json: { syncId: s.syncId } };
      },
    ],
  ];
}
