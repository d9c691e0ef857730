#!/usr/bin/env bash
# Builds the incumbent TypeScript SDK, @codat/bank-feeds 8.2.1, from its public source into one
# minified ESM bundle of its client, bench/.incumbent/bank-feeds.mjs, the way bench/size.mjs
# bundles ours (esbuild --bundle --minify, the same flags), for
#
#   npm run bench -- --incumbent=bench/.incumbent/bank-feeds.mjs
#
# Source: github.com/codatio/client-sdk-typescript, folder bank-feeds, at the commit of 8.2.1
# (the one js-tests/compat/fixtures/manifest.json names). Give a clone (or a bare mirror) of that
# repository as $1 to skip the clone. Not part of the tests: it needs the network once.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=fd4e047334d7a872ce73a36d927024aefb57c3ec
out=bench/.incumbent
repo=${1:-$out/repo}
mkdir -p "$out"
if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  rm -rf "$repo"
  git clone --bare --filter=blob:none https://github.com/codatio/client-sdk-typescript "$repo"
fi
rm -rf "$out/bank-feeds"
mkdir -p "$out/bank-feeds"
git -C "$repo" archive "$commit" bank-feeds | tar -x -C "$out/bank-feeds" --strip-components=1
# Its own lock: zod and decimal.js at the versions it was published with.
(cd "$out/bank-feeds" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo 'export { CodatBankFeeds } from "./bank-feeds/src/index.ts";' >"$out/entry.ts"
node_modules/.bin/esbuild "$out/entry.ts" --bundle --minify --format=esm --platform=neutral \
  --main-fields=module,main --log-level=warning --outfile="$out/bank-feeds.mjs"
echo "built $out/bank-feeds.mjs ($(wc -c <"$out/bank-feeds.mjs") bytes) from bank-feeds at $commit"
