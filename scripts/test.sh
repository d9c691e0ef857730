#!/usr/bin/env bash
# Every check CI runs, in order: formatting, lints, module layers, host unit tests, the
# generator's tests and its output up to date, the wasm build, the typed example against the
# generated .d.ts, the JS formatter and linter, and the JS suites.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
step "module layers point one way (no cycle; leaves and bindings import only leaves)"
python3 scripts/check-layers.py
step "cargo test (host)"
cargo test --quiet
step "the generator's own tests; its output (models, operations, entry, README counts) up to date with spec/ (and spec/ with ../shared, when present)"
python3 -m unittest discover -s scripts/gen -p "test_*.py"
python3 scripts/gen/generate.py --check
if [ -f ../shared/openapi/Codat-Bank-Feeds.json ]; then
  cmp spec/Codat-Bank-Feeds.json ../shared/openapi/Codat-Bank-Feeds.json
fi
step "build pkg/"
bash scripts/build.sh
step "tsc --noEmit: typed example against the generated .d.ts"
bash scripts/link-pkg.sh
tsc --noEmit -p examples/node
step "the shipped size within its budget (bench/size-budget.json)"
node bench/size.mjs --check
step "npm run lint: Biome (format and lint) over the JS; the test helpers type-checked"
npm run --silent lint
step "dependencies: cargo deny of the crate; no runtime dependencies and npm audit of the packed tarball"
bash scripts/audit.sh
step "the fake API answers every operation with spec-valid bodies"
node fake/check.mjs
step "node --test js-tests"
node --test --test-reporter=spec js-tests/
step "the host matrix: Next.js (Turbopack, webpack; Node and Edge routes), Vite 8 and 7, webpack, wrangler, edge-runtime, require(), tsc, Deno, Bun"
bash scripts/hosts.sh
