// Writes the npm project the demo installs (scripts/setup.sh --demo) into the folder given:
// only the packages the build and the demo use (DEMO), at the versions and with the integrity
// hashes of the repository's package-lock.json, their dependencies included. So the demo
// installs a few MB in seconds, exactly what the full install would have put there.
//
//   node scripts/demo-deps.mjs <dir>     (writes <dir>/package.json and <dir>/package-lock.json)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** wasm-opt for the build (binaryen), tsc and Node's types for the typed example. */
export const DEMO = ["binaryen", "typescript", "@types/node"];

/** `{ packageJson, lock }` of the demo's project, from the repository's lock file. */
export function demoProject(rootLock) {
  const all = rootLock.packages;
  const packages = {};
  const add = (name, from) => {
    // npm's resolution: the nearest node_modules up from the package that depends on it.
    let at = from;
    while (!all[`${at}node_modules/${name}`] && at) at = at.replace(/node_modules\/(@[^/]+\/)?[^/]+\/$/, "");
    const key = `${at}node_modules/${name}`;
    if (!all[key]) throw new Error(`package-lock.json has no ${name} (needed by ${from || "the demo"})`);
    if (packages[key]) return;
    packages[key] = all[key];
    for (const dep of Object.keys(all[key].dependencies ?? {})) add(dep, `${key}/`);
  };
  for (const name of DEMO) add(name, "");
  const devDependencies = Object.fromEntries(DEMO.map((name) => [name, packages[`node_modules/${name}`].version]));
  const root = { name: "codat-bank-feeds-wasm-demo", devDependencies };
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
  return {
    packageJson: { ...root, private: true },
    lock: { name: root.name, lockfileVersion: 3, requires: true, packages: { "": root, ...sorted } },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node scripts/demo-deps.mjs <dir>");
  const rootLock = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "package-lock.json"), "utf8"));
  const { packageJson, lock } = demoProject(rootLock);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
}
