import { CodatBankFeeds, type Company } from "codat-bank-feeds-wasm";

export type Answer = { runtime: string; get: Company; post: Company };

/** A GET and a POST through the client, the typed results sent back (hosts/run.mjs checks them). */
export async function callBoth(runtime: string, api: string | null): Promise<Answer> {
  const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api ?? undefined });
  const get: Company = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  const post: Company = await sdk.companies.create({ name: "X" });
  return { runtime, get, post };
}
