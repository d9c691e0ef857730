// The elements test's page (bundled by esbuild, served under a strict CSP): `window.mount(config)`
// puts a <codat-account-mapping> on it, with an auth function that asks the page's server for a
// company access token (first a stale one when `config.staleFirst`), or with a client built here
// (`config.client`: its options). It records what the tests read: the auth function's calls,
// the element's events and any CSP violation.
import { CodatBankFeeds } from "codat-bank-feeds-wasm";
import "codat-bank-feeds-wasm/elements";

const record = { authCalls: [], events: [], violations: [] };
window.__record = record;
document.addEventListener("securitypolicyviolation", (e) => record.violations.push(`${e.violatedDirective} ${e.blockedURI}`));

window.mount = (config) => {
  let calls = 0;
  const authHeader = async (...args) => {
    record.authCalls.push(args.length ? JSON.parse(JSON.stringify(args[0] ?? null)) : null);
    calls += 1;
    if (config.staleFirst && calls === 1) return "Bearer stale-token";
    const res = await fetch(`/token?companyId=${encodeURIComponent(config.companyId)}`);
    if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
    return `Bearer ${(await res.json()).accessToken}`;
  };
  const el = document.createElement("codat-account-mapping");
  el.setAttribute("company-id", config.companyId);
  el.setAttribute("connection-id", config.connectionId);
  el.setAttribute("server-url", config.serverURL);
  if (config.client) el.client = new CodatBankFeeds({ authHeader, serverURL: config.serverURL, ...config.client });
  else el.authHeader = authHeader;
  for (const type of ["mapped", "statuschange", "error"]) {
    el.addEventListener(type, (e) => {
      const { error, ...detail } = e.detail;
      record.events.push({ type, detail });
    });
  }
  document.querySelector("codat-account-mapping")?.remove();
  document.querySelector("main").append(el);
  return true;
};
