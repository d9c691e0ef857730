// A module worker: per request, a GET and a POST through the client against env.API.
import { CodatBankFeeds } from "codat-bank-feeds-wasm";

export default {
	async fetch(request, env) {
		const api = new URL(request.url).searchParams.get("api") ?? env.API; // `wrangler dev --var API:<url>`
		try {
			const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
			const got = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
			const made = await sdk.companies.create({ name: "X" });
			return Response.json({
				get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
				post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
			});
		} catch (e) {
			return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
		}
	},
};
