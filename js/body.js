// The raw bodies of an operation without a JSON schema (`generateCredentials`), as fetch sends
// them. No `node:` import: this ships to browsers and Workers too.

const encoder = new TextEncoder();

/** Whether `body` is a `ReadableStream`: fetch reads it as it sends it, so it is sent once. */
export function isStream(body) {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}

/**
 * `value` as the body to send, or `undefined` when it cannot be one. Text, bytes, a `Blob` and a
 * `ReadableStream` go as given; any other async iterable of bytes or strings (a Node `Readable`)
 * as a `ReadableStream` that reads it chunk by chunk as fetch sends.
 */
export function rawBody(value) {
  if (
    typeof value === "string" ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== "undefined" && value instanceof Blob) ||
    isStream(value)
  ) {
    return value;
  }
  if (typeof value?.[Symbol.asyncIterator] === "function" && typeof ReadableStream !== "undefined") return streamOf(value);
  return undefined;
}

/** A `ReadableStream` of `iterable`'s chunks, each read only when fetch asks for it; cancelling it ends the iterable (a Node stream is destroyed). */
function streamOf(iterable) {
  let iterator;
  return new ReadableStream(
    {
      async pull(controller) {
        iterator ??= iterable[Symbol.asyncIterator]();
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(bytesOf(value));
      },
      cancel(reason) {
        return iterator?.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function bytesOf(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError("requestBody: a chunk of the stream is not bytes or a string");
}
