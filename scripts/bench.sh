#!/usr/bin/env bash
# The benchmark (not part of the tests): builds, installs the incumbent Python SDK into its own
# virtual environment, and prints every figure. `--quick` for a short smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null 2>&1 || bash scripts/build.sh
bash scripts/link-pkg.sh
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c "import codat_bankfeeds" 2>/dev/null; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q codat-bankfeeds==13.0.0
fi
node --expose-gc bench/run.mjs "$@"
