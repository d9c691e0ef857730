// The browser test's page: `window.run(config)` runs `run` here, `window.runInWorker(config)` in
// a new dedicated module worker and `window.runInSharedWorker(config)` in a new shared one
// (worker.js, bundled from worker.mjs); each resolves to its result.
import { run } from "./run.mjs";

/** `config` run in `worker`, talked to over `port`, ended once it answers. */
const runIn = (worker, port, end, config) =>
  new Promise((resolve, reject) => {
    port.onmessage = (event) => {
      end();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`worker: ${event.message}`));
    };
    port.postMessage(config);
  });

window.run = run;
window.runInWorker = (config) => {
  const worker = new Worker("./worker.js", { type: "module" });
  return runIn(worker, worker, () => worker.terminate(), config);
};
// A fresh name each time: a shared worker of the same name would be the one already running.
window.runInSharedWorker = (config) => {
  const worker = new SharedWorker("./worker.js", { type: "module", name: crypto.randomUUID() });
  return runIn(worker, worker.port, () => worker.port.close(), config);
};
