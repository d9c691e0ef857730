/**
 * A stateful, in-memory fake of the Codat Bank Feeds API for testing an integration with no
 * network and no Codat account: `codat-bank-feeds-wasm/testing`. It answers every operation of
 * the API with bodies shaped as the OpenAPI spec says, keeps what you create, and applies Codat's
 * rules (idempotency keys, rate limits, push order, push operations completing later, company
 * access tokens, CORS). Web-standard APIs only: it runs in-process in Node, Deno, Bun, workerd
 * and browsers.
 *
 * ```ts
 * import { CodatBankFeeds } from "codat-bank-feeds-wasm";
 * import { createFakeCodat } from "codat-bank-feeds-wasm/testing";
 *
 * const fake = createFakeCodat();
 * const sdk = new CodatBankFeeds({ authHeader: fake.apiKey, fetch: fake.fetch });
 * ```
 * @module
 */

/** The `Authorization` value the fake accepts unless told otherwise: `Basic ZGVtby1rZXk=` (base64 of `demo-key`). */
export declare const DEFAULT_API_KEY: string;

/** The fake's time. Every timed rule reads it, so a test moves time on instead of waiting. */
export interface FakeClock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Moves time on by `ms`; what falls due (push operations, syncs, token and key expiry) happens on the next request. */
  advance(ms: number): void;
  /** Stops time at `at` (default: where it is now). */
  freeze(at?: number | Date | string): void;
  /** Lets time follow the system's clock again, from where it is. */
  resume(): void;
}

/**
 * A clock that follows the system's time, shifted by whatever `advance` adds.
 * @param frozenAt start frozen at this time instead (an epoch ms, a `Date` or an ISO string)
 */
export declare function createClock(frozenAt?: number | Date | string): FakeClock;

/**
 * A fault to inject. Which requests it hits: those to `operation` (all when absent), then the
 * call numbers in `calls`, or each with the chance `probability` (drawn from the fake's seeded
 * generator, so a run is repeatable), or else the first one; at most `times` in all.
 */
export interface FaultRule {
  /**
   * What goes wrong:
   * - `"reset"`: the connection is cut before the request is processed (nothing is written);
   *   `fetch` rejects with a `TypeError` as for a network error.
   * - `"unavailable"`: a gateway in front of the API answers `status` (default 503) with an HTML
   *   page; the API never sees the request, so nothing is written or kept under its key.
   * - `"rateLimited"`: 429 with `Retry-After: retryAfter` (default 1) and the rate-limit headers;
   *   not processed, not kept.
   * - `"error"`: the API answers `status` (default 500) with an `ErrorMessage` instead of
   *   processing the request; kept under its `Idempotency-Key` as Codat keeps a 5XX, so a retry
   *   with the same key gets it again.
   * - `"drop"`: the request is processed (a write commits) and the connection is cut before the
   *   answer; `fetch` rejects. The answer is kept under its key, so a retry with it replays it.
   * - `"stall"`: the request is processed and its answer held for `ms` (default: until the
   *   client gives up); its key reads "in progress" (409) meanwhile, then replays the answer.
   * - `"malformed"`: the request is processed and answered with a body that is not valid JSON
   *   (`body`, default the answer's JSON cut short).
   */
  fault: "reset" | "unavailable" | "rateLimited" | "error" | "drop" | "stall" | "malformed";
  /** The operation(s) it applies to, by the client's name (`"companies.create"`, `"transactions.create"`); every request when absent. */
  operation?: string | string[];
  /** The matching requests it hits, counted from 1 since the rule was added (`[1, 2, 3]`: a burst of three). */
  calls?: number[];
  /** The chance (0 to 1) that a matching request is hit, from the fake's seeded generator. */
  probability?: number;
  /** The most requests it hits: default `calls.length`, unlimited with `probability`, else 1. */
  times?: number;
  /** The status for `"unavailable"` (default 503) and `"error"` (default 500). */
  status?: number;
  /** `Retry-After` in seconds for `"rateLimited"` (default 1). */
  retryAfter?: number;
  /** How long `"stall"` holds the answer, in real milliseconds (default: until the request is aborted). */
  ms?: number;
  /** The body `"malformed"` sends. */
  body?: string;
}

/** The faults to come, decided per request in the order the rules were added (the first to hit wins). */
export interface FakeFaults {
  /** Adds rules. */
  add(...rules: FaultRule[]): void;
  /** The rules that can still hit (not used up). */
  readonly pending: FaultRule[];
  /** Removes every rule and restarts the seeded generator (from `seed`, or the fake's). */
  clear(seed?: number): void;
}

/** A request the fake received. */
export interface RecordedRequest {
  /** `GET`, `POST`, ... (upper case). */
  method: string;
  /** The path, percent-encoded as sent. */
  path: string;
  /** The query string with its `?`, or `""`. */
  search: string;
  /** The client's name for the operation (`"companies.get"`), or null for a path the API lacks. */
  operation: string | null;
  /** The request's headers, lower-case names. */
  headers: Record<string, string>;
  /** The body's text (`""` for none). */
  body: string;
  /** The status answered, or 0 when no answer was sent (a cut connection, a stall the client left). */
  status: number;
}

