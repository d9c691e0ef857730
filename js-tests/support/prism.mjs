// @ts-check
// Starts Prism (the spec's own mock server, validating every request against the spec) on a
// free loopback port: `{ url, stop }`.
import { spawn } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", () => r(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * Prism serving `specPath`: as a mock answering from the spec's examples, or with `upstream` as a
 * proxy to that server, adding the `sl-violations` header where a request or response is out of
 * the spec.
 * @param {string} [specPath]
 * @param {{ upstream?: string }} [options]
 */
export async function startPrism(specPath = `${root}spec/Codat-Bank-Feeds.json`, { upstream } = {}) {
  const port = await freePort();
  const mode = upstream ? ["proxy", specPath, upstream] : ["mock", specPath];
  const child = spawn(`${root}node_modules/.bin/prism`, [...mode, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start in 60 s:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk;
      if (log.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`Prism exited (${code}):\n${log}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
