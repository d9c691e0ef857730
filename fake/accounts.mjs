// Source accounts: version 1 (`SourceAccount`) and version 2 (`SourceAccountV2`) bodies read
// into stored accounts, and the rule that one connection holds accounts of one version.

import { checkCurrency, checkEnum, checkNumber, checkString, has, isObject, Problems } from "./checks.mjs";
import { iso } from "./clock.mjs";
import { ROUTING_TYPES, V2_ACCOUNT_TYPES } from "./constants.mjs";
import { badRequest } from "./errors.mjs";

const isV2Body = (b) => has(b, "accountInfo") || has(b, "routingInfo") || V2_ACCOUNT_TYPES.includes(b.accountType);

/** Validates a create body; returns { version, account } (the stored, response-shaped account). */
export function buildSourceAccount(body, now, label = "") {
  const p = new Problems();
  if (!isObject(body)) {
    p.add(label || null, "A source account must be a JSON object.");
    return { problems: p.items };
  }
  const version = isV2Body(body) ? 2 : 1;
  checkString(p, body, "id", { required: true, minLength: 1 });
  let account;
  if (version === 2) {
    checkString(p, body, "accountName", { required: true });
    checkEnum(p, body, "accountType", V2_ACCOUNT_TYPES, { required: true });
    checkString(p, body, "accountNumber", { required: true });
    checkString(p, body, "sortCode", { nullable: true });
    checkCurrency(p, body, "currency", { required: true });
    checkNumber(p, body, "balance", { required: true });
    checkString(p, body, "modifiedDate", { nullable: true });
    if (body.routingInfo !== undefined && body.routingInfo !== null) {
      if (!isObject(body.routingInfo)) p.add("routingInfo", "'routingInfo' must be an object.");
      else {
        checkString(p, body.routingInfo, "bankCode", { nullable: true });
        checkEnum(p, body.routingInfo, "type", ROUTING_TYPES, { nullable: true });
      }
    }
    if (body.accountInfo !== undefined && body.accountInfo !== null) {
      if (!isObject(body.accountInfo)) p.add("accountInfo", "'accountInfo' must be an object or null.");
      else {
        for (const k of ["description", "nickname", "accountOpenDate"]) checkString(p, body.accountInfo, k, { nullable: true });
        checkNumber(p, body.accountInfo, "availableBalance", { nullable: true });
      }
    }
    if (p.items.length === 0) {
      account = { id: body.id, accountName: body.accountName, accountType: body.accountType, accountNumber: body.accountNumber };
      if (body.sortCode !== undefined) account.sortCode = body.sortCode;
      // routingInfo defaults to the spec's default type; it also keeps the v2 shape
      // unambiguous (a v1 `SourceAccount` may not carry it).
      const ri = isObject(body.routingInfo) ? body.routingInfo : {};
      account.routingInfo = { bankCode: ri.bankCode ?? null, type: ri.type ?? "bankcode" };
      account.currency = body.currency;
      account.balance = body.balance;
      if (isObject(body.accountInfo)) {
        const ai = {};
        for (const k of ["description", "nickname", "accountOpenDate", "availableBalance"]) if (body.accountInfo[k] !== undefined) ai[k] = body.accountInfo[k];
        account.accountInfo = ai;
      } else if (body.accountInfo === null) {
        account.accountInfo = null;
      }
      account.modifiedDate = body.modifiedDate ?? iso(now);
      account.status = "pending";
      account.feedStartDate = null;
    }
  } else {
    for (const k of ["accountName", "accountType", "accountNumber", "sortCode", "modifiedDate"]) checkString(p, body, k, { nullable: true });
    checkCurrency(p, body, "currency");
    checkNumber(p, body, "balance", { nullable: true });
    if (p.items.length === 0) {
      account = {
        id: body.id,
        accountName: body.accountName ?? null,
        accountType: body.accountType ?? null,
        accountNumber: body.accountNumber ?? null,
        sortCode: body.sortCode ?? null,
      };
      if (body.currency !== undefined) account.currency = body.currency;
      account.balance = body.balance ?? null;
      account.modifiedDate = body.modifiedDate ?? iso(now);
      account.status = "pending";
      account.feedStartDate = null;
    }
  }
  if (label) for (const item of p.items) item.itemId = item.itemId ? `${label}.${item.itemId}` : label;
  return { version, account, problems: p.items };
}

function connectionVersion(connection) {
  const first = connection.accountMeta.values().next().value;
  return first ? first.version : null;
}

export function addSourceAccount(connection, version, account) {
  connection.accounts.set(account.id, account);
  connection.accountMeta.set(account.id, { version, targetAccountId: null, transactions: [] });
}

export function assertSameVersion(connection, version) {
  const existing = connectionVersion(connection);
  if (existing !== null && existing !== version) {
    throw badRequest(
      `Error processing request - data connection ${connection.id} holds version ${existing} source accounts; ` +
        `a version ${version} account cannot be added (list responses are all version 2 or all version 1).`,
    );
  }
}
