#!/usr/bin/env bash
# The demo: builds the package, starts the local fake Codat API (fake/), and runs
# the typed Node example (examples/node) against it. No Codat account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building pkg/ (the first run installs the wasm tools: see README) ..."
log=$(mktemp)
bash scripts/build.sh >"$log" 2>&1 || { cat "$log"; exit 1; }
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/link-pkg.sh
tsc -p examples/node
node examples/node/run-demo.mjs
