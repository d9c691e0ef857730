// A page's calls, and a dedicated or shared module worker's, in Chromium and Firefox (puppeteer-core): the
// site served from http://localhost, the testing kit's fake API cross-origin on 127.0.0.1 with
// strict CORS (only Authorization, Accept and Content-Type allowed). companyAccessToken fetches
// one token from the site's own server for many calls; a write the preflight refuses (its
// Idempotency-Key) fails within the browser bound on connection retries, with a message that
// says it is often CORS, names the page's or worker's origin and says what to do; without the
// key it succeeds.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useBrowser, useBrowserSite } from "./support/browser-site.mjs";
import { sdk } from "./support/helpers.mjs";
import { browsers } from "./support/packed.mjs";

/** The documented bound on a browser call's connection retries: 2 retries, none after 10 s. */
const BOUND_MS = 10_000;
/** What 2 retries take under the default backoff (500 and 750 ms, ±25%), with room for a slow machine. */
const TWO_RETRIES_MS = 5_000;
const site = useBrowserSite({
  entry: { app: "browser/page.mjs", worker: "browser/worker.mjs" },
  html: '<!doctype html><meta charset="utf-8"><title>Page</title><script type="module" src="./app.js"></script>',
});

for (const [name, launch] of Object.entries(browsers)) {
  describe(name, () => {
    const launched = useBrowser(launch);

    /** `config` run in a new page (`where`: "run"), or in a worker of it ("runInWorker", "runInSharedWorker"). */
    async function run(config, where = "run") {
      const page = await launched.browser.newPage();
      try {
        await page.goto(`${site.url}/`);
        await page.waitForFunction(() => typeof window.run === "function");
        return await page.evaluate((c, w) => window[w](c), config, where);
      } finally {
        await page.close();
      }
    }

    /** A write the strict fake's preflight refused: within the bound, the hint naming the origin it ran at. */
    function assertRefused(result, ids) {
      assert.equal(result.pending, undefined, `still pending after 15 s: ${JSON.stringify(result)}`);
      assert.equal(result.ok, false);
      assert.equal(result.connection, true, JSON.stringify(result));
      assert.ok(result.ms < BOUND_MS, `${result.ms} ms`);
      assert.ok(result.ms < TWO_RETRIES_MS, `${result.ms} ms: the retries stopped at 2, not at the window`);
      assert.equal(result.attempts, 3, "the first attempt and 2 retries");
      assert.match(result.message, /^Unable to complete the request: /);
      assert.match(result.message, /often CORS/);
      assert.ok(result.message.includes(`this origin (${result.origin}) must be registered in Codat's CORS settings`), result.message);
      assert.ok(result.message.includes("request headers this call sent (Authorization, Content-Type, Idempotency-Key)"), result.message);
      assert.ok(result.message.endsWith("; `idempotencyKeys: false` leaves Idempotency-Key off"), result.message);
      assert.equal(site.fake.writes.filter((w) => w.companyId === ids.companyId && w.operation === "sourceAccounts.create").length, 0);
    }

    test("companyAccessToken: one token from the page's backend for concurrent calls", async () => {
      const ids = await site.company(`${name} token`);
      const before = site.tokenRequests;
      const result = await run({ ...ids, calls: 5, idempotencyKeys: false, write: true });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(result.got, Array(5).fill(ids.companyId));
      assert.ok(result.wrote);
      assert.equal(site.tokenRequests - before, 1);
    });

    test("a write the CORS preflight refuses fails within the bound, saying it is often CORS and what to do", async () => {
      const ids = await site.company(`${name} cors`);
      const result = await run({ ...ids, write: true });
      assert.equal(result.global, "Window");
      assertRefused(result, ids);
    });

    test("in a dedicated worker: companyAccessToken, then a refused write held to the same bound, naming the worker's origin", async () => {
      const ids = await site.company(`${name} worker`);
      const before = site.tokenRequests;
      const allowed = await run({ ...ids, calls: 2, idempotencyKeys: false, write: true }, "runInWorker");
      assert.equal(allowed.ok, true, JSON.stringify(allowed));
      assert.deepEqual(allowed.got, [ids.companyId, ids.companyId]);
      assert.equal(site.tokenRequests - before, 1);
      const refused = await site.company(`${name} worker cors`);
      const result = await run({ ...refused, write: true }, "runInWorker");
      assert.equal(result.global, "DedicatedWorkerGlobalScope");
      assert.equal(result.origin, site.url, "the worker's own location.origin");
      assertRefused(result, refused);
    });

    test("in a service worker: a token for a GET, then a refused write held to the same bound, naming the worker's origin", async () => {
      const ids = await site.company(`${name} service worker`);
      const allowed = await run({ ...ids, calls: 1 }, "runInServiceWorker");
      assert.equal(allowed.ok, true, JSON.stringify(allowed));
      assert.deepEqual(allowed.got, [ids.companyId]);
      const result = await run({ ...ids, write: true }, "runInServiceWorker");
      assert.equal(result.global, "ServiceWorkerGlobalScope");
      assert.equal(result.origin, site.url, "the worker's own location.origin");
      assertRefused(result, ids);
    });

    test("in a shared worker: a refused write held to the same bound, naming the worker's origin", async () => {
      const ids = await site.company(`${name} shared worker cors`);
      const result = await run({ ...ids, write: true }, "runInSharedWorker");
      assert.equal(result.global, "SharedWorkerGlobalScope");
      assert.equal(result.origin, site.url, "the worker's own location.origin");
      assertRefused(result, ids);
    });
  });
}

test("in Node, a failed fetch has no CORS hint and is retried per the policy", async () => {
  let attempts = 0;
  const client = new sdk.CodatBankFeeds({
    authHeader: site.fake.apiKey,
    serverURL: site.fake.url,
    fetch: site.fake.fetchFrom("http://localhost:1"),
    retryConfig: { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 2, maxElapsedTime: 200 }, retryConnectionErrors: true },
    hooks: { beforeRequest: () => void attempts++ },
  });
  const err = await client.companies.create({ name: "Node" }).catch((e) => e);
  assert.ok(err instanceof sdk.ConnectionError, String(err));
  assert.doesNotMatch(err.message, /CORS settings/);
  assert.ok(attempts > 3, `${attempts} attempts`);
});

test("in Node, the default policy retries a failed fetch past the browser's 2 retries", async () => {
  const controller = new AbortController();
  let attempts = 0;
  const client = new sdk.CodatBankFeeds({
    authHeader: site.fake.apiKey,
    serverURL: site.fake.url,
    fetch: async () => {
      // Once the third attempt failed, a browser has given up; Node is waiting to try again.
      if (++attempts === 3) setTimeout(() => controller.abort(), 100);
      throw new TypeError("fetch failed");
    },
  });
  const err = await client.companies.get({ companyId: "00000000-0000-0000-0000-000000000000" }, { signal: controller.signal }).catch((e) => e);
  assert.ok(err instanceof sdk.RequestAbortedError, String(err));
  assert.equal(attempts, 3);
});
