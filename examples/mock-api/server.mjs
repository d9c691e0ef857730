// A stateful in-memory fake of the Codat Bank Feeds API for the demo and the examples: the
// bank-feed setup flow (companies, connections, source accounts, mapping, transaction pushes
// and their push operations, syncs, access tokens) with spec-shaped bodies. No account needed.
//   node examples/mock-api/server.mjs [--port 4010]
import http from "node:http";
import { randomUUID, randomBytes } from "node:crypto";

const now = () => new Date().toISOString();
const errorBody = (statusCode, error) => ({
  statusCode,
  service: "PublicApi",
  error,
  correlationId: randomBytes(16).toString("hex"),
  canBeRetried: "Unknown",
  detailedErrorCode: 0,
});
const page = (all, query) => {
  const pageNumber = Number(query.get("page") ?? 1);
  const pageSize = Number(query.get("pageSize") ?? 100);
  const results = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const links = { self: { href: "/" }, current: { href: `/?page=${pageNumber}&pageSize=${pageSize}` } };
  if (pageNumber * pageSize < all.length) links.next = { href: `/?page=${pageNumber + 1}&pageSize=${pageSize}` };
  if (pageNumber > 1) links.previous = { href: `/?page=${pageNumber - 1}&pageSize=${pageSize}` };
  return { results, pageNumber, pageSize, totalResults: all.length, _links: links };
};

