// The types of `@codat/bank-feeds/lib/http`, so that code written for it type-checks unchanged
// (biome.json lets `Request | void` stand, as the incumbent writes it).

/** A function with `fetch`'s signature, its input spelt out (a Node project without the DOM lib has no name for it). */
export type Fetcher = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A value, or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** Options of `new HTTPClient`. */
export interface HTTPClientOptions {
  /** The function to send through instead of the runtime's `fetch`. */
  fetcher?: Fetcher;
}

/** Called before each request; may return a new `Request` to send instead. */
export type BeforeRequestHook = (req: Request) => Awaitable<Request | void>;
/** Called when the fetcher throws (a network error); the error is rethrown after. */
export type RequestErrorHook = (err: unknown, req: Request) => Awaitable<void>;
/** Called with each response. */
export type ResponseHook = (res: Response, req: Request) => Awaitable<void>;

/**
 * A fetcher with hooks around each request, as `@codat/bank-feeds` has it: pass it as
 * `new CodatBankFeeds({ httpClient })` and every attempt goes through it.
 */
export declare class HTTPClient {
  /** A client over `options.fetcher`, or the runtime's `fetch`. */
  constructor(options?: HTTPClientOptions);
  /** Sends `request` through the hooks and the fetcher. */
  request(request: Request): Promise<Response>;
  /** Adds a hook called before each request. */
  addHook(hook: "beforeRequest", fn: BeforeRequestHook): this;
  /** Adds a hook called when the fetcher throws. */
  addHook(hook: "requestError", fn: RequestErrorHook): this;
  /** Adds a hook called with each response. */
  addHook(hook: "response", fn: ResponseHook): this;
  /** Removes a hook added with `addHook`. */
  removeHook(hook: "beforeRequest", fn: BeforeRequestHook): this;
  /** Removes a hook added with `addHook`. */
  removeHook(hook: "requestError", fn: RequestErrorHook): this;
  /** Removes a hook added with `addHook`. */
  removeHook(hook: "response", fn: ResponseHook): this;
  /** A copy with the same fetcher and hooks. */
  clone(): HTTPClient;
}
