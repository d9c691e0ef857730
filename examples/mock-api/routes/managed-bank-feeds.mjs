// The fake API's routes for managed bank feeds: [method, path pattern, handler].
import { randomUUID } from "node:crypto";
import { ApiError, iso, notFound } from "../lib.mjs";

/** @param {object} ctx the server's state, views and lookups (server.mjs) */
export function managedBankFeedsRoutes(ctx) {
  const { finishSync, getConnection, getSourceAccount, state, syncCompletesAfterMs, syncView } = ctx;
  return [
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/latest",
      ({ params }) => {
        const { connection } = getConnection(params);
        getSourceAccount(connection, params.sourceAccountId);
        const latest = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === params.sourceAccountId).at(-1);
        return latest ? { status: 200, json: syncView(latest) } : { status: 204 };
      },
    ],
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs/:syncId",
      ({ params }) => {
        const { connection } = getConnection(params);
        getSourceAccount(connection, params.sourceAccountId);
        const s = state.syncs.get(params.syncId);
        if (!s || s.dataConnectionId !== connection.id || s.sourceAccountId !== params.sourceAccountId)
          throw notFound(`No sync was found with ID ${params.syncId}`);
        return { status: 200, json: syncView(s) };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/:sourceAccountId/managedBankFeeds/syncs",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        const { account } = getSourceAccount(connection, params.sourceAccountId);
        const previous = [...state.syncs.values()].filter((s) => s.dataConnectionId === connection.id && s.sourceAccountId === account.id);
        if (previous.some((s) => s.status === "Started")) throw new ApiError(409, `A sync is already running for source account ${account.id}`);
        const now = Date.now();
        const lastOk = previous.filter((s) => s.status.startsWith("Success") || s.status.startsWith("PartialSuccess")).at(-1);
        const feedStart = account.feedStartDate ? Date.parse(account.feedStartDate) : NaN;
        const periodStart = lastOk ? lastOk.executionStartUtc : iso(Number.isNaN(feedStart) ? Date.parse(connection.data.created) : Math.min(feedStart, now));
        const s = {
          syncId: randomUUID(),
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
        if (syncCompletesAfterMs <= 0) finishSync(s);
        return { status: 201, json: { syncId: s.syncId } };
      },
    ],
  ];
}
