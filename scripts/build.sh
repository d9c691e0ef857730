#!/usr/bin/env bash
# Builds pkg/: the wasm (release, size-tuned), its glue, and the npm package around it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Old snippets would linger beside the new ones: wasm-pack does not clear them.
rm -rf pkg/snippets
# --mode no-install: wasm-pack must never download a tool; setup.sh installed them.
wasm-pack build --mode no-install --release --target web --out-dir pkg --out-name codat_bank_feeds_wasm
node scripts/package.mjs
