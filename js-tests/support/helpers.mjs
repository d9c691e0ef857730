// @ts-check
import { after, before, beforeEach } from "node:test";
import * as sdk from "../../pkg/node.js";
import { startMockServer } from "./mock-server.mjs";

export { sdk };
export const API_KEY = "Basic c2VjcmV0LWFwaS1rZXktMTIzNDU=";
/** Short waits so retry tests run in milliseconds. */
/** @type {import("../../pkg/index.js").RetryConfig} */
export const FAST_RETRIES = {
  strategy: "backoff",
  backoff: { initialInterval: 5, maxInterval: 20, exponent: 1.5, maxElapsedTime: 2000 },
  retryConnectionErrors: true,
};

/** Starts one mock server for the file; each test gets it freshly reset. */
export function useMockServer() {
  const ctx = {};
  before(async () => {
    ctx.server = await startMockServer();
  });
  beforeEach(() => ctx.server.reset());
  after(() => ctx.server.close());
  ctx.client = (options = {}) => new sdk.CodatBankFeeds({ authHeader: API_KEY, serverURL: ctx.server.url, retryConfig: FAST_RETRIES, ...options });
  return ctx;
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the promise to reject");
}
