// The shipped size: the `.wasm`, and what `import { CodatBankFeeds }` adds to a minified esbuild
// bundle (the package's JS plus the `.wasm`), raw, gzip -9 and brotli q11. The bench prints it;
// `node bench/size.mjs --check` (in CI) fails when the bundle's gzip grows past
// bench/size-budget.json, or when the bundle holds any file of the testing kit (the
// `codat-bank-feeds-wasm/testing` subpath must add nothing to what the client ships). Lower the
// budget when the size goes down; never raise it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = (parts) => ({
  raw: parts.reduce((n, b) => n + b.length, 0),
  gzip: parts.reduce((n, b) => n + gz(b), 0),
  brotli: parts.reduce((n, b) => n + br(b), 0),
});

/** Sizes in bytes of one bundle file (the incumbent's). */
export const bundleSize = (bytes) => sizes([bytes]);

/**
 * Sizes in bytes of the `.wasm`, the wasm-bindgen glue, and the bundle gain, from `pkgDir`;
 * `kitFiles`: the bundle's inputs from the testing kit (none, or the check fails).
 */
export function shippedSize(pkgDir = join(root, "pkg")) {
  const wasm = readFileSync(join(pkgDir, "codat_bank_feeds_wasm_bg.wasm"));
  const glue = readFileSync(join(pkgDir, "codat_bank_feeds_wasm.js"));
  // Under bench/ so that "codat-bank-feeds-wasm" resolves to the linked pkg/.
  mkdirSync(join(here, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(here, ".tmp", "size-"));
  try {
    writeFileSync(join(dir, "entry.mjs"), 'import { CodatBankFeeds } from "codat-bank-feeds-wasm";\nglobalThis.x = CodatBankFeeds;\n');
    const args = [
      "--bundle",
      "--minify",
      "--format=esm",
      "--platform=neutral",
      "--conditions=workerd,worker,browser",
      "--main-fields=module,main",
      "--external:*.wasm",
    ];
    const meta = join(dir, "meta.json");
    execFileSync(join(root, "node_modules/.bin/esbuild"), [join(dir, "entry.mjs"), ...args, `--outfile=${join(dir, "out.js")}`, `--metafile=${meta}`], {
      cwd: root,
      stdio: "ignore",
    });
    const js = readFileSync(join(dir, "out.js"));
    const kitFiles = Object.keys(JSON.parse(readFileSync(meta, "utf8")).inputs).filter((p) => /(^|\/)testing\//.test(p));
    return { wasm: sizes([wasm]), glue: sizes([glue]), js: sizes([js]), bundle: sizes([js, wasm]), kitFiles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = shippedSize();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`shipped: .wasm ${kb(size.wasm.raw)} raw, ${kb(size.wasm.gzip)} gzip; bundle gain ${kb(size.bundle.raw)} raw, ${kb(size.bundle.gzip)} gzip`);
  console.log(`testing kit files in the bundle: ${size.kitFiles.length === 0 ? "none" : size.kitFiles.join(", ")}`);
  if (process.argv.includes("--check")) {
    if (size.kitFiles.length > 0) {
      console.error("the testing kit is in what `import { CodatBankFeeds }` ships");
      process.exit(1);
    }
    const budget = JSON.parse(readFileSync(join(here, "size-budget.json"), "utf8"));
    if (size.bundle.gzip > budget.bundleGzipBytes) {
      console.error(`the bundle gain is ${size.bundle.gzip} bytes gzip, past the budget of ${budget.bundleGzipBytes} (bench/size-budget.json)`);
      process.exit(1);
    }
    console.log(`within the budget of ${kb(budget.bundleGzipBytes)} gzip (${budget.bundleGzipBytes - size.bundle.gzip} bytes to spare)`);
  }
}
