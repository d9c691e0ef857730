// CORS as a browser sees it. Codat answers browser calls (company access tokens) only from the
// origins registered in its CORS settings, and does not document which request headers its
// preflight allows: "open" (the default) allows every origin and whatever headers a preflight
// asks for; "strict" allows only `Authorization`, `Accept` and `Content-Type`, what a browser
// can count on, so a page that sends more (an `Idempotency-Key`) fails in a test as it may
// against Codat. An object lists the origins and headers allowed.
//
// `browserFetch` makes a fetch that applies these answers as a browser would, for tests of a
// page's calls without a browser.

const EXPOSED = ["X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset", "Retry-After"];
const STRICT_HEADERS = ["Authorization", "Accept", "Content-Type"];
const METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/**
 * The CORS policy of `option` ("open", "strict", or `{ origins, allowHeaders, exposeHeaders }`).
 * @param {"open" | "strict" | { origins?: string[], allowHeaders?: string[], exposeHeaders?: string[] }} [option]
 */
export function createCors(option = "open") {
  if (option !== "open" && option !== "strict" && (typeof option !== "object" || option === null))
    throw new TypeError('fake Codat API: cors is "open", "strict" or { origins, allowHeaders, exposeHeaders }');
  const policy = option === "open" ? {} : option === "strict" ? { allowHeaders: STRICT_HEADERS } : option;
  const origins = policy.origins;
  const expose = (policy.exposeHeaders ?? EXPOSED).join(", ");

  /** Access-Control-Allow-Origin for a request from `origin` (none for an origin not allowed). */
  function allowOrigin(origin) {
    if (!origins) return { "access-control-allow-origin": "*" };
    return origin && origins.includes(origin) ? { "access-control-allow-origin": origin, vary: "Origin" } : { vary: "Origin" };
  }

  return {
    /** The CORS headers of an answer to `request`. */
    headers(request) {
      const allowed = allowOrigin(request.headers.get("origin"));
      return expose ? { ...allowed, "access-control-expose-headers": expose } : allowed;
    },
    /** The answer to a preflight: no auth; the headers asked for, or only those listed. */
    preflight(request) {
      const asked = request.headers.get("access-control-request-headers");
      const headers = policy.allowHeaders ? policy.allowHeaders.join(", ") : asked;
      return {
        status: 204,
        headers: {
          ...allowOrigin(request.headers.get("origin")),
          "access-control-allow-methods": METHODS,
          "access-control-max-age": "600",
          ...(headers ? { "access-control-allow-headers": headers } : {}),
        },
      };
    },
  };
}

// The fetch spec's CORS-safelisted request headers (values aside) and response headers.
const SIMPLE_REQUEST_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type"]);
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);
const SAFELISTED_RESPONSE = new Set(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);
// What the browser adds itself (never in Access-Control-Request-Headers).
const BROWSER_HEADERS = new Set(["origin", "user-agent", "referer", "accept-encoding", "connection", "host"]);

const refused = (why) => new TypeError(`Failed to fetch (CORS: ${why})`);
const list = (value) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** Whether a header and value need a preflight (not CORS-safelisted). */
function unsafe(name, value) {
  if (!SIMPLE_REQUEST_HEADERS.has(name)) return true;
  return name === "content-type" && !SIMPLE_CONTENT_TYPES.has(value.split(";")[0].trim().toLowerCase());
}

/**
 * A fetch that calls `send` (a fetch answered by the fake) as a page at `origin` would: a
 * preflight when the request needs one, refused (`TypeError`, as browsers report it) when the
 * answers do not allow the request, and only the exposed headers readable on the response.
 * @param {(request: Request) => Promise<Response>} send
 * @param {string} origin e.g. "http://localhost:5173"
 */
export function browserFetch(send, origin) {
  return async function fetchFromPage(input, init) {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set("origin", origin);
    const names = [...request.headers].filter(([name, value]) => !BROWSER_HEADERS.has(name) && unsafe(name, value)).map(([name]) => name);
    const method = request.method.toUpperCase();
    if (names.length > 0 || !["GET", "HEAD", "POST"].includes(method)) {
      const preflight = await send(
        new Request(request.url, {
          method: "OPTIONS",
          headers: { origin, "access-control-request-method": method, ...(names.length ? { "access-control-request-headers": names.sort().join(",") } : {}) },
        }),
      );
      if (!preflight.ok) throw refused(`the preflight answered ${preflight.status}`);
      checkOrigin(preflight, origin);
      const allowed = list(preflight.headers.get("access-control-allow-headers"));
      const missing = names.filter((n) => !allowed.includes(n) && !(allowed.includes("*") && n !== "authorization"));
      if (missing.length > 0) throw refused(`the preflight does not allow the request header(s) ${missing.join(", ")}`);
      const methods = list(preflight.headers.get("access-control-allow-methods")).map((m) => m.toUpperCase());
      if (!["GET", "HEAD", "POST"].includes(method) && !methods.includes(method) && !methods.includes("*"))
        throw refused(`the preflight does not allow ${method}`);
    }
    const response = await send(new Request(request, { headers }));
    checkOrigin(response, origin);
    const exposed = new Set(list(response.headers.get("access-control-expose-headers")));
    const visible = new Headers();
    for (const [name, value] of response.headers) if (SAFELISTED_RESPONSE.has(name) || exposed.has(name) || exposed.has("*")) visible.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: visible });
  };
}

function checkOrigin(response, origin) {
  const allowed = response.headers.get("access-control-allow-origin");
  if (allowed !== "*" && allowed !== origin) throw refused(`Access-Control-Allow-Origin is ${allowed === null ? "missing" : `"${allowed}"`}, not ${origin}`);
}
