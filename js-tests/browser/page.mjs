// The browser test's page: `window.run(config)` runs `run` here, `window.runInWorker(config)` in
// a new dedicated module worker (worker.js, bundled from worker.mjs); both resolve to its result.
import { run } from "./run.mjs";

window.run = run;
window.runInWorker = (config) =>
  new Promise((resolve, reject) => {
    const worker = new Worker("./worker.js", { type: "module" });
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker: ${event.message}`));
    };
    worker.postMessage(config);
  });
