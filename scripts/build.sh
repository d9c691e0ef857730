#!/usr/bin/env bash
# Builds pkg/: the wasm (release, size-tuned), its glue, and the npm package around it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --demo
# wasm-opt from the full npm install, or else from the demo's (scripts/setup.sh --demo).
export PATH="$PWD/node_modules/.bin:$PWD/.demo/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Old snippets would linger beside the new ones: wasm-pack does not clear them.
rm -rf pkg/snippets
# std is compiled with the crate, for size, and a panic aborts at once: the prebuilt std carries
# panic messages, file paths and the formatting behind them, which no caller sees (a panic traps
# either way). 3.5 KB less brotli on the wire. These are unstable flags of the machine's stable
# toolchain (its own std source, from setup.sh), enabled by RUSTC_BOOTSTRAP for this build only:
# `cargo test` and clippy never see them.
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
# --mode no-install: wasm-pack must never download a tool; setup.sh installed them.
wasm-pack build --mode no-install --release --target web --out-dir pkg --out-name codat_bank_feeds_wasm . \
  -- -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
node scripts/package.mjs
