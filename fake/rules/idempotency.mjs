// Codat's idempotency rules (docs.codat.io, "Idempotency"): the first answer to an
// `Idempotency-Key` on a POST or PATCH is kept for 90 minutes and replayed to every later request
// with that key; while the first request runs, the key answers 409; with another request (method,
// path or body) it answers 422; a 429 is not kept, so the key is free again.
//
// Answers are replies, `{ status, json, headers }`, so any server can send them.
import { errorReply } from "../errors.mjs";

/** How long Codat keeps the answer to an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_MS = 90 * 60 * 1000;
const KEYED_METHODS = new Set(["POST", "PATCH"]);

/** The 409 of a key whose first request is still running. */
export const inProgressReply = () => errorReply(409, "A request with this Idempotency-Key is in progress.");
/** The 422 of a key used with another request. */
export const differentRequestReply = () => errorReply(422, "The Idempotency-Key was used with a different request.");

/**
 * The keys seen and their answers.
 * @param {{ now(): number }} clock
 */
export function createIdempotency(clock) {
  /** Idempotency-Key -> { request, inProgress, reply, expiresAt } */
  const keys = new Map();

  /**
   * Where a request stands under its key: `{ reply }` when the key decides the answer (a replay,
   * a 409 or a 422); otherwise `{ keep(reply) }`, to call with the request's own answer (it
   * returns whether the answer was kept: not for a 429 or no answer at all).
   * @param {{ method: string, key?: string | null, target: string, body: string }} request
   *   `target` is the path with its query; `body` the body's text
   */
  function begin({ method, key, target, body }) {
    if (!key || !KEYED_METHODS.has(method)) return { keep: () => false };
    const now = clock.now();
    const request = `${method} ${target}\n${body}`;
    const entry = keys.get(key);
    if (entry && entry.expiresAt > now) {
      if (entry.request !== request) return { reply: differentRequestReply() };
      if (entry.inProgress) return { reply: inProgressReply() };
      return { reply: entry.reply };
    }
    const fresh = { request, inProgress: true, reply: undefined, expiresAt: now + IDEMPOTENCY_TTL_MS };
    keys.set(key, fresh);
    return {
      keep(reply) {
        if (!reply || reply.status === 429) {
          keys.delete(key);
          return false;
        }
        fresh.reply = reply;
        fresh.inProgress = false;
        return true;
      },
    };
  }

  return { begin, reset: () => keys.clear() };
}