/** A write the fake committed: a POST, PUT, PATCH or DELETE its handler answered 2XX (replays under a key are not writes). */
export interface CommittedWrite {
  /** The client's name for the operation (`"transactions.create"`). */
  operation: string;
  /** `POST`, `PUT`, `PATCH` or `DELETE`. */
  method: string;
  /** The path, percent-encoded as sent. */
  path: string;
  /** The path's company, or null (`companies.create`). */
  companyId: string | null;
  /** The path's connection, or null. */
  connectionId: string | null;
  /** The path's account (bank or source account), or null. */
  accountId: string | null;
  /** The request's `Idempotency-Key`, or null. */
  idempotencyKey: string | null;
  /** The body, parsed from JSON (its text when it is not JSON; undefined for none). */
  body: unknown;
  /** The status answered (2XX). */
  status: number;
  /** When it committed, on the fake's clock (epoch ms). */
  at: number;
}

/** Options of `createFakeCodat`. */
export interface FakeCodatOptions {
  /** The exact `Authorization` value accepted as the API key (a `Basic ...` value); default `DEFAULT_API_KEY`. */
  apiKey?: string;
  /** The `expiresIn` of company access tokens from `companies.getAccessToken`, in seconds (default 86400); the token is accepted as `Bearer` until then, and answers 401 after. */
  tokenExpiresIn?: number;
  /** How long a push operation stays `Pending` before it becomes `Success` or `Failed`, on the fake's clock (default 300; 0 completes at once). */
  pushCompletesAfterMs?: number;
  /** How long a managed bank feed sync stays `Started`, on the fake's clock (default 300). */
  syncCompletesAfterMs?: number;
  /** Fault rules in force from the start (see `FakeFaults.add`). */
  faults?: FaultRule[];
  /** The seed of the generator `probability` draws from (default 1). */
  seed?: number;
  /**
   * CORS as a browser sees it. `"open"` (default): every origin, and whatever request headers a
   * preflight asks for. `"strict"`: only `Authorization`, `Accept` and `Content-Type` allowed (what
   * Codat's preflight can be counted on to allow; it does not document the rest). Or a policy:
   * the origins allowed (default every one), the request headers a preflight allows (default
   * those asked for), the response headers exposed (default the rate-limit headers and
   * `Retry-After`).
   */
  cors?: "open" | "strict" | { origins?: string[]; allowHeaders?: string[]; exposeHeaders?: string[] };
  /** The fake's time (default `createClock()`: the system's, movable with `advance`). */
  clock?: FakeClock;
  /** One line per request (`METHOD /path STATUS ms`, never headers): `true` to the console, or a function given each line. */
  log?: boolean | ((line: string) => void);
}

/**
 * The records the fake keeps, for assertions beyond the API (what a test could read through the
 * API it should read that way). Kept as the API returns them.
 */
export interface FakeState {
  /** The client id of this fake's Codat instance. */
  clientId: string;
  /** companyId to `{ data, connections }`: `data` the company as returned, `connections` connectionId to `{ data, accounts, accountMeta, bankAccounts, ... }`. */
  companies: Map<string, { data: Record<string, unknown>; connections: Map<string, Record<string, unknown>> }>;
  /** Company access tokens: the token to `{ companyId, expiresAt }`. */
  tokens: Map<string, { companyId: string; expiresAt: number }>;
  /** Push operations by `pushOperationKey`. */
  pushOperations: Map<string, Record<string, unknown>>;
  /** Managed bank feed syncs by id. */
  syncs: Map<string, Record<string, unknown>>;
}

/** A fetch-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The fake API, as `createFakeCodat` returns it. */
export interface FakeCodat {
  /**
   * An in-process `fetch` (no socket) answered by the fake, for the client's `fetch` option. It
   * answers whatever origin is called, so the default `serverURL` works. A cut connection rejects
   * with a `TypeError`, an aborted signal with its reason, as `fetch` does.
   */
  fetch: FetchLike;
  /**
   * A `fetch` that behaves as a page at `origin` (`"http://localhost:5173"`) calling the API: a
   * preflight when the request needs one, a `TypeError` when the fake's CORS answers would make
   * a browser refuse it, and only the exposed headers readable.
   */
  fetchFrom(origin: string): FetchLike;
  /** The fake as a web-standard handler; a cut connection is `Response.error()`. */
  handle(request: Request): Promise<Response>;
  /** What the fake holds. */
  state: FakeState;
  /** The faults to come. */
  faults: FakeFaults;
  /** The fake's time. */
  clock: FakeClock;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Every write committed, in order; filter by `companyId` or `accountId`. */
  writes: CommittedWrite[];
  /** The `Authorization` value accepted as the API key. */
  apiKey: string;
  /** Back to empty: no records, keys, quota used, requests, writes or faults. */
  reset(): void;
}

/**
 * Creates a fake Codat Bank Feeds API.
 *
 * What it keeps to Codat's documented rules:
 * - an `Idempotency-Key` on a POST or PATCH: the first answer is kept 90 minutes and replayed;
 *   409 while the first request runs; 422 for another request under the key. A 429 is never
 *   kept, nor a 401 or 403: auth is decided before the request is processed, so a write retried
 *   after a token refresh runs. Every other answer (2XX, 400, 404, 409, 422, 5XX) is kept.
 * - `X-Rate-Limit-Limit`, `-Remaining` and `-Reset` on every answer; 429 with `Retry-After`
 *   past the daily quota (1,000 plus 1,000 per connected company) or on demand (`faults`).
 * - push operations `Pending`, then `Success` or `Failed` (transactions older than the account's
 *   latest) after `pushCompletesAfterMs` on the fake's clock.
 */
export declare function createFakeCodat(options?: FakeCodatOptions): FakeCodat;
