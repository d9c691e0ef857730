// The README and CHANGELOG as the npm package ships them: a relative link to a file the package
// holds stays as it is; one to a file only the repository holds (MIGRATING.md, docs/, examples/)
// becomes an absolute URL of the repository, so every link of the packed README resolves
// (js-tests/packed-docs.test.mjs checks it).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** Where a repository path is browsed: `<repository>/blob/main/<path>` (`tree` for a folder). */
export function repositoryUrl(repository, root, path) {
  const kind = existsSync(join(root, path)) && statSync(join(root, path)).isDirectory() ? "tree" : "blob";
  return `${repository.replace(/\.git$/, "").replace(/\/$/, "")}/${kind}/main/${path}`;
}

/**
 * `text` with its relative Markdown links (`[x](path#anchor)`) rewritten: to `path` when
 * `shipped(path)`, else to the repository's URL of it. Absolute URLs and `#anchors` stay.
 */
export function packedDoc(text, { shipped, repository, root }) {
  return text.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
    if (/^[a-z]+:/i.test(target) || target.startsWith("#")) return whole;
    const [path, anchor] = target.split("#");
    if (shipped(path)) return whole;
    return `](${repositoryUrl(repository, root, path.replace(/^\.\//, ""))}${anchor ? `#${anchor}` : ""})`;
  });
}
