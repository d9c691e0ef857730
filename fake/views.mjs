// Records as the API's response bodies (shapes follow the spec's schemas).
import { has } from "./checks.mjs";

export const connectionView = (k) => structuredClone(k.data);

export function companyView(c) {
  const d = c.data;
  const view = { id: d.id, name: d.name };
  if (typeof d.description === "string") view.description = d.description;
  Object.assign(view, {
    redirect: `https://link.codat.io/company/${d.id}`,
    lastSync: d.lastSync,
    created: d.created,
    createdByUserName: d.createdByUserName,
    products: [...d.products],
    tags: { ...d.tags },
    referenceParentCompany: null,
    referenceSubsidiaryCompanies: [],
    dataConnections: [...c.connections.values()].map(connectionView),
  });
  return view;
}

/** The fields of the `SourceAccount` (v1) schema. */
export const V1_FIELDS = ["id", "accountName", "accountType", "accountNumber", "sortCode", "currency", "balance", "modifiedDate", "status", "feedStartDate"];
export const sourceAccountView = (account) => structuredClone(account);
/** The `SourceAccount` (v1) shape of any stored account: what PATCH answers with. */
export function sourceAccountV1View(account) {
  const out = {};
  for (const f of V1_FIELDS) if (has(account, f)) out[f] = structuredClone(account[f]);
  return out;
}

/** A target account without the transactions the fake keeps on it. */
export function bankAccountView(b) {
  const { transactions, ...rest } = b;
  return structuredClone(rest);
}

export const syncView = (s, clientId) => ({
  syncId: s.syncId,
  clientId,
  companyId: s.companyId,
  companyName: s.companyName,
  dataConnectionId: s.dataConnectionId,
  sourceAccountId: s.sourceAccountId,
  periodStartUtc: s.periodStartUtc,
  periodEndUtc: s.periodEndUtc,
  executionStartUtc: s.executionStartUtc,
  status: s.status,
  executionEndUtc: s.executionEndUtc,
  errorMessage: s.errorMessage,
  errorCode: s.errorCode,
  pushOperationKeys: s.pushOperationKeys ? [...s.pushOperationKeys] : null,
});
