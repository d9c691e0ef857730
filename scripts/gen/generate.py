#!/usr/bin/env python3
"""Generates everything that follows from the Bank Feeds OpenAPI spec (Python 3.11, stdlib only).

    python3 scripts/gen/generate.py [--spec PATH] [--root DIR] [--check]
    npm run generate

Writes, under the repository root (or `--root`):
- src/models/*.rs: the API's types and their schema tables, one request type per operation, and
  tests decoding every example of the spec (models.py says how);
- src/groups/*.rs, src/sdk.rs, js/operations.json: every operation as a descriptor and a method
  on its group's class, the `CodatBankFeeds` entry with a getter per group, and the operation
  table as data for the JS side and the tests (operations.py says how);
- src/retry/spec.rs: the spec's default retry policy (`x-speakeasy-retries`);
- README.md: the operation and group counts between `<!-- ops -->` markers;
- js/errors.js, js/errors.d.ts, src/error/classes.rs: the error classes, from their one list in
  js/errors.json (errors.py says how).

`--spec` defaults to spec/Codat-Bank-Feeds.json under the root (CI compares it with
../shared/openapi/Codat-Bank-Feeds.json when that exists). `--check` writes nothing and exits 1
when any output would change, or when a generated file is no longer produced. Rust output goes
through `rustfmt --edition 2021`, so it is the text `cargo fmt --check` expects; the same spec
always gives the same bytes. A spec the generator cannot handle stops it with the JSON pointer
of the place (`#/paths/~1companies/get/parameters/2: ...`).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import errors  # noqa: E402
from models import HEADER, Gen  # noqa: E402
from operations import Operations, readme_counts  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = os.path.join("spec", "Codat-Bank-Feeds.json")
# Folders whose files carry HEADER: a generated file there that is no longer produced is removed.
GENERATED_DIRS = ["src/models", "src/groups", "src/error"]


def generate(spec, readme, error_table, hand_written=()):
    """{path relative to the root: text} for a parsed spec, the current README text, the
    error classes' table (js/errors.json) and the hand-written modules of src/groups."""
    gen = Gen(spec)
    out = {f"src/models/{name}": text for name, text in gen.run().items()}
    out["js/decimals.js"] = gen.decimals_js()
    ops = Operations(gen)
    out.update(ops.run(hand_written))
    out["README.md"] = readme_counts(readme, ops)
    out.update(errors.run(error_table))
    return {path: formatted(path, text) for path, text in out.items()}


def formatted(path, text):
    """The text as the project's formatters write it: rustfmt for Rust, Biome for JS."""
    if path.endswith(".rs"):
        return rustfmt(text)
    if path.endswith((".js", ".ts")):
        return biome(path, text)
    return text


def rustfmt(text):
    exe = shutil.which("rustfmt")
    if exe is None:
        sys.exit("rustfmt is not on PATH (rustup component add rustfmt): the output would not match cargo fmt")
    # From stdin, rustfmt formats the one file and does not look for the modules it declares.
    done = subprocess.run([exe, "--edition", "2021", "--emit", "stdout"], input=text, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"rustfmt refused generated code:\n{done.stderr}")
    return done.stdout


def biome(path, text):
    exe = os.path.join(ROOT, "node_modules", ".bin", "biome")
    if not os.path.exists(exe):
        sys.exit("Biome is not installed (bash scripts/setup.sh): the JS output would not match npm run lint")
    done = subprocess.run([exe, "format", f"--stdin-file-path={path}"], input=text, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"Biome refused generated {path}:\n{done.stderr}")
    return done.stdout


def hand_written_groups(root):
    """The modules of src/groups without the generated header: mod.rs declares them too."""
    folder = os.path.join(root, "src", "groups")
    found = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".rs") and name != "mod.rs":
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                if f.readline().rstrip("\n") != HEADER:
                    found.append(name[:-3])
    return found


def stale_files(root, files):
    for folder in GENERATED_DIRS:
        path = os.path.join(root, folder)
        for name in sorted(os.listdir(path)) if os.path.isdir(path) else []:
            rel = f"{folder}/{name}"
            if rel in files or not name.endswith(".rs"):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                if f.readline().rstrip("\n") == HEADER:
                    yield rel


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=ROOT, help="repository root to write into (default: this one)")
    ap.add_argument("--spec", help="the OpenAPI spec (default: spec/Codat-Bank-Feeds.json under the root)")
    ap.add_argument("--check", action="store_true", help="exit 1 if any generated file is out of date")
    args = ap.parse_args()
    root = args.root
    with open(args.spec or os.path.join(root, SPEC), encoding="utf-8") as f:
        spec = json.load(f)
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    with open(os.path.join(root, "js", "errors.json"), encoding="utf-8") as f:
        error_table = f.read()
    files = generate(spec, readme, error_table, hand_written_groups(root))
    changed = []
    for rel in sorted(files):
        path = os.path.join(root, rel)
        current = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                current = f.read()
        if current != files[rel]:
            changed.append(rel)
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(files[rel])
    for rel in stale_files(root, files):
        changed.append(f"{rel} (no longer generated)")
        if not args.check:
            os.remove(os.path.join(root, rel))
    if args.check and changed:
        print("generated files are out of date with spec/; run npm run generate:", ", ".join(changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
