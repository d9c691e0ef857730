// The fake API's routes for account mapping: [operation, method, path pattern, handler].
import { checkString, isNumber, Problems, requireObjectBody } from "../checks.mjs";
import { getConnection, getSourceAccount } from "../state.mjs";
import { fits, newTargetFor } from "../targets.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function accountMappingRoutes(ctx) {
  const { state, clock } = ctx;
  return [
    [
      "accountMapping.get",
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/mapping",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        const option = (b) => ({ id: b.id, name: b.accountName, balance: b.balance, sortCode: b.sortCode, accountNumber: b.accountNumber });
        const targets = [...connection.bankAccounts.values()];
        const mappings = [...connection.accounts.values()].map((a) => {
          const meta = connection.accountMeta.get(a.id);
          const m = { sourceAccountId: a.id };
          if (typeof a.accountName === "string") m.sourceAccountName = a.accountName;
          if (typeof a.accountNumber === "string") m.sourceAccountNumber = a.accountNumber;
          if (isNumber(a.balance)) m.sourceBalance = a.balance;
          if (typeof a.currency === "string") m.sourceCurrency = a.currency;
          m.targetAccountId = meta.targetAccountId;
          const target = meta.targetAccountId ? connection.bankAccounts.get(meta.targetAccountId) : undefined;
          if (target) m.targetAccountName = target.accountName;
          m.status = a.status ?? "unknown";
          m.targetAccountOptions = targets.filter((t) => fits(a, t)).map(option);
          m.feedStartDate = a.feedStartDate ?? null;
          return m;
        });
        return { status: 200, json: mappings };
      },
    ],
    [
      "accountMapping.create",
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeedAccounts/mapping",
      ({ params, body }) => {
        const { connection } = getConnection(state, params);
        requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(body)) {
          if (!["sourceAccountId", "targetAccountId", "feedStartDate"].includes(k)) p.add(k, `'${k}' is not a property of BankFeedAccountMapping.`);
        }
        checkString(p, body, "sourceAccountId", { required: true, minLength: 1 });
        checkString(p, body, "targetAccountId", { nullable: true });
        checkString(p, body, "feedStartDate", { nullable: true });
        if (typeof body.feedStartDate === "string" && Number.isNaN(Date.parse(body.feedStartDate)))
          p.add("feedStartDate", "'feedStartDate' must be a date or date-time.");
        p.throwIfAny();
        const { account, meta } = getSourceAccount(connection, body.sourceAccountId);
        // No `targetAccountId` at all asks for a new account in the accounting software; `null`
        // takes the source account back to pending.
        let targetAccountId = body.targetAccountId ?? null;
        if (!("targetAccountId" in body)) {
          const created = newTargetFor(account, clock.now());
          connection.bankAccounts.set(created.id, created);
          targetAccountId = created.id;
        }
        const answer = (status, error) => ({ status: 200, json: { sourceAccountId: account.id, targetAccountId, status, error } });
        if (targetAccountId === null) {
          meta.targetAccountId = null;
          account.status = "pending";
          return answer("Success", null);
        }
        if (!connection.bankAccounts.has(targetAccountId))
          return answer("Failed", `Target account ${targetAccountId} was not found in the accounting software`);
        for (const [otherId, other] of connection.accountMeta) {
          if (otherId !== account.id && other.targetAccountId === targetAccountId) return answer("Failed", "A feed connection already exists to this account");
        }
        meta.targetAccountId = targetAccountId;
        account.status = "connected";
        if (typeof body.feedStartDate === "string") {
          account.feedStartDate = meta.version === 2 ? body.feedStartDate.slice(0, 10) : body.feedStartDate;
        }
        return answer("Success", null);
      },
    ],
  ];
}
