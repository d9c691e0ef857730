// The code blocks of the documentation, as js-tests/doc-snippets.test.mjs checks them: which
// documents, which blocks (```ts and ```js, with the flags CONTRIBUTING.md describes), and which
// of the prelude's names a block uses without declaring.
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** The documents whose blocks are checked, relative to the repository root. */
export function documents(root) {
  const found = ["README.md", "MIGRATING.md", "CHANGELOG.md", "CONTRIBUTING.md", "ARCHITECTURE.md"].filter((f) => existsSync(join(root, f)));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) found.push(relative(root, path));
    }
  };
  walk(join(root, "docs"));
  for (const example of readdirSync(join(root, "examples")).sort()) {
    if (existsSync(join(root, "examples", example, "README.md"))) found.push(`examples/${example}/README.md`);
  }
  return found;
}

/** The flags a block's info string may carry after its language. */
export const FLAGS = {
  "no-run": "type-checked only: a Worker's `export default`, a browser page, a fragment that needs a real account",
};

/**
 * The ```ts and ```js blocks of a Markdown text: `{ lang, flags, code, line }` (line: the fence's,
 * from 1). A block with a `title="file"` attribute is a whole file that another suite writes out
 * and runs (docs/testing.md's, by js-tests/testing-kit.test.mjs): `titled` is set.
 */
export function blocks(text) {
  const out = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(```+)(.*)$/);
    if (!open) continue;
    const fence = open[2];
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    const [lang = "", ...rest] = open[3].trim().split(/\s+/);
    if (lang === "ts" || lang === "js") {
      const titled = rest.some((r) => r.startsWith("title="));
      const flags = rest.filter((r) => !r.startsWith("title="));
      out.push({ lang, flags, titled, code: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    }
    i = end;
  }
  return out;
}

const escapeName = (name) => name.replace(/\$/g, "\\$");

/** Whether `code` declares `name` at its top level (or imports it). */
function declares(code, name) {
  const n = escapeName(name);
  const patterns = [
    new RegExp(`\\b(?:const|let|var|function|class)\\s+${n}\\b`),
    new RegExp(`\\b(?:const|let|var)\\s*[{[][^=]*\\b${n}\\b[^=]*[}\\]]\\s*=`),
    new RegExp(`\\bimport\\s*(?:type\\s+)?\\{[^}]*\\b${n}\\b[^}]*\\}\\s*from`),
    new RegExp(`\\bimport\\s+(?:\\*\\s+as\\s+)?${n}\\b`),
  ];
  return patterns.some((p) => p.test(code));
}

/** The names of `names` that `code` uses (not as a property or an object key) and does not declare. */
export function undeclared(code, names) {
  return names.filter((name) => new RegExp(`(?<![\\w$.])${escapeName(name)}\\b(?!\\s*:(?!:))`).test(code) && !declares(code, name));
}
