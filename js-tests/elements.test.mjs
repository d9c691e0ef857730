// <codat-account-mapping> in Chromium and Firefox (puppeteer-core): the page served from
// http://localhost under a strict CSP, the testing kit's fake API cross-origin on 127.0.0.1 with
// strict CORS (only Authorization, Accept and Content-Type allowed). A full mapping by keyboard
// alone, checked by axe; a Failed mapping, then a new account; a 401 and the token renewed; a
// token that cannot be had; a 429; a CORS refusal. Screenshots go to js-tests/.artifacts/
// (gitignored), kept as the run's artifacts.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { useBrowser, useBrowserSite } from "./support/browser-site.mjs";
import { browsers, root } from "./support/packed.mjs";

const artifacts = join(root, "js-tests", ".artifacts", "elements");
const site = useBrowserSite({
  entry: "elements/page.mjs",
  html: '<!doctype html><html lang="en-US"><meta charset="utf-8"><title>Settings</title><main><h1>Settings</h1></main><script type="module" src="./app.js"></script></html>',
  minify: true,
  // A CSP with no 'unsafe-inline' and no nonce: 'wasm-unsafe-eval' and connect-src 'self' are
  // the client's own needs (compiling its .wasm, fetched from the page's origin); the element
  // adds nothing to them.
  headers: (api) => ({ "content-security-policy": `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${api}; style-src 'self'` }),
});
before(() => mkdirSync(artifacts, { recursive: true }));

const BROWSERS = {
  // The element's dates are shown in the page's locale: English, as the tests read them.
  chromium: { ...browsers.chromium, args: [...browsers.chromium.args, "--lang=en-US"] },
  firefox: { ...browsers.firefox, extraPrefsFirefox: { "intl.locale.requested": "en-US" } },
};

