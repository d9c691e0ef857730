#!/usr/bin/env bash
# Builds pkg/: the wasm (release, size-tuned), its glue, and the npm package around it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --demo
# wasm-opt from the full npm install, or else from the demo's (scripts/setup.sh --demo).
export PATH="$PWD/node_modules/.bin:$PWD/.demo/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Old snippets would linger beside the new ones: wasm-pack does not clear them.
rm -rf pkg/snippets
# --mode no-install: wasm-pack must never download a tool; setup.sh installed them.
wasm-pack build --mode no-install --release --target web --out-dir pkg --out-name codat_bank_feeds_wasm
node scripts/package.mjs
