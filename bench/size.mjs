// The shipped size: the `.wasm`, and what `import { CodatBankFeeds }` adds to a minified esbuild
// bundle (the package's JS plus the `.wasm`), raw, gzip -9 and brotli q11. The bench prints it;
// `node bench/size.mjs --check` (in CI) fails when the bundle's gzip grows past
// bench/size-budget.json, or when the bundle holds any file of the testing kit (the
// `codat-bank-feeds-wasm/testing` subpath must add nothing to what the client ships). It prints
// what `import "codat-bank-feeds-wasm/elements"` adds on top of the client's bundle too, and the
// check fails past 8 KB gzip or when the client's bundle holds any file of the elements. Lower
// the budget when the size goes down; never raise it.
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
    const client = bundle(dir, "client", 'import { CodatBankFeeds } from "codat-bank-feeds-wasm";\nglobalThis.x = CodatBankFeeds;\n');
    const withElements = bundle(
      dir,
      "elements",
      'import { CodatBankFeeds } from "codat-bank-feeds-wasm";\nimport "codat-bank-feeds-wasm/elements";\nglobalThis.x = CodatBankFeeds;\n',
    );
    const js = client.js;
    return {
      wasm: sizes([wasm]),
      glue: sizes([glue]),
      js: sizes([js]),
      bundle: sizes([js, wasm]),
      kitFiles: client.inputs.filter((p) => /(^|\/)testing\//.test(p)),
      elementFiles: client.inputs.filter((p) => /(^|\/)elements\//.test(p)),
      // What the elements add on top of the client: the difference of the two bundles.
      elements: { raw: withElements.js.length - js.length, gzip: gz(withElements.js) - gz(js), brotli: br(withElements.js) - br(js) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `source` bundled and minified as a browser or worker bundler would: its JS and its input files. */
function bundle(dir, name, source) {
  writeFileSync(join(dir, `${name}.mjs`), source);
  const args = [
    "--bundle",
    "--minify",
    "--format=esm",
    "--platform=neutral",
    "--conditions=workerd,worker,browser",
    "--main-fields=module,main",
    "--external:*.wasm",
  ];
  const meta = join(dir, `${name}.json`);
  execFileSync(join(root, "node_modules/.bin/esbuild"), [join(dir, `${name}.mjs`), ...args, `--outfile=${join(dir, `${name}.js`)}`, `--metafile=${meta}`], {
    cwd: root,
    stdio: "ignore",
  });
  return { js: readFileSync(join(dir, `${name}.js`)), inputs: Object.keys(JSON.parse(readFileSync(meta, "utf8")).inputs) };
}

/** The most `import "codat-bank-feeds-wasm/elements"` may add to the client's bundle, gzip. */
const ELEMENTS_GZIP_BUDGET = 8 * 1024;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = shippedSize();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`shipped: .wasm ${kb(size.wasm.raw)} raw, ${kb(size.wasm.gzip)} gzip; bundle gain ${kb(size.bundle.raw)} raw, ${kb(size.bundle.gzip)} gzip`);
  console.log(`testing kit files in the bundle: ${size.kitFiles.length === 0 ? "none" : size.kitFiles.join(", ")}`);
  console.log(`elements files in the bundle: ${size.elementFiles.length === 0 ? "none" : size.elementFiles.join(", ")}`);
  console.log(`the elements on top of the client: ${kb(size.elements.raw)} raw, ${kb(size.elements.gzip)} gzip, ${kb(size.elements.brotli)} brotli`);
  if (process.argv.includes("--check")) {
    if (size.kitFiles.length > 0 || size.elementFiles.length > 0) {
      console.error("the testing kit or the elements are in what `import { CodatBankFeeds }` ships");
      process.exit(1);
    }
    if (size.elements.gzip > ELEMENTS_GZIP_BUDGET) {
      console.error(`the elements add ${size.elements.gzip} bytes gzip to the client, past ${ELEMENTS_GZIP_BUDGET}`);
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
