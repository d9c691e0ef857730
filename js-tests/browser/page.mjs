// The browser test's page: `window.run(config)` runs `run` here, `window.runInWorker(config)` in
// a new dedicated module worker, `window.runInSharedWorker(config)` in a new shared one and
// `window.runInServiceWorker(config)` in the site's module service worker (worker.js, bundled
// from worker.mjs); each resolves to its result.
import { run } from "./run.mjs";

/** `send()` posts the config to `worker`, which answers on `port`; ended once it answers. */
const runIn = (worker, port, end, send) =>
  new Promise((resolve, reject) => {
    port.onmessage = (event) => {
      end();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`worker: ${event.message}`));
    };
    send();
  });

window.run = run;
window.runInWorker = (config) => {
  const worker = new Worker("./worker.js", { type: "module" });
  return runIn(
    worker,
    worker,
    () => worker.terminate(),
    () => worker.postMessage(config),
  );
};
// A fresh name each time: a shared worker of the same name would be the one already running.
window.runInSharedWorker = (config) => {
  const worker = new SharedWorker("./worker.js", { type: "module", name: crypto.randomUUID() });
  return runIn(
    worker,
    worker.port,
    () => worker.port.close(),
    () => worker.port.postMessage(config),
  );
};
// The service worker answers on the port sent with the config.
window.runInServiceWorker = async (config) => {
  await navigator.serviceWorker.register("./worker.js", { type: "module" });
  const { active } = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  return runIn(
    active,
    channel.port1,
    () => channel.port1.close(),
    () => active.postMessage(config, [channel.port2]),
  );
};
