// The fake API's routes for companies: [operation, method, path pattern, handler].
import { checkString, checkTags, Problems, requireObjectBody } from "../checks.mjs";
import { iso } from "../clock.mjs";
import { COMPANY_NAME_PATTERN } from "../constants.mjs";
import { randomToken, uuid } from "../ids.mjs";
import { filterByQuery, paginate } from "../paging.mjs";
import { parseQuery } from "../query.mjs";
import { getCompany as find } from "../state.mjs";
import { companyView } from "../views.mjs";

function companyFromBody(body, { partial }) {
  const p = new Problems();
  checkString(p, body, "name", { required: !partial });
  if (typeof body.name === "string") {
    if (body.name.length < 1) p.add("name", "'name' must not be empty.");
    else if (!COMPANY_NAME_PATTERN.test(body.name)) p.add("name", "'name' may only contain letters, digits, spaces and - ' , & @ . ? !");
  }
  checkString(p, body, "description", { nullable: true });
  checkTags(p, body.tags);
  p.throwIfAny();
}

/** @param {import("../handler.mjs").Context} ctx */
export function companiesRoutes(ctx) {
  const { clock, state, tokenExpiresIn } = ctx;
  const getCompany = (id) => find(state, id);
  return [
    [
      "companies.create",
      "POST",
      "/companies",
      ({ body }) => {
        requireObjectBody(body);
        companyFromBody(body, { partial: false });
        const now = clock.now();
        const company = {
          data: {
            id: uuid(),
            name: body.name,
            description: body.description ?? null,
            tags: body.tags ? { ...body.tags } : {},
            created: iso(now),
            lastSync: null,
            createdByUserName: null,
            products: ["bank-feeds"],
          },
          connections: new Map(),
          get id() {
            return this.data.id;
          },
        };
        state.companies.set(company.id, company);
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "companies.list",
      "GET",
      "/companies",
      ({ query }) => {
        let views = [...state.companies.values()].map(companyView);
        views = filterByQuery(views, query, ["id", "name", "description", "redirect", "lastSync", "created", "createdByUserName"], "Company");
        const tags = query.get("tags");
        if (tags) {
          const match = parseQuery(tags, null, "tags");
          views = views.filter((v) => match(v.tags));
        }
        return { status: 200, json: paginate(views, query, "/companies") };
      },
    ],
    ["companies.get", "GET", "/companies/:companyId", ({ params }) => ({ status: 200, json: companyView(getCompany(params.companyId)) })],
    [
      "companies.delete",
      "DELETE",
      "/companies/:companyId",
      ({ params }) => {
        getCompany(params.companyId);
        state.companies.delete(params.companyId);
        for (const [k, op] of state.pushOperations) if (op.companyId === params.companyId) state.pushOperations.delete(k);
        for (const [k, s] of state.syncs) if (s.companyId === params.companyId) state.syncs.delete(k);
        for (const [t, rec] of state.tokens) if (rec.companyId === params.companyId) state.tokens.delete(t);
        return { status: 204 };
      },
    ],
    [
      "companies.replace",
      "PUT",
      "/companies/:companyId",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        companyFromBody(body, { partial: false });
        company.data.name = body.name;
        company.data.description = body.description ?? null;
        company.data.tags = body.tags ? { ...body.tags } : {};
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "companies.update",
      "PATCH",
      "/companies/:companyId",
      ({ params, body }) => {
        const company = getCompany(params.companyId);
        requireObjectBody(body);
        companyFromBody(body, { partial: true });
        if (body.name !== undefined) company.data.name = body.name;
        if (body.description !== undefined) company.data.description = body.description;
        if (body.tags !== undefined) company.data.tags = { ...body.tags };
        return { status: 200, json: companyView(company) };
      },
    ],
    [
      "companies.getAccessToken",
      "GET",
      "/companies/:companyId/accessToken",
      ({ params }) => {
        const company = getCompany(params.companyId);
        const token = randomToken(32);
        state.tokens.set(token, { companyId: company.id, expiresAt: clock.now() + tokenExpiresIn * 1000 });
        return { status: 200, json: { expiresIn: Math.max(0, Math.floor(tokenExpiresIn)), accessToken: token, tokenType: "Bearer" } };
      },
    ],
  ];
}
