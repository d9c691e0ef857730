#!/usr/bin/env bash
# The demo: builds the package, starts the local fake Codat API (fake/), and runs the typed
# Node example (examples/node) against it. No Codat account needed. It installs only what the
# build and the example need (scripts/setup.sh --demo); scripts/test.sh installs the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "setting up the build tools (the first run installs them: wasm-pack, wasm-bindgen-cli, wasm-opt, tsc) ..."
bash scripts/setup.sh --demo
echo "building pkg/ ..."
log=$(mktemp)
bash scripts/build.sh >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
export PATH="$PWD/node_modules/.bin:$PWD/.demo/node_modules/.bin:$PATH"
bash scripts/link-pkg.sh
tsc -p examples/node
node examples/node/run-demo.mjs
