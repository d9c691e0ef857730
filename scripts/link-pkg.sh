#!/usr/bin/env bash
# Makes `import ... from "codat-bank-feeds-wasm"` resolve to pkg/ for the examples, as an
# installed package would (exports conditions and types included).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p node_modules
ln -sfn ../pkg node_modules/codat-bank-feeds-wasm
