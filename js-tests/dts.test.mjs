// The generated .d.ts is the package's contract: every export and every member of our types,
// classes and methods carries a doc comment (tsify and wasm-bindgen carry the `///` docs).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const read = (name) => readFileSync(new URL(`../pkg/${name}`, import.meta.url), "utf8");

// (wasm-bindgen's loader section and the handle methods it adds to every class are not in the
// package's types: scripts/package.mjs takes them out, js-tests/dts-configs.test.mjs checks.)
function undocumented(text) {
  const ours = text.split("\n");
  const missing = [];
  ours.forEach((line, i) => {
    const declaration = /^export (declare )?(class|interface|type|function|const) \w+/.test(line);
    const member = /^\s+(readonly )?(static )?[\w$]+\??(\(.*\))?:.*;$/.test(line) || /^\s+constructor\(/.test(line);
    if (!(declaration || member)) return;
    let j = i - 1;
    while (j >= 0 && ours[j].trim() === "") j--;
    if (!ours[j]?.trim().endsWith("*/")) missing.push(`${i + 1}: ${line.trim()}`);
  });
  return missing;
}

test("every export and member of the .d.ts has a doc comment", async () => {
  const main = read("codat_bank_feeds_wasm.d.ts");
  assert.match(main, /export class CodatBankFeeds \{/);
  assert.deepEqual(undocumented(main), []);
  assert.deepEqual(undocumented(read("errors.d.ts")), []);
  // The hand-written and the per-operation declarations too.
  const { readdirSync } = await import("node:fs");
  const others = ["webhooks.d.ts", "accounts.d.ts", "decimal.d.ts", "http.d.ts", "core.d.ts", "loading.d.ts", "token.d.ts", "elements/account-mapping.d.ts"];
  others.push(
    ...readdirSync(new URL("../pkg/funcs/", import.meta.url))
      .map((f) => `funcs/${f}`)
      .filter((f) => f.endsWith(".d.ts")),
  );
  for (const name of others) assert.deepEqual(undocumented(read(name)), [], name);
});

test("the check sees an undocumented member", () => {
  assert.deepEqual(undocumented("/** A. */\nexport interface A {\n    /** x */\n    x: string;\n    y?: number;\n}\n"), ["5: y?: number;"]);
});

test("the element's types check in a strict DOM project (events, properties, texts)", async () => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, rmSync, symlinkSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const root = new URL("..", import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), "codat-elements-types-"));
  try {
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, module: "esnext", moduleResolution: "bundler", target: "es2022" };
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { ...compilerOptions, lib: ["es2022", "dom", "esnext.disposable"], types: [] }, files: ["use.ts"] }),
    );
    writeFileSync(
      join(dir, "use.ts"),
      `import { CodatBankFeeds } from "codat-bank-feeds-wasm";
import { type CodatAccountMapping, defaultMessages } from "codat-bank-feeds-wasm/elements";
const el: CodatAccountMapping = document.createElement("codat-account-mapping");
el.authHeader = async () => "Bearer x";
el.authHeader = async (_context: { reason: "initial" | "unauthorized" }) => "Bearer x";
el.client = new CodatBankFeeds({ authHeader: "Bearer x" });
el.messages = { save: "Enregistrer", errorRateLimit: defaultMessages.errorRateLimit };
el.addEventListener("mapped", (e) => e.detail.newAccount satisfies boolean);
el.addEventListener("statuschange", (e) => e.detail.previousStatus satisfies string);
el.addEventListener("error", (e) => e.detail.retryAfterMs satisfies number | undefined);
el.addEventListener("click", (e) => e.clientX satisfies number);
void el.refresh();
`,
    );
    execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { stdio: "pipe" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
