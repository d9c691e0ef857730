#!/usr/bin/env bash
# The host matrix (hosts/run.mjs): the packed package under Next.js (Turbopack and webpack, Node
# and Edge routes), Vite 8 and 7, webpack, wrangler, edge-runtime, require(), tsc, Deno and Bun.
# The tools (hosts/package-lock.json, about 800 MB) are installed once per machine and lock file,
# in a work folder outside the clone (CODAT_HOSTS_DIR, default ~/.cache/codat-bank-feeds-wasm/hosts),
# so a fresh clone reuses them; the apps are copied there fresh each run, and the tarball of pkg/
# is unpacked into its node_modules as npm installs it (no dependencies, no scripts), which keeps
# the lock file fixed. Arguments go to run.mjs (case names).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${CODAT_HOSTS_DIR:-$HOME/.cache/codat-bank-feeds-wasm/hosts}"
mkdir -p "$work"
# The apps over the last run's (node_modules, the workspaces' own ones too, kept); no old builds.
(cd hosts && tar cf - --exclude=node_modules --exclude=.next --exclude=dist .) | (cd "$work" && tar xf -)
find "$work" -name node_modules -prune -o \( -name .next -o -name dist -o -name "dist-*" \) -type d -prune -exec rm -rf {} +
lock=$(sha256sum hosts/package-lock.json | cut -c1-16)
if [ "$(cat "$work/.installed" 2>/dev/null)" != "$lock" ]; then
  echo "installing the host tools into $work (once per lock file) ..."
  rm -rf "$work/node_modules"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock" >"$work/.installed"
fi
tarball=$(npm pack ./pkg --pack-destination "$work" --silent | tail -1)
rm -rf "$work/node_modules/codat-bank-feeds-wasm"
mkdir -p "$work/node_modules/codat-bank-feeds-wasm"
tar xzf "$work/$tarball" -C "$work/node_modules/codat-bank-feeds-wasm" --strip-components=1
exec node "$work/run.mjs" --tarball "$work/$tarball" "$@"
