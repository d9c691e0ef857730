// A read called in a browser while the .wasm is still on its way sends its request at once, so
// that its round trip (on a slow link, most of what a first call waits) overlaps the .wasm's.
// Only where what Rust would send is certain without the .wasm: a client whose options are
// `authHeader` and `serverURL` alone, a read whose request is its path (js/reads.js), ids that
// need no encoding, no call options. Rust still runs the call: its first `authHeader` call takes
// the value asked for here (the function is called once per attempt, as ever), and its first
// attempt takes the response when its request is the same, part for part (js/ahead.js); one
// not taken is aborted when its call ends.

import { sent, values } from "./ahead.js";
import { inBrowser } from "./cors.js";
import { requestHeaders } from "./fetch.js";
import { READS } from "./reads.js";

// What Rust's checks accept and send as they are (stricter than they are, never looser).
const SERVER = /^(https:\/\/[\w.-]+|http:\/\/(localhost|127\.\d+\.\d+\.\d+))(:\d+)?(\/[\w.~-]*)*$/;
const ID = /^(?!\.\.?$)[\w.~-]+$/;
const AUTH = /^[!-~]+ [ -~]*[!-~][ -~]*$/;
/** Reads ahead in flight per client at most: Codat's limit per company, the client's default. */
const AHEAD = 10;

/** `read()`, or nothing when it throws (a Proxy's trap: the call, not this, reports what it makes of it). */
function safely(read) {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** A plain object's own data properties, if `allowed` has all their names. */
function fields(object, allowed) {
  const proto = object !== null && typeof object === "object" && Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const own = Object.entries(Object.getOwnPropertyDescriptors(object));
  if (own.some(([name, field]) => !allowed.includes(name) || !("value" in field))) return undefined;
  return Object.fromEntries(own.map(([name, field]) => [name, field.value]));
}

/**
 * How a client built with `options` sends a read ahead: `(group, method, args)` gives what to
 * call once the call has ended, or nothing when it sent nothing; nothing at all for a client
 * whose requests cannot be told without the .wasm.
 */
export function early(options) {
  const { authHeader, serverURL = "https://api.codat.io" } = safely(() => fields(options, ["authHeader", "serverURL"])) ?? {};
  const auth = typeof authHeader === "function" || AUTH.test(authHeader);
  if (!inBrowser() || !auth || typeof serverURL !== "string" || !SERVER.test(serverURL)) return undefined;
  const server = serverURL.replace(/\/+$/, "");
  let inFlight = 0;
  return (group, method, args) => {
    const template = READS[group]?.[method];
    const request = template && args.length === 1 && safely(() => fields(args[0], template.match(/\w+(?=})/g)));
    const url =
      request && server + template.replace(/{(\w+)}/g, (_, name) => (typeof request[name] === "string" && ID.test(request[name]) ? request[name] : "{"));
    if (!url || url.includes("{") || inFlight === AHEAD) return undefined;
    inFlight++;
    const fetchFn = globalThis.fetch;
    const controller = new AbortController();
    let value;
    let ahead;
    const send = (header) => {
      if (typeof header !== "string" || !AUTH.test(header) || controller.signal.aborted) return;
      const headers = requestHeaders(header, false);
      // As fetchOnce calls it; a fetch that throws or returns no promise is left to the call.
      let response;
      try {
        response = fetchFn(url, { method: "GET", headers, body: undefined, signal: controller.signal });
        response.catch(() => {});
      } catch {
        return;
      }
      ahead = { fetchFn, url, headers: JSON.stringify(headers), response, controller };
      sent.add(ahead);
    };
    if (typeof authHeader === "string") send(authHeader);
    else {
      value = { authHeader, promise: (async () => authHeader({ reason: "initial", attempt: 1 }))() };
      value.promise.then(send, () => {});
      values.add(value);
    }
    return () => {
      inFlight--;
      values.delete(value);
      sent.delete(ahead);
      controller.abort();
    };
  };
}
