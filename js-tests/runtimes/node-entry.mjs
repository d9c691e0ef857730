// Node, Deno and Bun run this from the temporary project the tarball is installed into.
import * as pkg from "codat-bank-feeds-wasm";
import { runScenario } from "./scenario.mjs";

const [serverURL, runtime] = globalThis.Deno?.args ?? process.argv.slice(2);
const result = await runScenario(pkg, serverURL, runtime);
console.log(JSON.stringify(result));
