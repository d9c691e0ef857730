#!/usr/bin/env node
// The fake API from the command line (the package's `codat-bank-feeds-fake`):
//   node fake/serve.mjs [--port 4010] [--host 127.0.0.1] [--api-key "Basic ..."] [--log]
// (port 4010 unless given; --port 0 picks a free one)
import { DEFAULT_API_KEY } from "./constants.mjs";
import { startFakeCodat } from "./node.mjs";

const args = process.argv.slice(2);
const options = { port: 4010 };
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split(/=(.*)/s, 2);
  const value = () => inline ?? args[++i];
  if (flag === "--port") options.port = Number(value());
  else if (flag === "--host") options.host = value();
  else if (flag === "--api-key") options.apiKey = value();
  else if (flag === "--log") options.log = true;
  else if (flag === "--help" || flag === "-h") {
    console.log("usage: codat-bank-feeds-fake [--port 4010] [--host 127.0.0.1] [--api-key 'Basic ...'] [--log]");
    process.exit(0);
  } else {
    console.error(`unknown argument: ${args[i]}`);
    process.exit(2);
  }
}
if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
  console.error("--port must be an integer between 0 and 65535");
  process.exit(2);
}
const fake = await startFakeCodat(options);
console.log(`Fake Codat API listening on ${fake.url}`);
console.log(`Accepted API key: Authorization: ${options.apiKey ?? DEFAULT_API_KEY}`);
const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
