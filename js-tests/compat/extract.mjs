#!/usr/bin/env node
// Refreshes the fixtures: the ```typescript usage snippets of @codat/bank-feeds (README.md,
// USAGE.md, docs/sdks/*/README.md of codatio/client-sdk-typescript, folder bank-feeds) into
// fixtures/snippets/*.ts, with fixtures/manifest.json (source, heading, kind, operation of each;
// the commit and version) and fixtures/LICENSE. Not run by CI: it needs a clone of that repository.
//
//   git clone --bare https://github.com/codatio/client-sdk-typescript /tmp/sdk.git
//   node js-tests/compat/extract.mjs --repo /tmp/sdk.git [--rev <rev>]
//
// Node built-ins only; reads with `git show`, so a bare clone will do.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const REPO = opt("--repo");
if (!REPO) {
  console.error("usage: node extract.mjs --repo <git dir of codatio/client-sdk-typescript> [--rev <rev>]");
  process.exit(2);
}
const REV = opt("--rev", "HEAD");
const FOLDER = "bank-feeds";
const PKG_NAME = "@codat/bank-feeds";

const git = (...a) => execFileSync("git", ["-C", REPO, ...a], { encoding: "utf8", maxBuffer: 64 << 20 });
const commit = git("rev-parse", `${REV}^{commit}`).trim();
const show = (path) => git("show", `${commit}:${path}`);
const exists = (path) => {
  try {
    execFileSync("git", ["-C", REPO, "cat-file", "-e", `${commit}:${path}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

const allFiles = git("ls-tree", "-r", "--name-only", commit, FOLDER).split("\n").filter(Boolean);
const sources = [`${FOLDER}/README.md`, `${FOLDER}/USAGE.md`, ...allFiles.filter((f) => /^bank-feeds\/docs\/sdks\/[^/]+\/README\.md$/.test(f)).sort()];

const version = JSON.parse(show(`${FOLDER}/package.json`)).version;

// "bank-feeds/docs/sdks/transactions/README.md" -> "sdks-transactions"; README.md -> "readme"
const slugOf = (src) => {
  const m = src.match(/docs\/sdks\/([^/]+)\/README\.md$/);
  if (m) return `sdks-${m[1]}`;
  return src
    .slice(FOLDER.length + 1)
    .replace(/\.md$/i, "")
    .toLowerCase();
};

const attr = (comment, name) => comment.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? null;

const blocks = [];
for (const src of sources) {
  const lines = show(src).split(/\r?\n/);
  let heading = null;
  let h2 = null;
  let lastSnippet = null; // { comment, line, h2 }
  let pendingComment = null; // UsageSnippet comment with only blank lines after it
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, "");
    const fence = line.match(/^\s*(```+|~~~+)\s*([\w+-]*)/);
    if (fence) {
      const marker = fence[1];
      const lang = fence[2];
      const body = [];
      let j = i + 1;
      while (j < lines.length && !lines[j].trimStart().startsWith(marker)) body.push(lines[j++]);
      if (lang === "typescript" || lang === "ts") {
        blocks.push({
          source: src,
          line: i + 1,
          heading,
          text: `${body.join("\n")}\n`,
          comment: pendingComment,
          inherited: pendingComment ? null : lastSnippet && lastSnippet.h2 === h2 ? lastSnippet : null,
        });
      }
      pendingComment = null;
      i = j;
      continue;
    }
    const h = line.match(/^(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (h) {
      heading = h[2];
      if (h[1].length <= 2) h2 = heading;
      pendingComment = null;
      continue;
    }
    if (/<!--\s*UsageSnippet\b/.test(line)) {
      pendingComment = line.trim();
      lastSnippet = { comment: pendingComment, line: i + 1, h2 };
      continue;
    }
    if (line.trim() !== "") pendingComment = null;
  }
}

const importsPkg = (t) => /\bfrom\s+["']@codat\/bank-feeds(\/[^"']*)?["']/.test(t) || /\bimport\s*\(\s*["']@codat\/bank-feeds(\/[^"']*)?["']\s*\)/.test(t);
const constructsClient = (t) => /\bnew\s+CodatBankFeeds(Core)?\s*\(/.test(t);

const kept = [];
const skipped = [];
for (const b of blocks) {
  const reasons = [];
  if (!importsPkg(b.text)) reasons.push(`no import from "${PKG_NAME}..."`);
  if (!constructsClient(b.text)) reasons.push("does not construct a client");
  const isClass = /\bnew\s+CodatBankFeeds\s*\(/.test(b.text);
  const isStandalone = /\bfrom\s+["']@codat\/bank-feeds\/core\.js["']/.test(b.text);
  if (!reasons.length && isClass === isStandalone) reasons.push(isClass ? "both class-based and standalone" : "neither class-based nor standalone");
  if (reasons.length) skipped.push({ source: b.source, line: b.line, heading: b.heading, reasons });
  else kept.push({ ...b, kind: isClass ? "class" : "standalone" });
}

const outDir = join(here, "fixtures");
const snipDir = join(outDir, "snippets");
rmSync(snipDir, { recursive: true, force: true });
mkdirSync(snipDir, { recursive: true });

const manifestSnippets = kept.map((b, idx) => {
  const file = `${String(idx + 1).padStart(3, "0")}-${slugOf(b.source)}-${b.kind}.ts`;
  writeFileSync(join(snipDir, file), b.text);
  const c = b.comment ?? b.inherited?.comment ?? null;
  return {
    file,
    source: b.source,
    line: b.line,
    heading: b.heading,
    kind: b.kind,
    operationId: c ? attr(c, "operationID") : null,
    // "comment": the UsageSnippet comment sits right above the block;
    // "section": a "Standalone function" block inheriting from the UsageSnippet above it in the same operation section.
    operationIdFrom: b.comment ? "comment" : b.inherited ? "section" : null,
    example: c ? attr(c, "example") : null,
  };
});

// License: the brief asks for the LICENSE file of the folder / repository.
const licenseCandidates = [`${FOLDER}/LICENSE`, `${FOLDER}/LICENSE.md`, "LICENSE", "LICENSE.md", "LICENCE"];
const licenseFile = licenseCandidates.find(exists) ?? null;
let license;
if (licenseFile) {
  const text = show(licenseFile);
  writeFileSync(join(outDir, "LICENSE"), text);
  const name = /MIT License/i.test(text) ? "MIT" : /Apache License/i.test(text) ? "Apache-2.0" : "see fixtures/LICENSE";
  license = { name, file: licenseFile };
} else {
  const pkg = JSON.parse(show(`${FOLDER}/package.json`));
  const badge = exists("README.md") && show("README.md").match(/opensource\.org\/licenses\/([\w.-]+)/)?.[1];
  const name = pkg.license ?? badge ?? "UNKNOWN";
  license = {
    name,
    file: null,
    note:
      `No LICENSE file exists in the repository at ${commit} (neither ${FOLDER}/LICENSE nor a top-level LICENSE). ` +
      `${FOLDER}/package.json has ${pkg.license ? `"license": "${pkg.license}"` : 'no "license" field'}; ` +
      (badge ? `the top-level README.md shows a License-${badge} badge linking https://opensource.org/licenses/${badge}; ` : "") +
      `${FOLDER}/jsr.json lists "LICENSE" in publish.include although the file is absent. ` +
      `fixtures/LICENSE therefore holds this note plus the standard ${name} text that the badge links to (no copyright line is stated anywhere in the repository).`,
  };
  const mit = `MIT License

Copyright (c) <year> <copyright holders>

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
  writeFileSync(
    join(outDir, "LICENSE"),
    `NOTE (written by extract.mjs, not copied from the repository):\n${license.note}\n\n` +
      (name === "MIT" ? `---- standard MIT License text (https://opensource.org/licenses/MIT) ----\n\n${mit}` : ""),
  );
}

const manifest = {
  repository: "codatio/client-sdk-typescript",
  folder: FOLDER,
  commit,
  version,
  license,
  sources,
  counts: {
    blocks: blocks.length,
    kept: kept.length,
    class: kept.filter((b) => b.kind === "class").length,
    standalone: kept.filter((b) => b.kind === "standalone").length,
    skipped: skipped.length,
  },
  skipped,
  snippets: manifestSnippets,
};
writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

console.log(`commit ${commit} (${PKG_NAME} ${version})`);
for (const src of sources) {
  const n = blocks.filter((b) => b.source === src).length;
  const k = kept.filter((b) => b.source === src);
  console.log(
    `  ${src}: ${n} typescript blocks, kept ${k.length} (class ${k.filter((b) => b.kind === "class").length}, standalone ${k.filter((b) => b.kind === "standalone").length})`,
  );
}
console.log(
  `total ${blocks.length} blocks: kept ${kept.length} = class ${manifest.counts.class} + standalone ${manifest.counts.standalone}; skipped ${skipped.length}`,
);
for (const s of skipped) console.log(`  skipped ${s.source}:${s.line} (${s.heading}): ${s.reasons.join("; ")}`);
const noOp = manifestSnippets.filter((s) => !s.operationId).map((s) => s.file);
console.log(`operationId: ${manifestSnippets.length - noOp.length} snippets have one; none for ${noOp.length}: ${noOp.join(", ")}`);
console.log(`license: ${license.name}${license.file ? ` (${license.file})` : ` — ${license.note}`}`);
if (manifest.counts.class !== 80 || manifest.counts.standalone !== 70)
  console.log(`NOTE: expected 80 class + 70 standalone, got ${manifest.counts.class} + ${manifest.counts.standalone}`);
