// Type checks of what @codat/bank-feeds code relies on (js-tests/compat.test.mjs runs tsc on
// this file against the built package): each `@ts-expect-error` is a misuse the types refuse.
import { CodatBankFeeds, type CreateBankTransactionsRequest, ErrorMessage } from "codat-bank-feeds-wasm";
import { CodatBankFeedsCore } from "codat-bank-feeds-wasm/core.js";
import { companiesGet } from "codat-bank-feeds-wasm/funcs/companiesGet.js";
import { HTTPClient } from "codat-bank-feeds-wasm/lib/http";
import * as errors from "codat-bank-feeds-wasm/sdk/models/errors";
import { Decimal } from "codat-bank-feeds-wasm/sdk/types";

const ids = { companyId: "c", connectionId: "k", accountId: "a" };
const body = { accountId: "a", transactions: [{ id: "1", amount: new Decimal("1.10"), balance: "2.20" }] };

export const named: CreateBankTransactionsRequest = { ...ids, createBankTransactions: body };
export const plain: CreateBankTransactionsRequest = { ...ids, requestBody: body };
// @ts-expect-error the body under both names
export const both: CreateBankTransactionsRequest = { ...ids, requestBody: body, createBankTransactions: body };
// @ts-expect-error a plain object is not a decimal
export const notDecimal: CreateBankTransactionsRequest = { ...ids, requestBody: { accountId: "a", transactions: [{ amount: { value: 1 } }] } };

const sdk = new CodatBankFeeds({ debugLogger: console, httpClient: new HTTPClient().addHook("response", () => undefined) });
export const created = sdk.transactions.create(named);

const core = new CodatBankFeedsCore({ authHeader: "Basic x" });
const result = await companiesGet(core, { companyId: "c" });
export const name: string | undefined = result.ok ? result.value.name : result.error.message;

export function describe(err: unknown): number | undefined {
  if (err instanceof errors.ErrorMessage && err instanceof ErrorMessage) return err.data$.statusCode;
  return undefined;
}

// Responses keep plain numbers.
export async function amount(): Promise<number | undefined> {
  const op = await sdk.transactions.getCreateOperation({ companyId: "c", pushOperationKey: "k" });
  return op.statusCode;
}

// generateCredentials takes what @codat/bank-feeds' body type takes (a ReadableStream among
// them), and any async iterable of bytes (a Node Readable).
const credentials = { companyId: "c", connectionId: "k" };
export const streamed = sdk.sourceAccounts.generateCredentials({ ...credentials, requestBody: new Blob(["{}"]).stream() });
export const iterated = sdk.sourceAccounts.generateCredentials({
  ...credentials,
  requestBody: (async function* () {
    yield new Uint8Array(2);
  })(),
});
// @ts-expect-error a number is not a body
export const numeric = sdk.sourceAccounts.generateCredentials({ ...credentials, requestBody: 42 });
