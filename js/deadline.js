// One deadline per call: the caller's `timeoutMs` and `signal`, made once when the call starts
// (only when it has either: a call with neither makes none, and Node's AbortController is
// costly), and raced against every promise the call waits on: the auth function, a company
// slot, the attempt (hooks, fetch, body), a retry wait. A user's function that never settles
// cannot outlast it.

const ignore = () => {};

export class Deadline {
  constructor(timeoutMs, signal) {
    /** The configured timeout in ms; negative for none. */
    this.timeoutMs = timeoutMs;
    this.at = timeoutMs >= 0 ? Date.now() + timeoutMs : Infinity;
    /** `"timeout"` or `"aborted"` once the call's time is over. */
    this.outcome = undefined;
    /** The signal's reason, once it aborted the call. */
    this.reason = undefined;
    /** What the attempt is waiting on (js/fetch.js sets it), for the timeout's message. */
    this.step = undefined;
    this.callerSignal = signal;
    this.controller = undefined;
    let reject;
    /** Rejects with this deadline when the time is over; handled, since nobody may be racing then. */
    this.ended = new Promise((_, r) => {
      reject = r;
    });
    this.ended.catch(ignore);
    this.reject = reject;
    this.onAbort = () => this.end("aborted");
    this.timer = undefined;
    if (signal?.aborted) this.end("aborted");
    else {
      signal?.addEventListener("abort", this.onAbort, { once: true });
      if (timeoutMs >= 0) this.timer = globalThis.setTimeout(() => this.end("timeout"), timeoutMs);
    }
  }

  end(outcome) {
    if (this.outcome !== undefined) return;
    this.outcome = outcome;
    if (outcome === "aborted") this.reason = this.callerSignal.reason;
    this.close();
    this.controller?.abort(this.reason);
    this.reject(this);
  }

  /** Whether the call's time is over: its signal aborted, or its time passed (a late timer too). */
  over() {
    if (this.outcome === undefined) {
      if (this.callerSignal?.aborted) this.end("aborted");
      else if (Date.now() >= this.at) this.end("timeout");
    }
    return this.outcome !== undefined;
  }

  /** `promise`, or a rejection with this deadline if the time is over first. */
  race(promise) {
    return Promise.race([promise, this.ended]);
  }

  /** The signal a fetch of this call gets: the caller's, or one that aborts at the deadline too. */
  signal() {
    if (this.timer === undefined && this.outcome === undefined) return this.callerSignal;
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.outcome !== undefined) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** The call settled: its timer and its listener on the caller's signal go. */
  close() {
    if (this.timer !== undefined) globalThis.clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onAbort);
  }
}

/** A call's deadline: after `timeoutMs` (negative: none) or when `signal` aborts. */
export function deadline(timeoutMs, signal) {
  return new Deadline(timeoutMs, signal);
}
