// The browser test's dedicated module worker: runs `run` on the config the page posts, and posts
// back its result.
import { run } from "./run.mjs";

self.onmessage = async (event) => postMessage(await run(event.data));
