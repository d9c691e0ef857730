// Bundles the page with esbuild (the package's `browser` entry) into dist/, with the .wasm
// beside the bundle where the entry fetches it from.

import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, "app.js")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  outfile: join(out, "app.js"),
});
const pkgDir = dirname(createRequire(import.meta.url).resolve("codat-bank-feeds-wasm/package.json"));
const wasm = readdirSync(pkgDir).find((f) => f.endsWith(".wasm"));
copyFileSync(join(pkgDir, wasm), join(out, wasm));
copyFileSync(join(here, "index.html"), join(out, "index.html"));
