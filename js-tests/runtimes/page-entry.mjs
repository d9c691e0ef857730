// The browser page's script, bundled by esbuild with the `browser` condition.
import * as pkg from "codat-bank-feeds-wasm";
import { runScenario } from "./scenario.mjs";

const runtime = new URLSearchParams(location.search).get("runtime");
runScenario(pkg, location.origin, runtime).then(
  (result) => (window.__result = result),
  (err) => (window.__result = { ok: false, error: String(err), stack: err.stack }),
);
