/**
 * The fake Codat API on a port, for Node (and Deno and Bun, which have `node:http`):
 * `codat-bank-feeds-wasm/testing/node`. For tools that need a URL (a browser page, another
 * process); in-process tests need only `createFakeCodat(...).fetch`.
 * @module
 */
import type { FakeCodat, FakeCodatOptions } from "./index.mjs";

/** A fake served on a port. */
export interface FakeServer {
  /** The base URL to use as the client's `serverURL` (`http://127.0.0.1:PORT`). */
  url: string;
  /** The port listened on. */
  port: number;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

/** Where to listen. */
export interface ListenOptions {
  /** The port (default 0: a free one, read from `url`). */
  port?: number;
  /** The interface (default `127.0.0.1`). */
  host?: string;
}

/** Serves `fake` (from `createFakeCodat`) on a port; the state is shared with `fake.fetch`. */
export declare function listen(fake: FakeCodat, options?: ListenOptions): Promise<FakeServer>;

/** Creates a fake (`createFakeCodat(options)`) and serves it: the fake with `url`, `port` and `close()`. */
export declare function startFakeCodat(options?: FakeCodatOptions & ListenOptions): Promise<FakeCodat & FakeServer>;
