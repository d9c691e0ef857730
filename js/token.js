// companyAccessToken: a company access token as the client's `authHeader` function. Plain JS
// (no .wasm), so that a page, a worker or Node imports it as it is. The token lives only in this
// closure: never on a property, in a message or in a log line.

/** A token is refreshed this long before it expires at most (60 s)... */
const MARGIN_MS = 60_000;
/** ...and at most this share of its lifetime before (10%), for short-lived tokens. */
const MARGIN_SHARE = 0.1;

const SHAPE =
  "companyAccessToken: the token function must resolve to { accessToken, expiresIn, tokenType? } (what companies.getAccessToken returns): a non-empty accessToken and expiresIn in seconds";

/** What the token function resolved to, as the header and the time to refresh it (ms since the epoch). */
function held(token, requestedAt) {
  const { accessToken, expiresIn, tokenType = "Bearer" } = token ?? {};
  const valid = typeof accessToken === "string" && accessToken !== "" && typeof tokenType === "string" && Number.isFinite(expiresIn) && expiresIn >= 0;
  if (!valid) throw new TypeError(SHAPE);
  const lifetime = expiresIn * 1000;
  // Counted from the request for it: the token's clock started no earlier.
  return { header: `${tokenType} ${accessToken}`, refreshAt: requestedAt + lifetime - Math.min(MARGIN_MS, lifetime * MARGIN_SHARE) };
}

/**
 * An `authHeader` function over `fetchToken` (see companyAccessToken in token.d.ts): one token,
 * shared, until shortly before it expires or a 401 refuses it.
 */
export function companyAccessToken(fetchToken) {
  if (typeof fetchToken !== "function") throw new TypeError("companyAccessToken: give it a function that fetches a token");
  let current;
  let pending;

  function refresh() {
    pending ??= (async () => {
      const requestedAt = Date.now();
      try {
        current = held(await fetchToken(), requestedAt);
        return current.header;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  }

  return async function authHeader(context) {
    if (pending) return pending;
    // A 401 for the value in use: refresh it; for one already replaced: the new one will do.
    const refused = context?.reason === "unauthorized" && (context.refused === undefined || context.refused === current?.header);
    if (refused) current = undefined;
    if (current === undefined || Date.now() >= current.refreshAt) return refresh();
    return current.header;
  };
}
