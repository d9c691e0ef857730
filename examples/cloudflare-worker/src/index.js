// A module worker that sets up a bank feed for a company on request:
//   POST /bank-feeds { "companyName": "...", "account": { ...SourceAccountV2Prototype } }
// The API key comes from a secret binding (`wrangler secret put CODAT_API_KEY`, the base64
// key); CODAT_SERVER_URL is a plain var, unset for the real API.
import { CodatBankFeeds, CodatBankFeedsError, InvalidRequestError, verifyWebhook, WebhookVerificationError } from "codat-bank-feeds-wasm";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/webhooks") {
      // Codat's webhooks, verified before anything is trusted (secret: CODAT_WEBHOOK_SECRET).
      try {
        const event = await verifyWebhook(await request.text(), request.headers, env.CODAT_WEBHOOK_SECRET);
        console.log(`webhook ${event.eventType}`);
        return new Response(null, { status: 204 });
      } catch (err) {
        if (err instanceof WebhookVerificationError) return new Response(err.message, { status: 401 });
        throw err;
      }
    }
    if (request.method !== "POST" || url.pathname !== "/bank-feeds") {
      return new Response("POST /bank-feeds", { status: 404 });
    }
    const sdk = new CodatBankFeeds({
      authHeader: `Basic ${env.CODAT_API_KEY}`,
      serverURL: env.CODAT_SERVER_URL || undefined,
      // Workers have a wall-clock budget: bound each call rather than retry for an hour.
      timeoutMs: 20_000,
    });
    try {
      const { companyName, account, platformKey = "gbol" } = await request.json();
      const company = await sdk.companies.create({ name: companyName });
      const connection = await sdk.connections.create({ companyId: company.id, requestBody: { platformKey } });
      const ids = { companyId: company.id, connectionId: connection.id };
      const source = await sdk.sourceAccounts.create({ ...ids, requestBody: account });
      const [mapping] = await sdk.accountMapping.get(ids);
      const target = mapping?.targetAccountOptions?.[0];
      const mapped = target ? await sdk.accountMapping.create({ ...ids, requestBody: { sourceAccountId: source.id, targetAccountId: target.id } }) : undefined;
      return Response.json({
        companyId: company.id,
        connectionId: connection.id,
        sourceAccountId: source.id,
        mapping: mapped?.status ?? "no target account yet",
      });
    } catch (err) {
      if (err instanceof InvalidRequestError) return Response.json({ error: err.message, field: err.field }, { status: 400 });
      if (err instanceof CodatBankFeedsError) return Response.json({ error: err.message, status: err.statusCode }, { status: 502 });
      throw err;
    }
  },
};
