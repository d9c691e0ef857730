// The package's public types as a user's project sees them (js-tests/dts-configs.test.mjs runs
// tsc on this file against the packed package, with `skipLibCheck: false`, under a Node lib with
// no DOM and under the DOM with no @types/node): each `@ts-expect-error` is what must not be there.
import * as pkg from "codat-bank-feeds-wasm";
import { CodatBankFeeds, type CompaniesApi, type Company, Decimal, init, isSourceAccountV2, ready, verifyWebhook, WasmLoadError } from "codat-bank-feeds-wasm";
import { CodatBankFeedsCore } from "codat-bank-feeds-wasm/core.js";
import { companiesGet } from "codat-bank-feeds-wasm/funcs/companiesGet.js";
import { HTTPClient } from "codat-bank-feeds-wasm/lib/http";
import { createFakeCodat } from "codat-bank-feeds-wasm/testing";

export async function start(): Promise<Company> {
  await init({ wasmUrl: new URL("https://cdn.example/codat_bank_feeds_wasm_bg.wasm") });
  await init({ wasmUrl: "/static/codat_bank_feeds_wasm_bg.wasm" });
  await ready();
  const fake = createFakeCodat();
  const sdk = new CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch, httpClient: new HTTPClient() });
  const companies: CompaniesApi = sdk.companies;
  const result = await companiesGet(new CodatBankFeedsCore({ authHeader: "Basic x" }), { companyId: "c" });
  if (!result.ok) throw result.error;
  return companies.get({ companyId: result.value.id });
}

export function failed(error: unknown): boolean {
  return error instanceof WasmLoadError && error.cause !== undefined;
}

export const helpers = [new Decimal("1.10").toFixed(2), isSourceAccountV2, verifyWebhook];

export function noHandles(sdk: CodatBankFeeds): void {
  // @ts-expect-error no free(): the client is freed when collected
  sdk.free();
  // @ts-expect-error nor on its groups
  sdk.companies.free();
}

// @ts-expect-error no loader internals
export const sync = pkg.initSync;
// @ts-expect-error no default init of wasm-bindgen's
export const wasmInit = pkg.default;
// @ts-expect-error no InitInput type
export type Input = pkg.InitInput;
// @ts-expect-error no InitOutput type
export type Output = pkg.InitOutput;