for (const [name, launch] of Object.entries(BROWSERS)) {
  describe(name, () => {
    const launched = useBrowser(launch);

    /** A fresh page with the element mounted; resolves once it shows its accounts (or a failure). */
    async function mounted(config) {
      const page = await launched.browser.newPage();
      await page.setViewport({ width: 900, height: 700 });
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => typeof window.mount === "function");
      await page.evaluate((c) => window.mount(c), config);
      await page.waitForFunction(() => {
        const r = document.querySelector("codat-account-mapping")?.shadowRoot;
        return r?.querySelector("[part=list]") || !r?.querySelector("[part=error]")?.hidden;
      });
      return page;
    }

    /** What the element shows: the error, each account's status and result, and the focused element's id. */
    const view = (page) =>
      page.evaluate(() => {
        const r = document.querySelector("codat-account-mapping").shadowRoot;
        const error = r.querySelector("[part=error]");
        return {
          error: error.hidden ? null : error.textContent,
          accounts: [...r.querySelectorAll("[part=account]")].map((li) => ({
            name: li.querySelector("h3").textContent,
            status: li.querySelector("[class^=badge]").textContent,
            options: [...li.querySelectorAll("option")].map((o) => o.textContent),
            result: li.querySelector(".result").hidden ? null : li.querySelector(".result").textContent,
          })),
          focused: r.activeElement?.id ?? null,
          record: window.__record,
        };
      });

    const settled = (page, previous) =>
      page.waitForFunction(
        (before) => {
          const r = document.querySelector("codat-account-mapping").shadowRoot;
          return r.querySelector("section").getAttribute("aria-busy") === "false" && window.__record.events.length > before;
        },
        { timeout: 20_000 },
        previous,
      );

    const eventCount = (page) => page.evaluate(() => window.__record.events.length);

    async function axe(page) {
      await page.evaluate(readFileSync(join(root, "node_modules", "axe-core", "axe.min.js"), "utf8"));
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      assert.deepEqual(result, []);
    }

    const shot = (page, what) => page.screenshot({ path: join(artifacts, `${name}-${what}.png`), fullPage: true });

    /** Presses Tab until the element's `id` has focus. */
    async function tabTo(page, id) {
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press("Tab");
        if ((await view(page)).focused === id) return;
      }
      assert.fail(`Tab never reached #${id}`);
    }

    test("a full mapping by keyboard alone, under a strict CSP, with no axe violation", async () => {
      const ids = await site.company("Keyboard Co", [{ id: "acc-main", accountName: "Main account" }]);
      const page = await mounted(ids);
      try {
        await axe(page);
        let v = await view(page);
        assert.deepEqual(v.accounts, [
          {
            name: "Main account",
            status: "Status: Not mapped yet",
            options: ["Choose an account", "Business Current Account · 31926819", "Business Savings Account · 71829304", "Create a new account"],
            result: null,
          },
        ]);
        await tabTo(page, "t0");
        await page.keyboard.press("ArrowDown");
        await tabTo(page, "d0");
        await page.keyboard.type("01152025");
        const before = await eventCount(page);
        await tabTo(page, "s0");
        await page.keyboard.press("Enter");
        await settled(page, before);
        v = await view(page);
        assert.equal(v.error, null);
        assert.equal(v.accounts[0].status, "Status: Connected");
        assert.equal(v.accounts[0].result, "Mapped: Main account now feeds into Business Current Account.");
        assert.equal(v.focused, "r0", "focus on the result");
        const write = site.fake.writes.find((w) => w.operation === "accountMapping.create" && w.companyId === ids.companyId);
        assert.deepEqual(v.record.events, [
          {
            type: "mapped",
            detail: { sourceAccountId: "acc-main", targetAccountId: write.body.targetAccountId, newAccount: false, feedStartDate: "2025-01-15" },
          },
          { type: "statuschange", detail: { sourceAccountId: "acc-main", status: "connected", previousStatus: "pending" } },
        ]);
        assert.equal(write.body.feedStartDate, "2025-01-15");
        assert.equal(write.idempotencyKey ?? undefined, undefined, "no Idempotency-Key: strict CORS would refuse it");
        assert.deepEqual(v.record.violations, []);
        // The constructable stylesheet applied under `style-src 'self'`.
        const background = await page.evaluate(
          () => getComputedStyle(document.querySelector("codat-account-mapping").shadowRoot.querySelector("#s0")).backgroundColor,
        );
        assert.equal(background, "rgb(11, 87, 208)");
        await axe(page);
        await shot(page, "mapped");
      } finally {
        await page.close();
      }
    });

    test("a Failed mapping shows Codat's reason; a new account then maps", async () => {
      const ids = await site.company("Failed Co", [
        { id: "acc-a", accountName: "Till" },
        { id: "acc-b", accountName: "Reserve" },
      ]);
      const where = { companyId: ids.companyId, connectionId: ids.connectionId };
      const [{ targetAccountOptions }] = await site.admin.accountMapping.get(where);
      await site.admin.accountMapping.create({ ...where, requestBody: { sourceAccountId: "acc-b", targetAccountId: targetAccountOptions[0].id } });
      const page = await mounted(ids);
      try {
        await page.evaluate(() => {
          const r = document.querySelector("codat-account-mapping").shadowRoot;
          r.querySelector("#t0").value = "0";
          r.querySelector("#t0").dispatchEvent(new Event("change", { bubbles: true }));
        });
        let before = await eventCount(page);
        await page.evaluate(() => document.querySelector("codat-account-mapping").shadowRoot.querySelector("#s0").click());
        await settled(page, before);
        let v = await view(page);
        assert.equal(v.accounts[0].result, "Not mapped: A feed connection already exists to this account");
        assert.equal(v.accounts[0].status, "Status: Not mapped yet");
        assert.equal(v.focused, "r0");
        assert.equal(v.record.events.at(-1).type, "error");
        assert.equal(v.record.events.at(-1).detail.kind, "mappingFailed");
        await shot(page, "failed");

        await page.evaluate(() => {
          const r = document.querySelector("codat-account-mapping").shadowRoot;
          r.querySelector("#t0").value = "new";
          r.querySelector("#t0").dispatchEvent(new Event("change", { bubbles: true }));
        });
        before = await eventCount(page);
        await page.evaluate(() => document.querySelector("codat-account-mapping").shadowRoot.querySelector("#s0").click());
        await settled(page, before);
        v = await view(page);
        assert.equal(v.accounts[0].result, "Mapped: Till now feeds into a new account.");
        assert.equal(v.accounts[0].status, "Status: Connected");
        const mapped = v.record.events.filter((e) => e.type === "mapped");
        assert.equal(mapped.at(-1).detail.newAccount, true);
        const created = (await site.admin.accountMapping.get(where)).find((m) => m.sourceAccountId === "acc-a");
        assert.equal(created.targetAccountName, "Till");
      } finally {
        await page.close();
      }
    });

    test("a 401 renews the token through the auth function; a token that cannot be had is said in words", async () => {
      const ids = await site.company("Refresh Co", [{ id: "acc-r", accountName: "Float" }]);
      const page = await mounted({ ...ids, staleFirst: true });
      try {
        let v = await view(page);
        assert.equal(v.error, null);
        assert.equal(v.accounts.length, 1);
        assert.equal(v.record.authCalls.length, 2, "called again after the 401");
        const unauthorized = site.fake.requests.filter((r) => r.path.includes(ids.companyId) && r.status === 401);
        assert.equal(unauthorized.length, 1);
        // The backend is down: the element cannot renew the token.
        await page.evaluate(() => {
          const el = document.querySelector("codat-account-mapping");
          el.authHeader = async () => {
            throw new Error("Bearer secret-token-value: token endpoint down");
          };
        });
        await page.waitForFunction(() => !document.querySelector("codat-account-mapping").shadowRoot.querySelector("[part=error]").hidden);
        v = await view(page);
        assert.equal(v.error, "Your session could not be renewed. Sign in again, then try again.Try again");
        assert.ok(!JSON.stringify(v).includes("secret-token-value"));
        assert.equal(v.record.events.at(-1).detail.kind, "auth");
        await shot(page, "auth");
      } finally {
        await page.close();
      }
    });

    test("a 429 says how long to wait, and focus goes to it", async () => {
      const ids = await site.company("Busy Co", [{ id: "acc-q", accountName: "Payroll" }]);
      const page = await mounted(ids);
      try {
        site.fake.faults.add({ fault: "rateLimited", operation: "accountMapping.create", retryAfter: 120, times: 1 });
        await page.evaluate(() => {
          const r = document.querySelector("codat-account-mapping").shadowRoot;
          r.querySelector("#t0").value = "1";
          r.querySelector("#s0").focus();
        });
        const before = await eventCount(page);
        await page.keyboard.press("Enter");
        await settled(page, before);
        const v = await view(page);
        assert.equal(v.error, "Too many requests were made. Try again in 2 minutes.Try again");
        assert.equal(v.focused, "", "focus on the error (it has no id)");
        assert.equal(await page.evaluate(() => document.querySelector("codat-account-mapping").shadowRoot.activeElement?.getAttribute("part")), "error");
        assert.deepEqual(v.record.events.at(-1).detail, {
          kind: "rateLimit",
          message: "Too many requests were made. Try again in 2 minutes.",
          retryAfterMs: 120_000,
          sourceAccountId: "acc-q",
        });
        await shot(page, "rate-limited");
      } finally {
        await page.close();
      }
    });

    test("a CORS refusal (a client that sends Idempotency-Key) is a network failure in words", async () => {
      const ids = await site.company("Cors Co", [{ id: "acc-c", accountName: "Card float" }]);
      const page = await mounted({ ...ids, client: { retryConfig: { strategy: "none" } } });
      try {
        assert.equal((await view(page)).accounts.length, 1, "a GET passes the preflight");
        await page.evaluate(() => {
          const r = document.querySelector("codat-account-mapping").shadowRoot;
          r.querySelector("#t0").value = "0";
          r.querySelector("#s0").click();
        });
        await page.waitForFunction(() => !document.querySelector("codat-account-mapping").shadowRoot.querySelector("[part=error]").hidden, { timeout: 20_000 });
        const v = await view(page);
        assert.match(v.error, /^Codat could not be reached\. .*CORS settings\)\.Try again$/);
        assert.equal(v.record.events.at(-1).detail.kind, "network");
        assert.equal(site.fake.writes.filter((w) => w.companyId === ids.companyId && w.operation === "accountMapping.create").length, 0);
        await shot(page, "cors");
      } finally {
        await page.close();
      }
    });
  });
}
