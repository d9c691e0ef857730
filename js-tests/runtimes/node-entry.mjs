// Node, Deno and Bun run this from the temporary project the tarball is installed into.
import * as pkg from "codat-bank-feeds-wasm";
import * as testing from "codat-bank-feeds-wasm/testing";
import { runScenario } from "./scenario.mjs";

const [runtime, vector] = globalThis.Deno?.args ?? process.argv.slice(2);
const result = await runScenario(pkg, testing, runtime, JSON.parse(vector));
console.log(JSON.stringify(result));
