// The JS side of the crate's executor (src/bindings/tasks.rs): the promise a caller holds for
// a task, settled when the task ends, and the watch on the one promise a task waits on.

const callers = new Map();

/** The promise the caller of task `id` holds, until `settle(id, ...)`. */
export function started(id) {
  return new Promise((resolve, reject) => callers.set(id, { resolve, reject }));
}

/** Ends task `id`'s promise: resolved with `value` when `ok`, else rejected with it. */
export function settle(id, ok, value) {
  const caller = callers.get(id);
  callers.delete(id);
  if (ok) caller.resolve(value);
  else caller.reject(value);
}

/** Calls `wake(id, ok, value)` once `promise` settles. */
export function watch(promise, id, wake) {
  promise.then(
    (value) => wake(id, true, value),
    (error) => wake(id, false, error),
  );
}
