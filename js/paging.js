// Paged lists as async iterators over a group's own list method: the next page is fetched only
// when the loop asks for it.

import { ABORTED, PaginationError, RequestAbortedError } from "./errors.js";

function checkSignal(signal) {
  if (signal?.aborted) throw new RequestAbortedError(ABORTED, { cause: signal.reason });
}

/**
 * Pages of a list operation, fetched on demand: `group[method]` is called with `page` set, from
 * `request.page` (default 1), until a page has no `_links.next` and the pages read cover
 * `totalResults`, or a page comes back empty. Every page after the first must be numbered as
 * asked (`pageNumber`), else `PaginationError` is thrown after the pages before it. Yields
 * whole pages, or their `results` when `items` is set.
 */
export function paginate(group, method, request, options, items) {
  async function* pages() {
    let page = request?.page ?? 1;
    for (let first = true; ; first = false) {
      checkSignal(options?.signal);
      const result = await group[method]({ ...request, page }, options);
      const number = result?.pageNumber ?? page;
      // Paging on from a page other than the one asked for would repeat pages forever or skip some.
      if (!first && number !== page) {
        const message = `${method}: paging stopped: asked for page ${page} but the server answered page ${number} (does it, or a proxy, ignore \`page\`?)`;
        throw new PaginationError(message, { requestedPage: page, receivedPage: number });
      }
      yield result;
      const results = result?.results ?? [];
      const size = result?.pageSize ?? results.length;
      const more = result?._links?.next !== undefined || number * size < (result?.totalResults ?? 0);
      if (results.length === 0 || !more) return;
      page = number + 1;
    }
  }
  async function* each() {
    for await (const p of pages()) yield* p?.results ?? [];
  }
  return items ? each() : pages();
}
