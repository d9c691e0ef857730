#!/usr/bin/env bash
# Audits what a user installs: the crate's dependency graph with cargo deny, then the packed
# tarball in a fresh project, not our dev tree.
# The package ships with no runtime dependencies; that is checked first, because it is what
# keeps the audit surface empty. npm audit then runs for real; where the registry in reach has
# no audit endpoint (it answers 405 here), that is said loudly and is not a pass by silence.
set -euo pipefail
cd "$(dirname "$0")/.."
deps=$(node -e 'const p=require("./pkg/package.json");
  console.log(Object.keys({...p.dependencies,...p.optionalDependencies,...p.peerDependencies}).join(" "))')
if [ -n "$deps" ]; then
  echo "pkg/package.json declares runtime dependencies: $deps" >&2
  exit 1
fi
echo "pkg/package.json: no runtime dependencies"

# The crate: licenses, banned or duplicated crates and sources are checked from Cargo.lock
# alone (deny.toml says what is allowed). Advisories need the RustSec database from GitHub;
# where GitHub is out of reach that is said, not passed over.
cargo deny --offline check licenses bans sources
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
unreachable='resolve host\|failed to fetch\|unable to fetch\|network'
status=0
timeout 180 cargo deny check advisories > "$dir/advisories.log" 2>&1 || status=$?
if [ "$status" = 0 ]; then
  echo "cargo deny advisories: ok"
elif [ "$status" = 124 ] || grep -qi "$unreachable" "$dir/advisories.log"; then
  echo "cargo deny advisories: BLOCKED: the RustSec advisory database on github.com is unreachable here"
  grep -m 1 -i "$unreachable" "$dir/advisories.log" || true
else
  cat "$dir/advisories.log" >&2
  exit 1
fi
tarball=$(npm pack ./pkg --pack-destination "$dir" --silent | tail -n 1)
cd "$dir"
echo '{"name":"audit","private":true}' > package.json
npm install --no-fund --no-audit "./$tarball" >/dev/null
if npm audit --json > audit.json 2> audit.err; then
  echo "npm audit: $(node -e 'const a=require("./audit.json");console.log(JSON.stringify(a.metadata.vulnerabilities))')"
elif grep -q '405 Method Not Allowed\|audit endpoint returned an error' audit.err; then
  echo "npm audit: BLOCKED: the registry in reach has no audit endpoint ($(grep -o '405[^-]*' audit.err | head -n 1))."
  echo "The tarball installs with no dependency beyond itself, so there is nothing for it to flag."
  node -e 'const l=require("./package-lock.json");const n=Object.keys(l.packages).filter(k=>k);
    if(n.length!==1){console.error("unexpected installed packages: "+n.join(", "));process.exit(1)}'
else
  cat audit.json audit.err >&2
  exit 1
fi
