#!/usr/bin/env python3
"""Generates src/models/*.rs from the Bank Feeds OpenAPI spec.

The Rust types have two jobs: tsify turns them into the `.d.ts` types users see, and serde_json
deserializes request and response bodies into them to check their shape. So they derive
`Deserialize` and `Tsify` only, ignore unknown fields, keep enums as `String` (a value the API
adds later must still decode) with a TS union alias, keep DateTimes as strings, and spell
optional (`x?: T`) and nullable (`T | null`) exactly as the spec says (3.0-style `nullable`
included).

Every named type is listed in NAMES (JSON pointer -> Rust name, file); inline objects are named
after their parent and property. Schemas no operation or webhook reaches (PullOperation,
PullOperations) are not generated.

    python3 scripts/gen/models.py [--spec PATH] [--check]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S = "#/components/schemas/"

# pointer -> (Rust/TS name, file). Order within a file is the order of definition here.
NAMES = [
    (S + "Company", "Company", "company"),
    (S + "Company/definitions/companyReference", "CompanyReference", "company"),
    (S + "Companies", "Companies", "company"),
    (S + "CompanyRequestBody", "CompanyRequestBody", "company"),
    (S + "CompanyUpdateRequest", "CompanyUpdateRequest", "company"),
    (S + "CompanyAccessToken", "CompanyAccessToken", "company"),
    (S + "Companies/allOf/1/definitions/links", "Links", "pagination"),
    (S + "Companies/allOf/1/definitions/halRef", "HalRef", "pagination"),
    (S + "Connection", "Connection", "connection"),
    (S + "Connection/definitions/dataConnectionError", "DataConnectionError", "connection"),
    (S + "Connections", "Connections", "connection"),
    (S + "ErrorMessage", "ErrorMessageData", "error_message"),
    (S + "ErrorMessage/definitions/errorValidation", "ErrorValidation", "error_message"),
    (S + "ErrorMessage/definitions/errorValidationItem", "ErrorValidationItem", "error_message"),
    (S + "SourceAccount", "SourceAccount", "source_account"),
    (S + "SourceAccount/definitions/sourceAccountPrototype", "SourceAccountPrototype", "source_account"),
    (S + "SourceAccountV2", "SourceAccountV2", "source_account"),
    (S + "SourceAccountV2/definitions/sourceAccountV2Prototype", "SourceAccountV2Prototype", "source_account"),
    (S + "SourceAccountV2/definitions/accountInfo", "AccountInfo", "source_account"),
    (S + "SourceAccountV2/definitions/routingInfo", "RoutingInfo", "source_account"),
    (S + "SourceAccountBatchCreateResponse", "SourceAccountBatchCreateResponse", "source_account"),
    (S + "SourceAccountBatchCreateResponse/definitions/sourceAccountBatchCreateResult", "SourceAccountBatchCreateResult", "source_account"),
    (S + "SourceAccountV2BatchCreateResponse", "SourceAccountV2BatchCreateResponse", "source_account"),
    (S + "SourceAccountV2BatchCreateResponse/definitions/sourceAccountV2BatchCreateResult", "SourceAccountV2BatchCreateResult", "source_account"),
    (S + "SourceAccountBatchErrorResponse", "SourceAccountBatchErrorResponse", "source_account"),
    (S + "BankAccountCredentials", "BankAccountCredentials", "source_account"),
    (S + "GenerateOtpResponse", "GenerateOtpResponse", "source_account"),
    (S + "SourceAccountWebhook", "SourceAccountWebhook", "webhooks"),
    (S + "SourceAccountWebhook/definitions/sourceAccountWebhookPayload", "SourceAccountWebhookPayload", "webhooks"),
    (S + "ClientRateLimitWebhook", "ClientRateLimitWebhook", "webhooks"),
    (S + "ClientRateLimitWebhook/definitions/clientRateLimitWebhookPayload", "ClientRateLimitWebhookPayload", "webhooks"),
    (S + "BankFeedMapping", "BankFeedMapping", "account_mapping"),
    (S + "BankFeedMapping/definitions/targetAccountOption", "TargetAccountOption", "account_mapping"),
    (S + "BankFeedAccountMapping", "BankFeedAccountMapping", "account_mapping"),
    (S + "BankFeedAccountMappingResponse", "BankFeedAccountMappingResponse", "account_mapping"),
    (S + "CompanyInformation", "CompanyInformation", "company_information"),
    (S + "BankAccounts", "BankAccounts", "bank_account"),
    (S + "BankAccounts/allOf/0/properties/results/items", "BankAccount", "bank_account"),
    (S + "BankAccounts/allOf/0/properties/results/items/definitions/bankAccountPrototype", "BankAccountPrototype", "bank_account"),
    (S + "BankAccounts/allOf/0/properties/results/items/definitions/bankAccountCreateResponse", "BankAccountCreateResponse", "bank_account"),
    (S + "BankAccounts/allOf/0/properties/results/items/definitions/bankAccountRef", "BankAccountRef", "bank_account"),
    (S + "CreateBankTransactions", "CreateBankTransactions", "bank_transactions"),
    (S + "BankTransactions/items", "BankTransaction", "bank_transactions"),
    (S + "CreateBankTransactionsResponse", "CreateBankTransactionsResponse", "bank_transactions"),
    (S + "PushOperation", "PushOperation", "push_operation"),
    (S + "PushOperation/definitions/validation", "PushOperationValidation", "push_operation"),
    (S + "PushOperation/definitions/validationItem", "PushOperationValidationItem", "push_operation"),
    (S + "PushOperation/definitions/pushOperationRef", "PushOperationRef", "push_operation"),
    (S + "PushOperation/definitions/pushOperationChange", "PushOperationChange", "push_operation"),
    (S + "PushOperations", "PushOperations", "push_operation"),
    (S + "PushOption", "PushOption", "push_option"),
    (S + "PushOption/definitions/pushOptionProperty", "PushOptionProperty", "push_option"),
    (S + "PushOption/definitions/pushValidationInfo", "PushValidationInfo", "push_option"),
    (S + "PushOption/definitions/pushFieldValidation", "PushFieldValidation", "push_option"),
    (S + "PushOption/definitions/pushOptionChoice", "PushOptionChoice", "push_option"),
    (S + "StartScheduledSyncResult", "StartScheduledSyncResult", "sync"),
    (S + "SyncStatusResult", "SyncStatusResult", "sync"),
]

# Enum pointers with names of their own; other enums are named Parent + Property.
ENUM_NAMES = {
    S + "Connection/definitions/dataConnectionStatus": "DataConnectionStatus",
    S + "Connection/definitions/dataConnectionSourceType": "DataConnectionSourceType",
    S + "PushOperation/definitions/pushOperationStatus": "PushOperationStatus",
    S + "PushOperation/definitions/pushChangeType": "PushChangeType",
    S + "PushOption/definitions/pushOptionType": "PushOptionType",
    S + "DataType": "DataType",
    S + "BankAccounts/allOf/0/properties/results/items/definitions/bankAccountStatus": "BankAccountStatus",
}

# Unions (oneOf without discriminator) used by operations: name -> (doc, [variant pointers]).
# The more specific variant (V2: more required fields) is tried first.
UNIONS = {
    "SourceAccountV2OrV1": ("A source account, version 2 or version 1.", [S + "SourceAccountV2", S + "SourceAccount"]),
    "SourceAccountPrototypeV2OrV1": (
        "A source account to create, version 2 or version 1.",
        [S + "SourceAccountV2/definitions/sourceAccountV2Prototype", S + "SourceAccount/definitions/sourceAccountPrototype"],
    ),
    "SourceAccountBatchResult": (
        "The result for one account of a batch: created (version 2 or 1), or an error.",
        [S + "SourceAccountV2BatchCreateResponse", S + "SourceAccountBatchCreateResponse", S + "SourceAccountBatchErrorResponse"],
    ),
}
UNION_FILE = "source_account"

# Request-side rules the spec states beyond types, checked by the hand-written models/checks.rs:
# (type, property) -> function.
REQUEST_CHECKS = {
    ("CompanyRequestBody", "name"): "non_empty",
    ("CompanyUpdateRequest", "name"): "non_empty_opt",
    ("CompanyRequestBody", "tags"): "tags",
    ("CompanyUpdateRequest", "tags"): "tags",
    ("CreateConnectionRequestBody", "platformKey"): "platform_key",
    ("CreateBankTransactions", "transactions"): "at_most_1000",
}


def pascal(s):
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", s) if w)


def snake(s):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).lower().strip("_")


def camel_of_snake(s):
    parts = s.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


class Gen:
    def __init__(self, spec):
        self.spec = spec
        self.names = {p: n for p, n, _ in NAMES}
        self.files = {}  # file -> list of code blocks
        self.enums = {}  # alias name -> (doc, values, file)
        self.done = set()
        self.union_ptrs = {}

    def resolve(self, ptr):
        node = self.spec
        for part in ptr[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def deref(self, schema):
        """Follows $ref chains; returns (schema, pointer of the last ref or None)."""
        ptr = None
        seen = 0
        while "$ref" in schema and seen < 20:
            ptr = schema["$ref"]
            schema = self.resolve(ptr)
            seen += 1
        return schema, ptr

    def describe(self, schema):
        while True:
            if schema.get("description"):
                return schema["description"]
            if "$ref" in schema:
                schema = self.resolve(schema["$ref"])
                continue
            for part in schema.get("allOf", []):
                if "description" in part:
                    return part["description"]
            return schema.get("title", "")

    def nullable(self, schema):
        """nullable on the property itself, or on what it refers to."""
        while True:
            if schema.get("nullable") is True:
                return True
            t = schema.get("type")
            if isinstance(t, list) and "null" in t:
                return True
            if "$ref" in schema and "nullable" not in schema:
                schema = self.resolve(schema["$ref"])
                continue
            return False

    def props(self, schema):
        """Properties and required names, merging allOf."""
        schema, _ = self.deref(schema)
        props, required = {}, list(schema.get("required", []))
        for part in schema.get("allOf", []):
            p, r = self.props(part)
            props.update(p)
            required += r
        props.update(schema.get("properties", {}))
        return props, required

    def type_of(self, schema, parent, prop, file):
        """(Rust type, TS type) of a property schema."""
        own = schema
        target, ptr = self.deref(schema)
        if ptr is None and "allOf" in own and len(own["allOf"]) >= 1 and "$ref" in own["allOf"][0] and not own.get("properties"):
            return self.type_of(own["allOf"][0], parent, prop, file)
        if ptr in self.names:
            name = self.names[ptr]
            return name, name
        if ptr in self.union_ptrs:
            return self.union_ptrs[ptr], self.union_ptrs[ptr]
        if "enum" in target:
            m = re.fullmatch(r"#/components/schemas/(\w+)/properties/(\w+)", ptr or "")
            alias = ENUM_NAMES.get(ptr) or (pascal(m.group(1)) + pascal(m.group(2)) if m else pascal(parent) + pascal(prop))
            values = [v for v in target["enum"] if v is not None]
            if target.get("type") == "integer":
                return "i64", "number"
            prev = self.enums.get(alias)
            if prev is None:
                self.enums[alias] = (self.describe(target) or self.describe(own), values, file)
            return "String", alias
        t = target.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), None)
        if t == "array":
            items_ptr = f"{ptr}/items" if ptr else None
            if items_ptr in self.names:
                name = self.names[items_ptr]
                return f"Vec<{name}>", f"{name}[]"
            rust, ts = self.type_of(target["items"], parent, singular(prop), file)
            return f"Vec<{rust}>", f"{ts}[]" if re.fullmatch(r"\w+", ts) else f"Array<{ts}>"
        if t == "string":
            return "String", "string"
        if t == "integer":
            return ("i32", "number") if target.get("format") == "int32" else ("i64", "number")
        if t == "number":
            return "f64", "number"
        if t == "boolean":
            return "bool", "boolean"
        if t == "object" or "properties" in target or "allOf" in target:
            ap = target.get("additionalProperties")
            if isinstance(ap, dict) and ap and not target.get("properties"):
                rust, ts = self.type_of(ap, parent, prop, file)
                return f"std::collections::HashMap<String, {rust}>", f"Record<string, {ts}>"
            if target.get("properties") or target.get("allOf"):
                name = pascal(parent) + pascal(prop)
                self.emit_struct(name, target, file, ptr or f"inline:{name}")
                return name, name
            return "serde_json::Map<String, serde_json::Value>", "Record<string, unknown>"
        return "serde_json::Value", "unknown"

    def emit_struct(self, name, schema, file, key):
        if key in self.done:
            return
        self.done.add(key)
        props, required = self.props(schema)
        lines = doc_lines(self.describe(schema) or name, "")
        lines += ["#[derive(Debug, Deserialize, Tsify)]", '#[serde(rename_all = "camelCase")]', f"pub struct {name} {{"]
        body = []
        for prop, pschema in props.items():
            rust, ts = self.type_of(pschema, name, prop, file)
            field = snake(prop)
            if field in ("type", "self", "ref", "match", "mod", "use"):
                field = {"type": "kind", "self": "self_", "ref": "reference"}.get(field, field + "_")
            attrs = []
            if camel_of_snake(field) != prop:
                attrs.append(f'#[serde(rename = "{prop}")]')
            check = REQUEST_CHECKS.get((name, prop))
            if check:
                attrs.append(f'#[serde(deserialize_with = "super::checks::{check}")]')
            req = prop in required
            null = self.nullable(pschema)
            default_ts = ts_of_rust(rust)
            if req and not null:
                ty = rust
                if ts != default_ts:
                    attrs.append(f'#[tsify(type = "{ts}")]')
            else:
                ty = f"Option<{rust}>"
                if not req:
                    attrs.insert(0, "#[serde(default)]")
                tsty = f"{ts} | null" if null else ts
                opt = "optional, " if not req else ""
                if not null and not req and ts == default_ts:
                    attrs.append("#[tsify(optional)]")
                else:
                    attrs.append(f'#[tsify({opt}type = "{tsty}")]')
            body += doc_lines(self.describe(pschema), "    ") + ["    " + a for a in attrs] + [f"    pub {field}: {ty},"]
        lines += body + ["}"]
        self.files.setdefault(file, []).append("\n".join(lines))

    def emit_union(self, name, doc, variants, file):
        lines = doc_lines(doc, "") + [
            "#[derive(Debug, Deserialize, Tsify)]",
            "#[serde(untagged)]",
            f"pub enum {name} {{",
        ]
        for ptr in variants:
            vname = self.names[ptr]
            lines += [f"    {vname}({vname}),"]
        lines.append("}")
        self.files.setdefault(file, []).append("\n".join(lines))

    def run(self):
        for ptr, name, file in NAMES:
            self.emit_struct(name, self.resolve(ptr), file, ptr)
        emit_inline_bodies(self)
        for name, (doc, variants) in UNIONS.items():
            self.emit_union(name, doc, variants, UNION_FILE)
        for alias, (doc, values, file) in sorted(self.enums.items()):
            union = " | ".join(json.dumps(v) for v in values)
            const = snake(alias).upper()
            text = (doc.strip().replace("*/", "* /") + " " if doc else "") + "Values the API adds later arrive unchanged."
            block = (
                "#[wasm_bindgen(typescript_custom_section)]\n"
                f'const {const}: &str = r#"\n/** {" ".join(text.split())} */\n'
                f'export type {alias} = {union} | (string & {{}});\n"#;'
            )
            self.files.setdefault(file, []).insert(0, block)
        out = {}
        for file, blocks in self.files.items():
            text = "\n\n".join(blocks)
            head = ["// Generated by scripts/gen/models.py from the Bank Feeds OpenAPI spec: do not edit.", ""]
            head.append("use serde::Deserialize;")
            head.append("use tsify::Tsify;")
            if "wasm_bindgen(" in text:
                head.append("use wasm_bindgen::prelude::wasm_bindgen;")
            code = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//"))
            refs = sorted(
                {n for _, n, f in NAMES if f != file and re.search(rf"\b{n}\b", code)}
                | {u for u in UNIONS if UNION_FILE != file and re.search(rf"\b{u}\b", code)}
            )
            if refs:
                head.append(f"use super::{{{', '.join(refs)}}};" if len(refs) > 1 else f"use super::{refs[0]};")
            out[f"{file}.rs"] = "\n".join(head) + "\n\n" + text + "\n"
        out["requests.rs"] = emit_requests(self)
        mods = sorted(k[:-3] for k in out)
        mod = [
            "// Generated by scripts/gen/models.py from the Bank Feeds OpenAPI spec: do not edit.",
            "//! The API's types, field for field as the spec has them. They give the `.d.ts` its types",
            "//! (through tsify) and check request and response bodies (through serde); callers get the",
            "//! JSON values themselves, so unknown fields and enum values pass through unchanged.",
            "",
            "// Doc comments are the spec's descriptions verbatim, Markdown quirks included.",
            "#![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]",
            "",
        ]
        mod += ["mod checks;"] + [f"mod {m};" for m in mods]
        mod += [""] + [f"pub use {m}::*;" for m in mods]
        out["mod.rs"] = "\n".join(mod) + "\n"
        return out


# operationId -> (request type name, body field type or None, raw body?)
REQUEST_NAMES = {
    "list-companies": "ListCompaniesRequest",
    "get-company": "GetCompanyRequest",
    "delete-company": "DeleteCompanyRequest",
    "replace-company": "ReplaceCompanyRequest",
    "update-company": "UpdateCompanyRequest",
    "get-company-access-token": "GetCompanyAccessTokenRequest",
    "list-connections": "ListConnectionsRequest",
    "create-connection": "CreateConnectionRequest",
    "get-connection": "GetConnectionRequest",
    "delete-connection": "DeleteConnectionRequest",
    "unlink-connection": "UnlinkConnectionRequest",
    "list-bank-accounts": "ListBankAccountsRequest",
    "get-create-bankAccounts-model": "GetCreateBankAccountsModelRequest",
    "create-bank-account": "CreateBankAccountRequest",
    "create-batch-source-account": "CreateBatchSourceAccountRequest",
    "create-source-account": "CreateSourceAccountRequest",
    "list-source-accounts": "ListSourceAccountsRequest",
    "update-source-account": "UpdateSourceAccountRequest",
    "delete-source-account": "DeleteSourceAccountRequest",
    "generate-credentials": "GenerateCredentialsRequest",
    "delete-bank-feed-credentials": "DeleteBankFeedCredentialsRequest",
    "get-bank-account-mapping": "GetBankAccountMappingRequest",
    "create-bank-account-mapping": "CreateBankAccountMappingRequest",
    "get-company-information": "GetCompanyInformationRequest",
    "generate-otp": "GenerateOtpRequest",
    "create-bank-transactions": "CreateBankTransactionsRequest",
    "get-create-bank-transactions-model": "GetCreateBankTransactionsModelRequest",
    "get-create-operation": "GetCreateOperationRequest",
    "list-create-operations": "ListCreateOperationsRequest",
    "get-managed-bank-feed-sync": "GetManagedBankFeedSyncRequest",
    "get-latest-managed-bank-feed-sync": "GetLatestManagedBankFeedSyncRequest",
    "run-managed-bank-feed-ad-hoc-sync": "RunManagedBankFeedAdHocSyncRequest",
}
# Inline request bodies, by operationId: (type name, file).
INLINE_BODIES = {
    "create-connection": ("CreateConnectionRequestBody", "connection"),
    "unlink-connection": ("UnlinkConnectionUpdateConnection", "connection"),
}
# Bodies that are oneOf unions, by operationId: TS/Rust type.
UNION_BODIES = {
    "create-source-account": "SourceAccountPrototypeV2OrV1",
    "create-batch-source-account": "SourceAccountPrototypeV2OrV1[]",
}
RAW_BODY_TS = "Uint8Array | ArrayBuffer | Blob | string"


def emit_inline_bodies(gen):
    for path, item in gen.spec["paths"].items():
        for method, op in item.items():
            if method == "parameters" or op["operationId"] not in INLINE_BODIES:
                continue
            name, file = INLINE_BODIES[op["operationId"]]
            schema = op["requestBody"]["content"]["application/json"]["schema"]
            gen.names[f"inline-body:{name}"] = name
            gen.emit_struct(name, schema, file, f"inline-body:{name}")


def emit_requests(gen):
    blocks = []
    used = set()
    for path, item in gen.spec["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method == "parameters" or op["operationId"] not in REQUEST_NAMES:
                continue
            name = REQUEST_NAMES[op["operationId"]]
            params = []
            for p in shared + op.get("parameters", []):
                p = gen.resolve(p["$ref"]) if "$ref" in p else p
                params.append(p)
            lines = doc_lines(f"The request of *{op.get('summary', name)}*.", "")
            lines += ["#[derive(Tsify)]", '#[serde(rename_all = "camelCase")]', f"pub struct {name} {{"]
            for p in params:
                sch = p.get("schema", {})
                doc = p.get("description") or sch.get("description", "")
                extra = []
                if "default" in sch:
                    extra.append(f"Default `{json.dumps(sch['default'])}`.")
                if "minimum" in sch or "maximum" in sch:
                    extra.append(f"From {sch.get('minimum', '')} to {sch.get('maximum', '')}.".replace("From  to", "").replace("to .", "up."))
                if "example" in p or "example" in sch:
                    extra.append(f"Example: `{p.get('example', sch.get('example'))}`.")
                lines += doc_lines(" ".join([doc] + extra), "    ")
                rust = {"integer": "i32", "boolean": "bool"}.get(sch.get("type"), "String")
                field = snake(p["name"])
                if camel_of_snake(field) != p["name"]:
                    lines.append(f'    #[serde(rename = "{p["name"]}")]')
                if p.get("required"):
                    lines.append(f"    pub {field}: {rust},")
                else:
                    lines += ["    #[tsify(optional)]", f"    pub {field}: Option<{rust}>,"]
            rb = op.get("requestBody")
            if rb:
                oid = op["operationId"]
                content = rb.get("content", {}).get("application/json", {})
                if oid in UNION_BODIES:
                    ts = UNION_BODIES[oid]
                elif oid in INLINE_BODIES:
                    ts = INLINE_BODIES[oid][0]
                elif "schema" not in content:
                    ts = RAW_BODY_TS
                else:
                    _, ts = gen.type_of(content["schema"], name, "requestBody", "requests")
                used.update(re.findall(r"\b[A-Z]\w+\b", ts))
                lines += doc_lines(rb.get("description") or "The request body.", "    ")
                if rb.get("required"):
                    lines += [f'    #[tsify(type = "{ts}")]', "    pub request_body: serde_json::Value,"]
                else:
                    lines += [f'    #[tsify(optional, type = "{ts}")]', "    pub request_body: Option<serde_json::Value>,"]
            lines.append("}")
            blocks.append("\n".join(lines))
    head = [
        "// Generated by scripts/gen/models.py from the Bank Feeds OpenAPI spec: do not edit.",
        "//! One request type per operation: path and query parameters as fields, the body as",
        "//! `requestBody`. They type the `.d.ts`; the client checks requests against each",
        "//! operation's description in `groups/`.",
        "",
        "use tsify::Tsify;",
    ]
    return "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"


def singular(s):
    return s[:-1] if s.endswith("s") else s


def ts_of_rust(rust):
    m = re.fullmatch(r"Vec<(.+)>", rust)
    if m:
        inner = ts_of_rust(m.group(1))
        return f"{inner}[]"
    return {"String": "string", "i64": "number", "i32": "number", "f64": "number", "bool": "boolean"}.get(rust, rust)


def doc_lines(text, indent):
    text = (text or "").replace("\ufeff", "").strip()
    if not text:
        return []
    return [f"{indent}///" + (" " + line if line.strip() else "") for line in text.splitlines()]


def rustfmt(files):
    with tempfile.TemporaryDirectory() as d:
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        # mod.rs also declares the hand-written checks.rs; rustfmt follows it.
        open(os.path.join(d, "checks.rs"), "w").close()
        subprocess.run(["rustfmt", "--edition", "2021", *[os.path.join(d, n) for n in files]], check=True)
        return {n: open(os.path.join(d, n)).read() for n in files}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=os.path.join(ROOT, "spec", "Codat-Bank-Feeds.json"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    spec = json.load(open(args.spec))
    files = rustfmt(Gen(spec).run())
    outdir = os.path.join(ROOT, "src", "models")
    stale = []
    for name, text in files.items():
        path = os.path.join(outdir, name)
        current = open(path).read() if os.path.exists(path) else None
        if current != text:
            stale.append(name)
            if not args.check:
                with open(path, "w") as f:
                    f.write(text)
    if args.check and stale:
        print("src/models is out of date; run python3 scripts/gen/models.py:", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
