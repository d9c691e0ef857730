#!/usr/bin/env python3
"""Checks that the crate's top-level modules form layers that point one way.

    python3 scripts/check-layers.py

Reads every `crate::<module>` reference in src/ (comments aside) and fails when the modules
import each other in a cycle, when a leaf module (LEAVES) imports anything but another leaf,
or when `bindings` (the JS edge) imports anything but a leaf. A file of a folder module that
SUBMODULES names is a module of its own (a leaf inside a module that is not one); its
`super::` uses are not read, so keep it free of them. Prints the graph it checked.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
LEAVES = {"operation", "retry", "rate_limit", "limiter", "push_all::plan", "url", "error", "models", "schema", "text"}
# Files that are modules of their own in the graph: pushAll's pure decisions.
SUBMODULES = {"push_all/plan.rs": "push_all::plan"}
# Test-only: fuzzes the leaves from outside; reads the `.d.ts` of the option types.
SKIP = {"proptests", "declared"}
# Host-test-only files: the reference validator, which its tests compare with walk.rs over the
# generated models' tables (so it names `models`, which names `schema`).
SKIP_FILES = {os.path.join("schema", "oracle.rs")}
# The folder of the generator's single-file outputs: each counts as the module it serves
# (`crate::generated::retry_policy` as `retry`), or as a module of its own (`sdk`).
GENERATED = "generated"
SERVES = {"retry_policy": "retry", "errors": "error", "boundary": "bindings"}


def module_of(path):
    rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
    if rel in SUBMODULES:
        return SUBMODULES[rel]
    parts = rel.split("/")
    if parts[0] == GENERATED and len(parts) > 1:
        parts = parts[1:]
    module = parts[0][:-3] if parts[0].endswith(".rs") else parts[0]
    return SERVES.get(module, module)


def graph():
    edges = {}
    for folder, _, files in os.walk(ROOT):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            module = module_of(path)
            if module in ("lib", "mod") or module in SKIP or os.path.relpath(path, ROOT) in SKIP_FILES:
                continue
            with open(path, encoding="utf-8") as f:
                code = re.sub(r"//[^\n]*", "", f.read())
            code = code.replace(f"crate::{GENERATED}::", "crate::")
            named = (
                f"{a}::{b}" if f"{a}::{b}" in SUBMODULES.values() else a
                for a, b in re.findall(r"\bcrate::(\w+)(?:::(\w+))?", code)
            )
            used = {SERVES.get(n, n) for n in named}
            # `use crate::{a, b::c}`
            for group in re.findall(r"\bcrate::\{([^}]*)\}", code):
                used |= set(re.findall(r"(?:^|,)\s*(\w+)", group))
            edges.setdefault(module, set()).update(u for u in used if u != module and u not in SKIP)
    return edges


def cycle(edges):
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return trail + [node, nxt]
            if nxt not in state:
                found = visit(nxt, trail + [node])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node, [])
            if found:
                return found[found.index(found[-1]):]
    return None


def main():
    edges = graph()
    problems = []
    found = cycle(edges)
    if found:
        problems.append("cycle: " + " -> ".join(found))
    for module, used in sorted(edges.items()):
        allowed = LEAVES if module in LEAVES or module == "bindings" else None
        if allowed is not None:
            for u in sorted(used - allowed):
                problems.append(f"{module} imports {u}, above it (it may import only the leaves {sorted(LEAVES)})")
    for module, used in sorted(edges.items()):
        print(f"  {module} -> {', '.join(sorted(used)) or '(nothing)'}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("layers: no cycle; leaves and bindings import only leaves")


if __name__ == "__main__":
    main()
