// Type-checks a GET and a POST, the typed results, the standalone functions and the subpaths.
import { CodatBankFeeds, ErrorMessage, type Company } from "codat-bank-feeds-wasm";
import { CodatBankFeedsCore } from "codat-bank-feeds-wasm/core.js";
import { companiesCreate } from "codat-bank-feeds-wasm/funcs/companiesCreate.js";
import { Decimal, type Result } from "codat-bank-feeds-wasm/sdk/types";
import { CodatBankFeedsError } from "codat-bank-feeds-wasm/sdk/models/errors";
import { HTTPClient } from "codat-bank-feeds-wasm/lib/http";

export async function check(serverURL: string): Promise<string> {
  const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL });
  const got: Company = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  const made: Company = await sdk.companies.create({ name: "X" });
  const core = new CodatBankFeedsCore({ authHeader: "Basic eA==", serverURL, httpClient: new HTTPClient() });
  const r: Result<Company> = await companiesCreate(core, { name: "Y" });
  const name: string = r.ok ? r.value.name : r.error.message;
  const e: unknown = null;
  const status: number | undefined = e instanceof ErrorMessage ? e.statusCode : undefined;
  const isBase = e instanceof CodatBankFeedsError;
  return `${got.id} ${got.created ?? ""} ${made.name} ${name} ${status} ${isBase} ${new Decimal("1.5")}`;
}
