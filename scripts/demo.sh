#!/usr/bin/env bash
# The demo: builds the package, starts the local fake Codat API (fake/), and runs the typed
# Node example (examples/node) against it. No Codat account needed. It installs only what the
# build and the example need (scripts/setup.sh --demo); scripts/test.sh installs the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "setting up the build tools (the first run installs them: wasm-pack, wasm-bindgen-cli, wasm-opt, tsc) ..."
bash scripts/setup.sh --demo
export PATH="$PWD/node_modules/.bin:$PWD/.demo/node_modules/.bin:$PATH"

# pkg/ is built again only when what it is built from, or pkg/ itself, changed since the demo
# last built it (outside a git checkout: every time).
stamp() {
  git rev-parse --git-dir >/dev/null 2>&1 || { echo none; return; }
  {
    git ls-files -z -co --exclude-standard -- src js fake Cargo.toml Cargo.lock scripts README.md CHANGELOG.md LICENSE | xargs -0 sha256sum
    sha256sum pkg/codat_bank_feeds_wasm_bg.wasm pkg/package.json pkg/index.d.ts 2>/dev/null || true
  } | sha256sum | cut -d' ' -f1
}
if [ "$(stamp)" = none ] || [ "$(cat .demo/pkg-stamp 2>/dev/null)" != "$(stamp)" ]; then
  echo "building pkg/ ..."
  log=$(mktemp)
  bash scripts/build.sh >"$log" 2>&1 || { cat "$log"; exit 1; }
  rm -f "$log"
  mkdir -p .demo
  stamp >.demo/pkg-stamp
fi
bash scripts/link-pkg.sh
tsc -p examples/node --incremental
node examples/node/run-demo.mjs
