// What a read sent ahead of the .wasm (js/early.js) left for its call's first attempt to take
// (js/fetch.js): the `authHeader` value asked for, and the request sent.

/** `{ authHeader, promise }`: values asked for ahead, until a call's first attempt takes one. */
export const values = new Set();
/** `{ fetchFn, url, headers, response, controller }`: requests sent ahead, until an attempt takes one. */
export const sent = new Set();

/** For a call's first attempt: the value `provider` was asked for ahead, if any. */
export function valueAhead(provider) {
  for (const value of values)
    if (value.authHeader === provider) {
      values.delete(value);
      return value.promise;
    }
  return undefined;
}

/**
 * For an attempt about to send `request` through `fetchFn`: the response to the same request
 * sent ahead, if any, from then on aborted with `signal`.
 */
export function sentAhead(fetchFn, request, signal) {
  if (sent.size === 0 || request.body !== undefined) return undefined;
  const headers = JSON.stringify(request.headers);
  for (const ahead of sent)
    if (ahead.fetchFn === fetchFn && ahead.url === request.url && request.method === "GET" && ahead.headers === headers) {
      sent.delete(ahead);
      const abort = () => ahead.controller.abort();
      if (signal?.aborted) abort();
      signal?.addEventListener("abort", abort, { once: true });
      return ahead.response;
    }
  return undefined;
}
