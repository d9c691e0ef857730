// Lists: `page` and `pageSize` with the `_links` of the spec's paged responses, and `query` filtering.
import { badRequest } from "./errors.mjs";
import { parseQuery } from "./query.mjs";

export function intParam(query, name, { min, max, fallback }) {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || (max !== undefined && Number(raw) > max)) {
    throw badRequest(`Error processing request - '${name}' must be an integer${max !== undefined ? ` between ${min} and ${max}` : ` of at least ${min}`}.`);
  }
  return Number(raw);
}

export function paginate(items, query, path) {
  const page = intParam(query, "page", { min: 1, fallback: 1 });
  // The API accepts up to 5000; the response schema caps pageSize at 2000, so larger pages are
  // served as 2000.
  const pageSize = Math.min(intParam(query, "pageSize", { min: 1, max: 5000, fallback: 100 }), 2000);
  const extra = new URLSearchParams();
  for (const name of ["query", "orderBy"]) if (query.get(name)) extra.set(name, query.get(name));
  const href = (p) => {
    const q = new URLSearchParams({ page: String(p), pageSize: String(pageSize) });
    for (const [k, v] of extra) q.set(k, v);
    return { href: `${path}?${q}` };
  };
  const start = (page - 1) * pageSize;
  const links = { self: { href: path }, current: href(page) };
  if (start + pageSize < items.length) links.next = href(page + 1);
  if (page > 1) links.previous = href(page - 1);
  return {
    results: items.slice(start, start + pageSize),
    pageNumber: page,
    pageSize,
    totalResults: items.length,
    _links: links,
  };
}

export function filterByQuery(views, query, knownFields, resource) {
  const q = query.get("query");
  if (!q) return views;
  const match = parseQuery(q, knownFields, resource);
  return views.filter(match);
}
