// The packed package, as users get it: `npm pack` of pkg/ installed into a fresh temporary
// project (offline), and Debian's browsers driven by puppeteer-core, for the tests that need
// the tarball in a browser or under tsc.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** A temporary project with the packed package installed; returns its folder. */
export function installPacked(prefix) {
  const project = mkdtempSync(join(tmpdir(), prefix));
  const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "packed-test", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, packed)], { cwd: project, stdio: "ignore" });
  return project;
}

/** puppeteer-core's launch options for each browser the tests drive, loopback only. */
export const browsers = {
  chromium: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ],
  },
  firefox: { browser: "firefox", executablePath: "/usr/bin/firefox-esr" },
};
