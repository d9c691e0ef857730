// `HTTPClient`, the shape `@codat/bank-feeds` users pass as `httpClient`: a fetcher with hooks
// around each request. The client sends every attempt through its `request`, so its hooks see
// each attempt as a `Request` (ours, `hooks`, see the same attempts as plain objects).

const defaultFetcher = (input, init) => (init == null ? fetch(input) : fetch(input, init));

const KINDS = ["beforeRequest", "requestError", "response"];

function kindOf(kind) {
  if (!KINDS.includes(kind)) throw new TypeError(`HTTPClient: ${JSON.stringify(kind)} is not a hook (${KINDS.join(", ")})`);
  return kind;
}

/** A fetcher (the runtime's `fetch` by default) with hooks around each request. */
export class HTTPClient {
  #fetcher;
  #hooks = { beforeRequest: [], requestError: [], response: [] };

  /** `fetcher`: a function with `fetch`'s signature, to send through instead of `fetch`. */
  constructor(options = {}) {
    this.#fetcher = options.fetcher ?? defaultFetcher;
  }

  /**
   * Sends `request`: each `beforeRequest` hook may return a new one; then the fetcher; then each
   * `response` hook, or each `requestError` hook when the fetcher throws (the error is rethrown).
   */
  async request(request) {
    let req = request;
    for (const hook of this.#hooks.beforeRequest) req = (await hook(req)) ?? req;
    let res;
    try {
      res = await this.#fetcher(req);
    } catch (err) {
      for (const hook of this.#hooks.requestError) await hook(err, req);
      throw err;
    }
    for (const hook of this.#hooks.response) await hook(res, req);
    return res;
  }

  /** Adds a hook: `beforeRequest` (request), `requestError` (error, request), `response` (response, request). */
  addHook(kind, fn) {
    this.#hooks[kindOf(kind)].push(fn);
    return this;
  }

  /** Removes a hook added with `addHook`. */
  removeHook(kind, fn) {
    const list = this.#hooks[kindOf(kind)];
    const at = list.indexOf(fn);
    if (at >= 0) list.splice(at, 1);
    return this;
  }

  /** A copy with the same fetcher and hooks. */
  clone() {
    const copy = new HTTPClient({ fetcher: this.#fetcher });
    for (const kind of KINDS) for (const fn of this.#hooks[kind]) copy.addHook(kind, fn);
    return copy;
  }
}
