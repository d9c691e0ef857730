// One deadline per call: the caller's `timeoutMs` and `signal`, made once when the call starts
// (only when it has either: a call with neither makes none, and Node's AbortController is
// costly), and raced against every promise the call waits on: the auth function, a company
// slot, the attempt (hooks, fetch, body), a retry wait. A user's function that never settles
// cannot outlast it.

const ignore = () => {};

class Deadline {
  // Its fields: `timeoutMs` as configured (negative: none) and `at`, when it passes; `outcome`,
  // "timeout" or "aborted" once the time is over, and the signal's `reason`; `step`, what the
  // attempt waits on (js/fetch.js notes it, for the message); `ended`, a promise that rejects
  // with the deadline then (handled: nobody may be racing it at that moment).
  constructor(timeoutMs, signal) {
    this.timeoutMs = timeoutMs;
    this.at = timeoutMs >= 0 ? Date.now() + timeoutMs : Infinity;
    this.callerSignal = signal;
    this.ended = new Promise((_, reject) => {
      this.reject = reject;
    });
    this.ended.catch(ignore);
    this.onAbort = () => this.end("aborted");
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
    globalThis.clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onAbort);
  }
}

/** A call's deadline: after `timeoutMs` (negative: none) or when `signal` aborts. */
export function deadline(timeoutMs, signal) {
  return new Deadline(timeoutMs, signal);
}
