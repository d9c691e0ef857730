#!/usr/bin/env bash
# Installs what the build and tests need, idempotently, at pinned versions.
# Only crates.io, npm and Debian registries are used: wasm-pack never downloads a binary.
#
#   bash scripts/setup.sh          everything scripts/test.sh needs
#   bash scripts/setup.sh --demo   only what the build and the demo need: the wasm tools, and
#                                  wasm-opt, tsc and Node's types from npm into .demo/ (at the
#                                  root lock file's versions: scripts/demo-deps.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
if [ "${1:-}" = "--demo" ]; then mode=demo; fi

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130
CARGO_DENY_VERSION=0.20.2

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# std's source, which scripts/build.sh compiles for size (the toolchain's own, so no version to pin).
if ! rustup component list --installed | grep -q '^rust-src'; then
  rustup component add rust-src
fi

want_install=()
if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  want_install+=("wasm-pack@$WASM_PACK_VERSION")
fi
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f1-2 || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  want_install+=("wasm-bindgen-cli@$WASM_BINDGEN_VERSION")
fi
if [ "$mode" = full ] && [ "$(cargo-deny --version 2>/dev/null || true)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  # None of its default features: they fetch advisories over git2/https, which we cannot reach.
  want_install+=("cargo-deny@$CARGO_DENY_VERSION --no-default-features")
fi
for spec in "${want_install[@]}"; do
  # wasm-bindgen-cli 0.2.130's lock file names webpki-roots 1.0.11, which the reachable
  # crates.io mirror lacks; without --locked cargo resolves 1.0.10 and the CLI builds.
  # shellcheck disable=SC2086 # a spec is a crate and its flags
  cargo install --locked $spec || cargo install $spec
done

# The npm packages from the committed lock file: all of them, or the demo's few.
root_npm_done() { [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.lock-stamp; }
if [ "$mode" = demo ]; then
  if ! root_npm_done; then
    node scripts/demo-deps.mjs .demo
    if ! cmp -s .demo/package-lock.json .demo/node_modules/.lock-stamp; then
      (cd .demo && npm ci --no-audit --no-fund)
      cp .demo/package-lock.json .demo/node_modules/.lock-stamp
    fi
  fi
  exit 0
fi

# Browsers for the runtime tests, from Debian (never a tool's own browser download).
if ! command -v chromium >/dev/null || ! command -v firefox-esr >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium firefox-esr
fi

# npm dev dependencies (binaryen's wasm-opt, test tools) from the committed lock file.
if ! root_npm_done; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.lock-stamp
fi
