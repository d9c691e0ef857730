// Starts the fake Codat API on a free loopback port and runs the compiled example against it.
import { spawn } from "node:child_process";
import { startFakeCodat } from "../../fake/node.mjs";

const apiKey = "Basic ZGVtby1rZXk=";
// The first write's answer is lost after it commits, as a dropped connection would: the client
// retries it under its Idempotency-Key and it lands once.
const fake = await startFakeCodat({ apiKey, faults: [{ fault: "drop", operation: "companies.create" }] });
console.log(`fake Codat API on ${fake.url}\n`);
const child = spawn(process.execPath, [new URL("./dist/setup-bank-feed.js", import.meta.url).pathname], {
  stdio: "inherit",
  env: { ...process.env, CODAT_SERVER_URL: fake.url, CODAT_AUTH_HEADER: apiKey },
});
const code = await new Promise((resolve) => child.on("exit", resolve));
await fake.close();
process.exit(code ?? 1);
