// The fake API's routes for connections: [operation, method, path pattern, handler].
import { checkEnum, checkString, Problems, requireObjectBody } from "../checks.mjs";
import { iso } from "../clock.mjs";
import { CONNECTION_STATUSES, PLATFORM_NAMES } from "../constants.mjs";
import { stableUuid, uuid } from "../ids.mjs";
import { filterByQuery, paginate } from "../paging.mjs";
import { getCompany, getConnection, seedBankAccounts } from "../state.mjs";
import { connectionView } from "../views.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function connectionsRoutes(ctx) {
  const { clock, state } = ctx;
  return [
    [
      "connections.list",
      "GET",
      "/companies/:companyId/connections",
      ({ params, query }) => {
        const company = getCompany(state, params.companyId);
        let views = [...company.connections.values()].map(connectionView);
        views = filterByQuery(
          views,
          query,
          ["id", "integrationId", "integrationKey", "sourceId", "sourceType", "platformName", "linkUrl", "status", "lastSync", "created"],
          "DataConnection",
        );
        return { status: 200, json: paginate(views, query, `/companies/${company.id}/connections`) };
      },
    ],
    [
      "connections.create",
      "POST",
      "/companies/:companyId/connections",
      async ({ params, body }) => {
        const company = getCompany(state, params.companyId);
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "platformKey", { required: true });
        if (typeof body.platformKey === "string" && !/^[a-z]{4}$/.test(body.platformKey))
          p.add("platformKey", "'platformKey' must be 4 lowercase letters, e.g. gbol.");
        p.throwIfAny();
        const now = clock.now();
        const id = uuid();
        const key = body.platformKey;
        const connection = {
          data: {
            id,
            integrationId: await stableUuid(`integration:${key}`),
            integrationKey: key,
            sourceId: await stableUuid(`source:${key}`),
            platformName: PLATFORM_NAMES[key] ?? `Platform ${key}`,
            linkUrl: `https://link-api.codat.io/companies/${company.id}/connections/${id}/start`,
            status: "Linked",
            lastSync: null,
            created: iso(now),
            sourceType: "Accounting",
            dataConnectionErrors: [],
            connectionInfo: {},
          },
          companyId: company.id,
          accounts: new Map(),
          accountMeta: new Map(),
          bankAccounts: seedBankAccounts(now),
          credentials: [],
          otps: [],
          get id() {
            return this.data.id;
          },
        };
        company.connections.set(id, connection);
        return { status: 200, json: connectionView(connection) };
      },
    ],
    [
      "connections.get",
      "GET",
      "/companies/:companyId/connections/:connectionId",
      ({ params }) => ({ status: 200, json: connectionView(getConnection(state, params).connection) }),
    ],
    [
      "connections.delete",
      "DELETE",
      "/companies/:companyId/connections/:connectionId",
      ({ params }) => {
        const { company, connection } = getConnection(state, params);
        company.connections.delete(connection.id);
        for (const [k, s] of state.syncs) if (s.dataConnectionId === connection.id) state.syncs.delete(k);
        return { status: 200 };
      },
    ],
    [
      "connections.unlink",
      "PATCH",
      "/companies/:companyId/connections/:connectionId",
      ({ params, body }) => {
        const { connection } = getConnection(state, params);
        const b = body === undefined ? {} : requireObjectBody(body);
        const p = new Problems();
        for (const k of Object.keys(b)) if (k !== "status") p.add(k, `'${k}' is not a property of the update connection request.`);
        checkEnum(p, b, "status", CONNECTION_STATUSES, { nullable: true });
        p.throwIfAny();
        connection.data.status = b.status ?? "Unlinked";
        return { status: 200, json: connectionView(connection) };
      },
    ],
  ];
}
