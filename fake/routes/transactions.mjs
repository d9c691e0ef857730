// The fake API's routes for transactions: [operation, method, path pattern, handler].
import { checkEnum, checkNumber, checkString, has, isObject, Problems, requireObjectBody } from "../checks.mjs";
import { TRANSACTION_TYPES } from "../constants.mjs";
import { notFound } from "../errors.mjs";
import { filterByQuery, paginate } from "../paging.mjs";
import { bankTransactionOptions } from "../push-options.mjs";
import { startPush } from "../pushes.mjs";
import { operationView } from "../rules/push-operations.mjs";
import { getCompany, getConnection } from "../state.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function transactionsRoutes(ctx) {
  const { state } = ctx;
  return [
    [
      "transactions.create",
      "POST",
      "/companies/:companyId/connections/:connectionId/push/bankAccounts/:accountId/bankTransactions",
      ({ params, body, query }) => {
        const { company, connection } = getConnection(state, params);
        if (!connection.accounts.has(params.accountId) && !connection.bankAccounts.has(params.accountId)) {
          throw notFound(`No bank account was found with ID ${params.accountId} on data connection ${connection.id}`);
        }
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "accountId", { required: true });
        if (!has(body, "transactions")) p.add("transactions", "'transactions' is required.");
        else if (!Array.isArray(body.transactions)) p.add("transactions", "'transactions' must be an array.");
        else {
          if (body.transactions.length > 1000) p.add("transactions", "At most 1000 transactions may be pushed at once.");
          body.transactions.forEach((t, i) => {
            const tp = new Problems();
            if (!isObject(t)) tp.add(null, "must be an object");
            else {
              for (const k of ["id", "date"]) checkString(tp, t, k);
              for (const k of ["description", "counterparty", "reference"]) checkString(tp, t, k, { nullable: true });
              if (t.reconciled !== undefined && t.reconciled !== null && typeof t.reconciled !== "boolean")
                tp.add("reconciled", "'reconciled' must be a boolean.");
              for (const k of ["amount", "balance"]) checkNumber(tp, t, k);
              checkEnum(tp, t, "transactionType", TRANSACTION_TYPES, { nullable: true });
            }
            for (const e of tp.items) p.add(`transactions[${i}]${e.itemId ? `.${e.itemId}` : ""}`, e.message);
          });
        }
        p.throwIfAny();
        const data = { accountId: body.accountId, transactions: structuredClone(body.transactions) };
        const op = startPush(ctx, { company, connection, dataType: "bankTransactions", data, query, accountId: params.accountId });
        return { status: 200, json: operationView(op) };
      },
    ],
    [
      "transactions.getCreateModel",
      "GET",
      "/companies/:companyId/connections/:connectionId/options/bankAccounts/:accountId/bankTransactions",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        if (!connection.accounts.has(params.accountId) && !connection.bankAccounts.has(params.accountId)) {
          throw notFound(`No bank account was found with ID ${params.accountId} on data connection ${connection.id}`);
        }
        return { status: 200, json: bankTransactionOptions() };
      },
    ],
    [
      "transactions.getCreateOperation",
      "GET",
      "/companies/:companyId/push/:pushOperationKey",
      ({ params }) => {
        getCompany(state, params.companyId);
        const op = state.pushOperations.get(params.pushOperationKey);
        if (!op || op.companyId !== params.companyId) throw notFound(`No push operation was found with key ${params.pushOperationKey}`);
        return { status: 200, json: operationView(op) };
      },
    ],
    [
      "transactions.listCreateOperations",
      "GET",
      "/companies/:companyId/push",
      ({ params, query }) => {
        const company = getCompany(state, params.companyId);
        let views = [...state.pushOperations.values()].filter((op) => op.companyId === company.id).map(operationView);
        views = filterByQuery(
          views,
          query,
          [
            "pushOperationKey",
            "dataType",
            "companyId",
            "dataConnectionKey",
            "requestedOnUtc",
            "completedOnUtc",
            "timeoutInMinutes",
            "status",
            "statusCode",
            "errorMessage",
          ],
          "PushOperation",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/push`) };
      },
    ],
  ];
}
