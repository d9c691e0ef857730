// The documents of the npm package: README.md, CHANGELOG.md and LICENSE are in the tarball, and
// every link of the packed README and CHANGELOG resolves, to a file the package holds, to a
// heading of the same document, or to a file of the repository at its absolute URL
// (scripts/packed-docs.mjs rewrites the others).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const [{ files }] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", pkg], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
const packed = new Set(files.map((f) => f.path));
const { repository } = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
const repo = repository.url.replace(/\.git$/, "");

/** GitHub's anchors of a Markdown text's headings. */
const anchors = (text) =>
  new Set(
    [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-"),
    ),
  );

test("the package ships README.md, CHANGELOG.md and LICENSE (MIT, as package.json says)", () => {
  for (const name of ["README.md", "CHANGELOG.md", "LICENSE", "package.json"]) assert.ok(packed.has(name), `${name} is in the tarball`);
  assert.match(readFileSync(join(pkg, "LICENSE"), "utf8"), /^MIT License\n\nCopyright \(c\) \d{4} codat-bank-feeds-wasm contributors\n/);
  assert.equal(JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).license, "MIT");
});

for (const doc of ["README.md", "CHANGELOG.md"]) {
  test(`every link of the packed ${doc} resolves`, () => {
    const text = readFileSync(join(pkg, doc), "utf8");
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 3, `${doc} has links`);
    const broken = [];
    for (const link of links) {
      const [path, anchor] = link.split("#");
      if (link.startsWith(`${repo}/`)) {
        const m = link.match(/^[^#]+\/(blob|tree|compare|releases)\/(?:main\/)?([^#]*)/);
        const target = m && (m[1] === "blob" || m[1] === "tree") ? join(root, m[2]) : null;
        if (m === null || (target && !existsSync(target))) broken.push(`${link}: not a file of the repository`);
        else if (target && anchor && !anchors(readFileSync(target, "utf8")).has(anchor)) broken.push(`${link}: no such heading`);
      } else if (/^https?:\/\//.test(link)) {
        assert.ok(!link.includes("github.com/codat-bank-feeds-wasm"), `${link}: not the repository's URL form`);
      } else if (link.startsWith("#")) {
        if (!anchors(text).has(anchor)) broken.push(`${link}: no such heading in ${doc}`);
      } else if (!packed.has(path)) {
        broken.push(`${link}: not in the package`);
      }
    }
    assert.deepEqual(broken, []);
  });
}
