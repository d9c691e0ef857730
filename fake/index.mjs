// A stateful, in-memory fake of the Codat Bank Feeds API (the contract is the OpenAPI spec the
// client is generated from), in-process: `fake.fetch` answers as the API would, with no socket,
// on Node, Deno, Bun, workerd and browsers (web-standard APIs only).
//
//   const fake = createFakeCodat();
//   const sdk = new CodatBankFeeds({ authHeader: "Basic ZGVtby1rZXk=", fetch: fake.fetch });
//
// For a URL (the demo, another process), node.mjs listens on a port.
//
// State lives in memory only. Timed transitions (push operations becoming final, managed syncs
// finishing) are applied when the next request arrives, using the time they were due, so no
// timers are left running; `clock` moves time on without waiting.
import { createClock } from "./clock.mjs";
import { DEFAULT_API_KEY } from "./constants.mjs";
import { createFaults } from "./faults.mjs";
import { createHandler } from "./handler.mjs";
import { createRouter } from "./routing.mjs";
import { browserFetch, createCors } from "./rules/cors.mjs";
import { createIdempotency } from "./rules/idempotency.mjs";
import { createRateLimits } from "./rules/rate-limits.mjs";
import { clearState, connectedCompanies, createState } from "./state.mjs";

export { createClock, DEFAULT_API_KEY };

/**
 * Creates the fake API (the options and the result are typed in index.d.mts).
 * @param {import("./index.d.mts").FakeCodatOptions} [options]
 * @returns {import("./index.d.mts").FakeCodat}
 */
export function createFakeCodat({
  apiKey = DEFAULT_API_KEY,
  tokenExpiresIn = 24 * 60 * 60,
  pushCompletesAfterMs = 300,
  syncCompletesAfterMs = 300,
  faults: initialFaults = [],
  seed = 1,
  cors: corsOption = "open",
  clock = createClock(),
  log = false,
} = {}) {
  if (typeof apiKey !== "string" || !apiKey.startsWith("Basic ")) {
    throw new TypeError('createFakeCodat: apiKey must be a "Basic ..." Authorization value');
  }
  const state = createState();
  const ctx = { state, clock, apiKey, tokenExpiresIn, pushCompletesAfterMs, syncCompletesAfterMs };
  const faults = createFaults({ seed });
  faults.add(...initialFaults);
  const requests = [];
  const writes = [];
  const idempotency = createIdempotency(clock);
  // Codat's quota: 1,000 requests a day, plus 1,000 per connected company.
  const rateLimits = createRateLimits(clock, () => 1000 * (1 + connectedCompanies(state)));
  const handle = createHandler({
    ctx,
    route: createRouter(ctx),
    idempotency,
    rateLimits,
    cors: createCors(corsOption),
    faults,
    requests,
    writes,
    logLine: typeof log === "function" ? log : log ? (line) => console.log(line) : null,
  });

  /** The handler as fetch: a cut connection rejects, and so does a call its signal aborts. */
  async function fetch(input, init) {
    const request = new Request(input, init);
    const aborted = new Promise((_, reject) => {
      if (request.signal.aborted) reject(request.signal.reason);
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
    const response = await Promise.race([handle(request), aborted]);
    if (response.type === "error") throw new TypeError("fetch failed: the fake Codat API cut the connection");
    return response;
  }

  return {
    handle,
    fetch,
    fetchFrom: (origin) => browserFetch(fetch, origin),
    state,
    faults,
    clock,
    requests,
    writes,
    apiKey,
    reset() {
      clearState(state);
      idempotency.reset();
      rateLimits.reset();
      requests.length = 0;
      writes.length = 0;
      faults.clear();
    },
  };
}
