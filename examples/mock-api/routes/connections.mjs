// The fake API's routes for connections: [method, path pattern, handler].
import { randomUUID } from "node:crypto";
import { CONNECTION_STATUSES, checkEnum, checkString, iso, PLATFORM_NAMES, Problems, requireObjectBody, stableUuid } from "../lib.mjs";

/** @param {object} ctx the server's state, views and lookups (server.mjs) */
export function connectionsRoutes(ctx) {
  const { connectionView, filterByQuery, getCompany, getConnection, paginate, seedBankAccounts, state } = ctx;
  return [
    [
      "GET",
      "/companies/:companyId/connections",
      ({ params, query }) => {
        const company = getCompany(params.companyId);
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
      "POST",
      "/companies/:companyId/connections",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        const p = new Problems();
        checkString(p, body, "platformKey", { required: true });
        if (typeof body.platformKey === "string" && !/^[a-z]{4}$/.test(body.platformKey))
          p.add("platformKey", "'platformKey' must be 4 lowercase letters, e.g. gbol.");
        p.throwIfAny();
        const now = Date.now();
        const id = randomUUID();
        const key = body.platformKey;
        const connection = {
          data: {
            id,
            integrationId: stableUuid(`integration:${key}`),
            integrationKey: key,
            sourceId: stableUuid(`source:${key}`),
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
    ["GET", "/companies/:companyId/connections/:connectionId", ({ params }) => ({ status: 200, json: connectionView(getConnection(params).connection) })],
    [
      "DELETE",
      "/companies/:companyId/connections/:connectionId",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        company.connections.delete(connection.id);
        for (const [k, s] of state.syncs) if (s.dataConnectionId === connection.id) state.syncs.delete(k);
        return { status: 200 };
      },
    ],
    [
      "PATCH",
      "/companies/:companyId/connections/:connectionId",
      ({ params, body }) => {
        const { connection } = getConnection(params);
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
