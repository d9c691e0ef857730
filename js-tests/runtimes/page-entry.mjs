// The browser page's script, bundled by esbuild with the `browser` condition; the webhook vector
// comes from the page's own server.
import * as pkg from "codat-bank-feeds-wasm";
import * as testing from "codat-bank-feeds-wasm/testing";
import { runScenario } from "./scenario.mjs";

const runtime = new URLSearchParams(location.search).get("runtime");
fetch("/webhook-vector")
  .then((r) => r.json())
  .then((vector) => runScenario(pkg, testing, runtime, vector))
  .then(
    (result) => (window.__result = result),
    (err) => (window.__result = { ok: false, error: String(err), stack: err.stack }),
  );
