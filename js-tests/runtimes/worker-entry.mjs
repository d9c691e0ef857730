// A module worker as wrangler bundles it: the package's `workerd` entry imports the .wasm as a
// compiled module; nothing is fetched or evaluated at startup. The testing kit runs inside it.
import * as pkg from "codat-bank-feeds-wasm";
import * as testing from "codat-bank-feeds-wasm/testing";
import { runScenario } from "./scenario.mjs";

export default {
  async fetch(_request, env) {
    try {
      return Response.json(await runScenario(pkg, testing, "workerd", JSON.parse(env.VECTOR)));
    } catch (err) {
      return Response.json({ ok: false, error: String(err), stack: err.stack }, { status: 500 });
    }
  },
};
