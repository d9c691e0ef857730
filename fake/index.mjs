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
import { createHandler } from "./handler.mjs";
import { createRouter } from "./routing.mjs";
import { createIdempotency } from "./rules/idempotency.mjs";
import { createRateLimits } from "./rules/rate-limits.mjs";
import { clearState, connectedCompanies, createState } from "./state.mjs";

export { createClock, DEFAULT_API_KEY };

/**
 * Creates the fake API.
 * @param {object} [options]
 * @param {string} [options.apiKey="Basic ZGVtby1rZXk="] the exact Authorization value accepted
 * @param {number} [options.tokenTtlMs=86400000] lifetime of company access tokens
 * @param {number} [options.pushCompletesAfterMs=300] push operations are "Pending" for this long
 * @param {number} [options.syncCompletesAfterMs=300] managed bank feed syncs are "Started" for this long
 * @param {number} [options.loseWriteResponses=0] the answers to the first n writes under an
 *   `Idempotency-Key` are kept and then lost: the connection is cut after the write commits
 * @param {{ now(): number }} [options.clock] the fake's time (default: `createClock()`, the system's)
 * @param {boolean|((line: string) => void)} [options.log=false] one line per request
 */
export function createFakeCodat({
  apiKey = DEFAULT_API_KEY,
  tokenTtlMs = 24 * 60 * 60 * 1000,
  pushCompletesAfterMs = 300,
  syncCompletesAfterMs = 300,
  loseWriteResponses = 0,
  clock = createClock(),
  log = false,
} = {}) {
  if (typeof apiKey !== "string" || !apiKey.startsWith("Basic ")) {
    throw new TypeError('createFakeCodat: apiKey must be a "Basic ..." Authorization value');
  }
  const state = createState();
  const ctx = { state, clock, apiKey, tokenTtlMs, pushCompletesAfterMs, syncCompletesAfterMs };
  /** Faults to come: `loseWriteResponses` counts the keyed writes whose answers are lost. */
  const faults = { loseWriteResponses };
  /** Every request received: { method, path, search, headers, body, status } (status 0: no answer sent). */
  const requests = [];
  const idempotency = createIdempotency(clock);
  // Codat's quota: 1,000 requests a day, plus 1,000 per connected company.
  const rateLimits = createRateLimits(clock, () => 1000 * (1 + connectedCompanies(state)));
  const handle = createHandler({
    ctx,
    route: createRouter(ctx),
    idempotency,
    rateLimits,
    faults,
    requests,
    logLine: typeof log === "function" ? log : log ? (line) => console.log(line) : null,
  });

  return {
    /** The handler: a Request in, its Response out (`Response.error()` for a cut connection). */
    handle,
    /** A fetch-compatible function answered by the fake; a cut connection rejects, as fetch does. */
    async fetch(input, init) {
      const response = await handle(new Request(input, init));
      if (response.type === "error") throw new TypeError("fetch failed: the fake Codat API cut the connection");
      return response;
    },
    state,
    faults,
    clock,
    requests,
    apiKey,
    /** Back to empty: no records, keys, quota used, requests or faults. */
    reset() {
      clearState(state);
      idempotency.reset();
      rateLimits.reset();
      requests.length = 0;
      faults.loseWriteResponses = 0;
    },
  };
}