export async function startFakeCodat({ port = 0, host = "127.0.0.1", apiKey = "Basic ZGVtby1rZXk=", pushCompletesAfterMs = 300, log = false } = {}) {
  const state = { companies: new Map(), tokens: new Map() };
  const companyView = (c) => ({ ...c.data, dataConnections: [...c.connections.values()].map((k) => k.data) });

  const routes = [
    ["POST", /^\/companies$/, ({ body }) => {
      if (!body || typeof body.name !== "string" || !body.name) return [400, errorBody(400, "A company name is required.")];
      const id = randomUUID();
      const data = { id, name: body.name, description: body.description ?? null, redirect: `https://link.codat.io/company/${id}`, lastSync: null, created: now(), createdByUserName: "demo", products: ["bank-feeds"], tags: body.tags ?? {}, referenceParentCompany: null, referenceSubsidiaryCompanies: [] };
      state.companies.set(id, { data, connections: new Map(), pushes: new Map() });
      return [200, companyView(state.companies.get(id))];
    }],
    ["GET", /^\/companies$/, ({ query }) => [200, page([...state.companies.values()].map(companyView).filter((c) => !query.get("query")?.startsWith("name=") || c.name === query.get("query").slice(5)), query)]],
    ["GET", /^\/companies\/([^/]+)$/, ({ company }) => [200, companyView(company)]],
    ["DELETE", /^\/companies\/([^/]+)$/, ({ company }) => (state.companies.delete(company.data.id), [204])],
    ["PUT", /^\/companies\/([^/]+)$/, ({ company, body }) => (Object.assign(company.data, { name: body?.name ?? company.data.name, description: body?.description ?? null, tags: body?.tags ?? {} }), [200, companyView(company)])],
    ["PATCH", /^\/companies\/([^/]+)$/, ({ company, body }) => (Object.assign(company.data, body ?? {}), [200, companyView(company)])],
    ["GET", /^\/companies\/([^/]+)\/accessToken$/, ({ company }) => {
      const token = randomBytes(24).toString("base64url");
      state.tokens.set(token, company.data.id);
      return [200, { expiresIn: 86400, accessToken: token, tokenType: "Bearer" }];
    }],
    ["GET", /^\/companies\/([^/]+)\/connections$/, ({ company, query }) => [200, page([...company.connections.values()].map((k) => k.data), query)]],
    ["POST", /^\/companies\/([^/]+)\/connections$/, ({ company, body }) => {
      const id = randomUUID();
      const data = { id, integrationId: randomUUID(), integrationKey: body?.platformKey ?? "gbol", sourceId: randomUUID(), sourceType: "BankFeed", platformName: "Demo Accounting", linkUrl: `https://link-api.codat.io/companies/${company.data.id}/connections/${id}/start`, status: "Linked", lastSync: null, created: now(), dataConnectionErrors: [], connectionInfo: {} };
      company.connections.set(id, { data, accounts: new Map(), mappings: new Map(), syncs: new Map() });
      return [200, data];
    }],
    ["GET", /^\/companies\/([^/]+)\/connections\/([^/]+)$/, ({ connection }) => [200, connection.data]],
    ["DELETE", /^\/companies\/([^/]+)\/connections\/([^/]+)$/, ({ company, connection }) => (company.connections.delete(connection.data.id), [200])],
    ["PATCH", /^\/companies\/([^/]+)\/connections\/([^/]+)$/, ({ connection, body }) => ((connection.data.status = body?.status ?? "Unlinked"), [200, connection.data])],
    ["POST", /^\/companies\/([^/]+)\/connections\/([^/]+)\/connectionInfo\/bankFeedAccounts$/, ({ connection, body }) => {
      if (!body?.id) return [400, errorBody(400, "A source account id is required.")];
      const account = { ...body, status: "pending" };
      connection.accounts.set(body.id, account);
      return [200, account];
    }],
    ["GET", /^\/companies\/([^/]+)\/connections\/([^/]+)\/connectionInfo\/bankFeedAccounts$/, ({ connection }) => [200, [...connection.accounts.values()]]],
    ["GET", /^\/companies\/([^/]+)\/connections\/([^/]+)\/bankFeedAccounts\/mapping$/, ({ connection }) => [200, [...connection.accounts.values()].map((a) => ({
      sourceAccountId: a.id, sourceAccountName: a.accountName ?? "", sourceAccountNumber: a.accountNumber ?? "", sourceBalance: a.balance ?? 0, sourceCurrency: a.currency ?? "GBP",
      targetAccountId: connection.mappings.get(a.id)?.targetAccountId ?? null, status: a.status,
      targetAccountOptions: [{ id: "target-001", name: "Business Current Account", balance: 0, sortCode: "040004", accountNumber: "12345678" }, { id: "target-002", name: "Savings", balance: 0, sortCode: null, accountNumber: null }],
      feedStartDate: connection.mappings.get(a.id)?.feedStartDate ?? null,
    }))]],
    ["POST", /^\/companies\/([^/]+)\/connections\/([^/]+)\/bankFeedAccounts\/mapping$/, ({ connection, body }) => {
      const account = connection.accounts.get(body?.sourceAccountId);
      if (!account) return [404, errorBody(404, "Source account not found.")];
      connection.mappings.set(account.id, body);
      account.status = "connected";
      return [200, { sourceAccountId: account.id, targetAccountId: body.targetAccountId ?? null, status: "Success", error: null }];
    }],
    ["POST", /^\/companies\/([^/]+)\/connections\/([^/]+)\/push\/bankAccounts\/([^/]+)\/bankTransactions$/, ({ company, connection, params, body, query }) => {
      if (!connection.accounts.has(params[2])) return [404, errorBody(404, "Account not found.")];
      const op = { companyId: company.data.id, pushOperationKey: randomUUID(), dataConnectionKey: connection.data.id, requestedOnUtc: now(), status: "Pending", statusCode: 202, dataType: "bankTransactions", timeoutInMinutes: query.get("timeoutInMinutes") ? Number(query.get("timeoutInMinutes")) : null, changes: null, errorMessage: null, data: body };
      company.pushes.set(op.pushOperationKey, { op, doneAt: Date.now() + pushCompletesAfterMs });
      return [200, op];
    }],
    ["GET", /^\/companies\/([^/]+)\/push\/([^/]+)$/, ({ company, params }) => {
      const push = company.pushes.get(params[1]);
      if (!push) return [404, errorBody(404, "Push operation not found.")];
      if (push.op.status === "Pending" && Date.now() >= push.doneAt) {
        const count = push.op.data?.transactions?.length ?? 0;
        Object.assign(push.op, { status: "Success", statusCode: 200, completedOnUtc: now(), changes: Array.from({ length: count }, (_, i) => ({ type: "Created", recordRef: { id: push.op.data.transactions[i].id ?? String(i), dataType: "bankTransactions" }, attachmentId: null })) });
      }
      return [200, push.op];
    }],
    ["GET", /^\/companies\/([^/]+)\/push$/, ({ company, query }) => [200, page([...company.pushes.values()].map((p) => p.op), query)]],
  ];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://fake");
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString();
    const send = (status, value) => {
      if (log) console.log(`${req.method} ${url.pathname} -> ${status}`);
      res.writeHead(status, value === undefined ? {} : { "content-type": "application/json" });
      res.end(value === undefined ? "" : JSON.stringify(value));
    };
    const auth = req.headers.authorization ?? "";
    const bearerCompany = auth.startsWith("Bearer ") ? state.tokens.get(auth.slice(7)) : undefined;
    if (auth !== apiKey && !bearerCompany) return send(401, errorBody(401, "Unauthorized"));
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(400, errorBody(400, "The request body is not valid JSON."));
    }
    for (const [method, pattern, handler] of routes) {
      const m = url.pathname.match(pattern);
      if (!m || method !== req.method) continue;
      const params = m.slice(1).map(decodeURIComponent);
      if (bearerCompany && params[0] !== bearerCompany) return send(403, errorBody(403, "The token is for another company."));
      const company = params[0] ? state.companies.get(params[0]) : undefined;
      if (params[0] && !company) return send(404, errorBody(404, "Company not found"));
      const connection = params[1] && pattern.source.includes("connections") ? company.connections.get(params[1]) : undefined;
      if (params[1] && pattern.source.includes("connections") && !connection) return send(404, errorBody(404, "Connection not found"));
      const [status, value] = handler({ company, connection, params, body, query: url.searchParams });
      return send(status, value);
    }
    send(404, errorBody(404, `No route for ${req.method} ${url.pathname}`));
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}`,
    state,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--port");
  const fake = await startFakeCodat({ port: i > 0 ? Number(process.argv[i + 1]) : 4010, log: true });
  console.log(`Fake Codat API listening on ${fake.url} (API key: "Basic ZGVtby1rZXk=")`);
}
