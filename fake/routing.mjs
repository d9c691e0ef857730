// The route table: `[operation, method, "/path/:param", handler]` entries of the groups in
// routes/, matched segment by segment. `operation` is the client's name for it (`companies.create`),
// which faults and recorded requests use.
import { accountMappingRoutes } from "./routes/account-mapping.mjs";
import { bankAccountsRoutes } from "./routes/bank-accounts.mjs";
import { companiesRoutes } from "./routes/companies.mjs";
import { companyInformationRoutes } from "./routes/company-information.mjs";
import { connectionsRoutes } from "./routes/connections.mjs";
import { managedBankFeedsRoutes } from "./routes/managed-bank-feeds.mjs";
import { sourceAccountsRoutes } from "./routes/source-accounts.mjs";
import { transactionsRoutes } from "./routes/transactions.mjs";

const GROUPS = [
  companiesRoutes,
  connectionsRoutes,
  bankAccountsRoutes,
  sourceAccountsRoutes,
  accountMappingRoutes,
  companyInformationRoutes,
  transactionsRoutes,
  managedBankFeedsRoutes,
];

/**
 * Every route of the API, bound to `ctx`: a function of the path's decoded segments to the
 * routes matching them, each with its path parameters.
 * @param {import("./handler.mjs").Context} ctx
 */
export function createRouter(ctx) {
  const routes = GROUPS.flatMap((group) => group(ctx)).map(([operation, method, pattern, handler]) => ({
    operation,
    method,
    segments: pattern.split("/").slice(1),
    handler,
  }));
  return (segments) => routes.flatMap((route) => (route.segments.length === segments.length ? matchSegments(route, segments) : []));
}

function matchSegments(route, segments) {
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i];
    if (want.startsWith(":")) params[want.slice(1)] = segments[i];
    else if (want !== segments[i]) return [];
  }
  return [{ route, params }];
}
