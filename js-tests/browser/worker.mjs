// The browser test's module worker, dedicated, shared or service: runs `run` on the config the
// page posts, and posts back its result.
import { run } from "./run.mjs";

/** Answers each config `port` receives with `run`'s result. */
const serve = (port) => {
  port.onmessage = async (event) => port.postMessage(await run(event.data));
};

if (typeof SharedWorkerGlobalScope === "function" && self instanceof SharedWorkerGlobalScope) self.onconnect = (event) => serve(event.ports[0]);
else if (typeof ServiceWorkerGlobalScope === "function" && self instanceof ServiceWorkerGlobalScope) {
  // Kept alive by waitUntil until it has answered on the port the page sent.
  self.onmessage = (event) => event.waitUntil(run(event.data).then((result) => event.ports[0].postMessage(result)));
} else serve(self);
