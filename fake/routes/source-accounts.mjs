// The fake API's routes for source accounts: [operation, method, path pattern, handler].
import { addSourceAccount, assertSameVersion, buildSourceAccount } from "../accounts.mjs";
import { checkCurrency, checkEnum, checkNumber, checkString, Problems, requireObjectBody } from "../checks.mjs";
import { iso } from "../clock.mjs";
import { SOURCE_ACCOUNT_STATUSES, V2_ACCOUNT_TYPES } from "../constants.mjs";
import { badRequest } from "../errors.mjs";
import { randomCode } from "../ids.mjs";
import { getConnection, getSourceAccount } from "../state.mjs";
import { sourceAccountV1View, sourceAccountView, V1_FIELDS } from "../views.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function sourceAccountsRoutes(ctx) {
  const { clock, state } = ctx;
  return [
    [
      "sourceAccounts.createBatch",
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/batch",
      ({ params, body }) => {
        const { connection } = getConnection(state, params);
        if (body === undefined) throw badRequest("Error processing request - the request body is required.");
        if (!Array.isArray(body)) throw badRequest("Error processing request - the request body must be a JSON array of source accounts.");
        if (body.length === 0) throw badRequest("Error processing request - at least one source account is required.");
        const now = clock.now();
        const built = body.map((item, i) => buildSourceAccount(item, now, `[${i}]`));
        const problems = built.flatMap((b) => b.problems);
        if (problems.length > 0) {
          throw badRequest(`Error processing request - not valid. ${problems.map((e) => `${e.itemId}: ${e.message}`).join("; ")}`, {
            errors: problems,
            warnings: [],
          });
        }
        const versions = new Set(built.map((b) => b.version));
        if (versions.size > 1) throw badRequest("Error processing request - a batch must be all version 2 or all version 1 source accounts.");
        assertSameVersion(connection, built[0].version);
        const seen = new Set();
        const results = built.map(({ version, account }) => {
          if (connection.accounts.has(account.id) || seen.has(account.id)) {
            return { sourceAccountId: account.id, result: { statusCode: "409", error: "A bank account already exists with the same Id" } };
          }
          seen.add(account.id);
          addSourceAccount(connection, version, account);
          return { sourceAccountId: account.id, result: { statusCode: 201, error: null, account: structuredClone(account) } };
        });
        const failed = results.filter((r) => typeof r.result.statusCode === "string").length;
        const status = failed === 0 ? 201 : failed === results.length ? 409 : 207;
        return { status, json: results };
      },
    ],
    [
      "sourceAccounts.create",
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts",
      ({ params, body }) => {
        const { connection } = getConnection(state, params);
        requireObjectBody(body);
        const { version, account, problems } = buildSourceAccount(body, clock.now());
        if (problems.length > 0) {
          const p = new Problems();
          p.items = problems;
          p.throwIfAny();
        }
        assertSameVersion(connection, version);
        if (connection.accounts.has(account.id)) throw badRequest(`A bank account already exists with the same Id (${account.id}).`);
        addSourceAccount(connection, version, account);
        return { status: 200, json: sourceAccountView(account) };
      },
    ],
    [
      "sourceAccounts.list",
      "GET",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        return { status: 200, json: [...connection.accounts.values()].map(sourceAccountView) };
      },
    ],
    [
      "sourceAccounts.generateCredentials",
      "POST",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/credentials",
      ({ params, body, rawBody }) => {
        const { connection } = getConnection(state, params);
        if (rawBody.length === 0 || body === undefined) throw badRequest("Error processing request - a request body is required.");
        const creds = {
          username: `${randomCode(4)}-${randomCode(4)}-${randomCode(4)}`,
          password: randomCode(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        };
        connection.credentials.push({ ...creds, request: body, created: iso(clock.now()) });
        return { status: 200, json: creds };
      },
    ],
    [
      "sourceAccounts.deleteCredentials",
      "DELETE",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/credentials",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        connection.credentials = [];
        return { status: 204 };
      },
    ],
    [
      "sourceAccounts.update",
      "PATCH",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/:accountId",
      ({ params, body }) => {
        const { connection } = getConnection(state, params);
        const { account, meta } = getSourceAccount(connection, params.accountId);
        requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(body)) if (!V1_FIELDS.includes(k)) p.add(k, `'${k}' is not a property of SourceAccount.`);
        checkString(p, body, "id", { required: true });
        if (typeof body.id === "string" && body.id !== account.id) p.add("id", `'id' must match the account in the path (${account.id}).`);
        if (meta.version === 2) {
          for (const k of ["accountName", "accountNumber"]) checkString(p, body, k);
          checkEnum(p, body, "accountType", V2_ACCOUNT_TYPES);
          checkNumber(p, body, "balance");
        } else {
          for (const k of ["accountName", "accountType", "accountNumber"]) checkString(p, body, k, { nullable: true });
          checkNumber(p, body, "balance", { nullable: true });
        }
        checkString(p, body, "sortCode", { nullable: true });
        checkCurrency(p, body, "currency");
        checkString(p, body, "modifiedDate", { nullable: true });
        checkEnum(p, body, "status", SOURCE_ACCOUNT_STATUSES, { nullable: true });
        checkString(p, body, "feedStartDate", { nullable: true });
        p.throwIfAny();
        for (const k of V1_FIELDS) {
          if (k === "id" || body[k] === undefined) continue;
          let v = body[k];
          if (k === "feedStartDate" && meta.version === 2 && typeof v === "string") v = v.slice(0, 10);
          account[k] = v;
        }
        if (body.modifiedDate === undefined) account.modifiedDate = iso(clock.now());
        return { status: 200, json: sourceAccountV1View(account) };
      },
    ],
    [
      "sourceAccounts.delete",
      "DELETE",
      "/companies/:companyId/connections/:connectionId/connectionInfo/bankFeedAccounts/:accountId",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        getSourceAccount(connection, params.accountId);
        connection.accounts.delete(params.accountId);
        connection.accountMeta.delete(params.accountId);
        for (const [k, s] of state.syncs) if (s.dataConnectionId === connection.id && s.sourceAccountId === params.accountId) state.syncs.delete(k);
        return { status: 204 };
      },
    ],
  ];
}
