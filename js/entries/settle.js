import { CodatBankFeedsError } from "./errors.js";

/**
 * `{ ok: true, value }` of what `call()` resolves to, or `{ ok: false, error }` of what it
 * throws: one of the client's errors (anything else, a wrong `client` say, wrapped in one).
 */
export async function settle(call) {
  try {
    return { ok: true, value: await call() };
  } catch (thrown) {
    const error = thrown instanceof CodatBankFeedsError ? thrown : new CodatBankFeedsError(String(thrown?.message ?? thrown), { cause: thrown });
    return { ok: false, error };
  }
}
