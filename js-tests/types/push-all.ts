// Type checks of transactions.pushAll's request (js-tests/push-all.test.mjs runs tsc on this
// file against the built package): each `@ts-expect-error` is a misuse the types refuse.
import { CodatBankFeeds, Decimal, type PushAllRequest, type PushAllTransaction } from "codat-bank-feeds-wasm";

const ids = { companyId: "c", connectionId: "k", accountId: "a" };
// Decimals as transactions.create takes them: numbers, numeric strings, decimal objects.
export const decimals: PushAllTransaction[] = [
  { id: "1", date: "2024-01-01", amount: -12.5, balance: "100.10" },
  { id: "2", date: "2024-01-02", amount: "0.1", balance: new Decimal("100.20") },
];
export const request: PushAllRequest = { ...ids, transactions: decimals };
// @ts-expect-error `date` is required: pushAll pushes in date order
export const noDate: PushAllTransaction = { id: "3", amount: 1 };
// @ts-expect-error a plain object is not a decimal
export const notDecimal: PushAllTransaction = { id: "4", date: "2024-01-03", amount: { value: 1 } };

export const run = () => new CodatBankFeeds({ authHeader: "Basic x" }).transactions.pushAll(request);
