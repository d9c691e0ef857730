// Opens a page in Debian's Chromium (puppeteer-core) and waits for the page's `window.__result`.
import puppeteer from "puppeteer-core";

let browser;

export async function launch() {
  browser ??= await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
  return browser;
}

export async function closeBrowser() {
  const b = browser;
  browser = undefined;
  await b?.close();
}

/** Loads `url`; resolves to { result, console, requests } once the page sets window.__result. */
export async function runPage(url, timeoutMs = 30000) {
  const b = await launch();
  const page = await b.newPage();
  const consoleLines = [];
  const requests = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  let pageError;
  const failed = new Promise((r) => (pageError = r));
  page.on("pageerror", (e) => {
    consoleLines.push(`pageerror: ${e.message}`);
    pageError(e);
  });
  page.on("response", (r) => {
    const u = r.url();
    if (u.endsWith(".wasm") || r.status() >= 400 || r.request().method() !== "GET")
      requests.push(`${r.request().method()} ${r.status()} ${u} [${r.headers()["content-type"] ?? ""}]`);
  });
  page.on("requestfailed", (r) => requests.push(`FAILED ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  try {
    await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
    let result;
    try {
      // An uncaught error (a failed top-level await in the entry, say) ends the wait at once.
      const uncaught = failed.then((e) => new Promise((r) => setTimeout(() => r({ error: `uncaught: ${e.message}` }), 500)));
      const set = page.waitForFunction(() => window.__result !== undefined, { timeout: timeoutMs }).then(() => page.evaluate(() => window.__result));
      result = await Promise.race([set, uncaught]);
    } catch (e) {
      result = { error: `no window.__result: ${e.message}` };
    }
    return { result, console: consoleLines, requests };
  } finally {
    await page.close();
  }
}
