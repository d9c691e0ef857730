import type { AuthContext } from "./codat_bank_feeds_wasm.js";

/** What `companies.getAccessToken` returns, and what the token function of `companyAccessToken` resolves to. */
export interface CompanyAccessTokenValue {
  /** The token. */
  accessToken: string;
  /** Its lifetime in seconds, from when it was issued. */
  expiresIn: number;
  /** The `Authorization` scheme (default `"Bearer"`). */
  tokenType?: string;
}

/**
 * The client's `authHeader` for a company access token, e.g. in a browser app whose backend
 * hands the signed-in user's token: `new CodatBankFeeds({ authHeader: companyAccessToken(() =>
 * fetch("/api/codat-token").then((r) => r.json())) })`.
 *
 * `fetchToken` is called for a token (`companies.getAccessToken` on your backend, never in the
 * page: that needs your API key), which is then kept and shared by every call:
 * - until shortly before it expires: 60 s, or 10% of its lifetime when that is shorter (the
 *   lifetime counted from when `fetchToken` was called);
 * - concurrent calls share one `fetchToken` call: 50 calls after expiry make one request;
 * - after a 401 (the client calls it again with `reason: "unauthorized"`), it fetches a new token
 *   once for every call the 401 refused; a call whose 401 was for a token already replaced gets
 *   the new one.
 *
 * The token is kept in a closure only: it is on no property and in no message or log line.
 * When `fetchToken` throws or rejects, or resolves to something else than
 * `{ accessToken, expiresIn }` (a `TypeError`, which does not quote it), the call fails with
 * `AuthProviderError` (`cause`: what was thrown) and the next call asks again. JavaScript alone
 * (its module loads no `.wasm`): browsers, workers and Node.
 */
export function companyAccessToken(fetchToken: () => CompanyAccessTokenValue | Promise<CompanyAccessTokenValue>): (context?: AuthContext) => Promise<string>;
