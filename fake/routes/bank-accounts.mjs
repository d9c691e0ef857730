// The fake API's routes for bank accounts (the target accounts in the accounting software): [operation, method, path pattern, handler].
import { checkCurrency, checkEnum, checkNumber, checkString, Problems, requireObjectBody } from "../checks.mjs";
import { iso } from "../clock.mjs";
import { BANK_ACCOUNT_STATUSES, BANK_ACCOUNT_TYPES } from "../constants.mjs";
import { uuid } from "../ids.mjs";
import { filterByQuery, paginate } from "../paging.mjs";
import { bankAccountOptions } from "../push-options.mjs";
import { startPush } from "../pushes.mjs";
import { operationView } from "../rules/push-operations.mjs";
import { getConnection } from "../state.mjs";
import { bankAccountView } from "../views.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function bankAccountsRoutes(ctx) {
  const { clock, state } = ctx;
  return [
    [
      "bankAccounts.list",
      "GET",
      "/companies/:companyId/connections/:connectionId/data/bankAccounts",
      ({ params, query }) => {
        const { company, connection } = getConnection(state, params);
        let views = [...connection.bankAccounts.values()].map(bankAccountView);
        views = filterByQuery(
          views,
          query,
          [
            "id",
            "accountName",
            "accountType",
            "nominalCode",
            "sortCode",
            "accountNumber",
            "iBan",
            "currency",
            "balance",
            "institution",
            "availableBalance",
            "overdraftLimit",
            "status",
            "modifiedDate",
            "sourceModifiedDate",
            "metadata.isDeleted",
          ],
          "BankAccount",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/connections/${connection.id}/data/bankAccounts`) };
      },
    ],
    [
      "bankAccounts.getCreateModel",
      "GET",
      "/companies/:companyId/connections/:connectionId/options/bankAccounts",
      ({ params }) => {
        getConnection(state, params);
        return { status: 200, json: bankAccountOptions() };
      },
    ],
    [
      "bankAccounts.create",
      "POST",
      "/companies/:companyId/connections/:connectionId/push/bankAccounts",
      ({ params, body, query }) => {
        const { company, connection } = getConnection(state, params);
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "accountName", { required: true, minLength: 1 });
        checkEnum(p, body, "accountType", BANK_ACCOUNT_TYPES);
        for (const k of ["nominalCode", "sortCode", "accountNumber", "iBan", "institution"]) checkString(p, body, k, { nullable: true });
        checkCurrency(p, body, "currency", { required: true });
        for (const k of ["balance", "availableBalance", "overdraftLimit"]) checkNumber(p, body, k, { nullable: true });
        checkEnum(p, body, "status", BANK_ACCOUNT_STATUSES);
        p.throwIfAny();
        const nowIso = iso(clock.now());
        const account = {
          id: uuid(),
          accountName: body.accountName,
          accountType: body.accountType ?? "Debit",
          nominalCode: body.nominalCode ?? null,
          sortCode: body.sortCode ?? null,
          accountNumber: body.accountNumber ?? null,
          iBan: body.iBan ?? null,
          currency: body.currency,
          balance: body.balance ?? 0,
          institution: body.institution ?? null,
          availableBalance: body.availableBalance ?? body.balance ?? 0,
          overdraftLimit: body.overdraftLimit ?? 0,
          status: body.status ?? "Active",
          metadata: { isDeleted: false },
          modifiedDate: nowIso,
          sourceModifiedDate: nowIso,
        };
        const op = startPush(ctx, { company, connection, dataType: "bankAccounts", data: account, query, accountId: account.id });
        return { status: 200, json: operationView(op) };
      },
    ],
  ];
}
