"""The operations half of the generator: what every operation of the spec becomes.

Emits, from the spec and the model types `models.Gen` resolved:
- src/groups/<group>.rs: per tag, the group's exported class (`CompaniesApi`), one `Operation`
  descriptor per operation (method, path template, path parameters, query parameters with their
  types and bounds, body kind and schema, success statuses and their decoders, error statuses
  whose bodies are typed other than `ErrorMessage`), and one method per operation handing its
  descriptor to the client's one request path; plus `listAll*`/`*Pages` on paged lists and
  `waitFor*` on status reads, attached by what the spec says (below).
- src/groups/mod.rs: the group modules and their re-exports.
- src/generated/sdk.rs: the `CodatBankFeeds` entry: the constructor and one getter per group.
- src/generated/retry_policy.rs: the spec's default retry policy (`x-speakeasy-retries`).
- js/operations.json: the operation table as data, for the JS side and the test suites.
- README.md: the operation and group counts between `<!-- ops -->` markers.

Rules:
- Group: the operation's first tag in camelCase (`Bank accounts` -> `bankAccounts`, class
  `BankAccountsApi`, file bank_accounts.rs). Groups come in the order of the spec's `tags`.
- Method: `x-speakeasy-name-override` in camelCase; else the incumbent SDK's name
  (METHOD_NAMES); else the operationId in camelCase.
- Request type: `<PascalCase operationId>Request` (models.py emits it), except the operations of
  WHOLE_BODY, which take their body schema itself.
- Body: JSON when the request body has a schema (checked before sending); raw bytes when it
  has none or a binary one; required when the spec says `required: true`.
- Success: every 2XX response, JSON-decoded against its schema, or empty when it has no content.
  Errors: a documented 4XX/5XX whose schema is not `ErrorMessage` is a typed error (its class
  from ERROR_CLASSES; otherwise the base class, with the decoded body as `data`).
- Paged: the operation takes the spec's `x-codat-speakeasy-pagination` input parameter (`page`)
  and its 200 schema has the output property (`results`, an array): `listAll<Rest>` yields the
  items, `<method>Pages` the pages.
- Wait: a GET whose path ends in a path parameter and whose 200 schema has a required `status`
  with in-progress values (IN_PROGRESS, found in the status enum or, for a plain string, among
  the values its description names in backticks) gets `waitFor<Noun>`, the noun being the last
  word of that parameter without `Id`/`Key` (`pushOperationKey` -> `waitForOperation`).
- Docs: the spec's summary, then DOCS[operationId] (tuned by hand) or the spec's description.
"""
import json
import re
import sys
from dataclasses import dataclass

from models import HEADER, WHOLE_BODY, body_alias, clean_text, const_name, doc_lines, pascal, ptr_escape, request_type, snake

# Method names of the incumbent SDK (`@codat/bank-feeds`) where the spec has no override.
METHOD_NAMES = {
    "create-company": "create",
    "list-companies": "list",
    "get-company": "get",
    "delete-company": "delete",
    "update-company": "update",
    "list-connections": "list",
    "create-connection": "create",
    "get-connection": "get",
    "delete-connection": "delete",
    "list-bank-accounts": "list",
    "get-create-bankAccounts-model": "getCreateModel",
    "create-bank-account": "create",
    "create-source-account": "create",
    "list-source-accounts": "list",
    "update-source-account": "update",
    "delete-source-account": "delete",
    "generate-credentials": "generateCredentials",
    "get-bank-account-mapping": "get",
    "create-bank-account-mapping": "create",
    "get-company-information": "get",
    "generate-otp": "generateOtp",
    "create-bank-transactions": "create",
    "get-create-bank-transactions-model": "getCreateModel",
}

# JS classes of the typed error bodies: (operationId, status) -> class (one of js/errors.json).
ERROR_CLASSES = {("create-batch-source-account", "409"): "SourceAccountBatchConflictError"}

# Status values that mean "not finished yet", in any status enum or description.
IN_PROGRESS = ["Pending", "Started", "Queued", "InProgress", "Running"]

# The groups' docs, tuned by hand: tag -> (class doc, getter doc). A new tag uses its
# description from the spec for both.
GROUP_DOCS = {
    "Companies": (
        "Create and manage the companies that represent your customers in Codat.",
        "Companies: create, list, get, update and delete the companies that hold your\n"
        "customers' connections, and get their short-lived access tokens.",
    ),
    "Connections": (
        "A company's connections to its accounting software.",
        "Connections: a company's links to its accounting software.",
    ),
    "Bank accounts": (
        "Bank accounts in the company's accounting software.",
        "Bank accounts in the accounting software.",
    ),
    "Source accounts": (
        "The bank accounts in your app that feed transactions.",
        "Source accounts: the bank accounts in your app that feed transactions.",
    ),
    "Account mapping": (
        "Which accounting-software account each source account feeds.",
        "Account mapping: which accounting-software account each source account feeds.",
    ),
    "Transactions": (
        "Push bank transactions and follow the push operations.",
        "Bank transactions: push them and follow the push operations.",
    ),
    "Company information": (
        "The company's details as its accounting software holds them.",
        "Company information from the accounting software.",
    ),
    "Managed bank feeds": (
        "Run and follow the syncs of managed bank feeds.",
        "Managed bank feeds: run and follow syncs.",
    ),
}

# Descriptions tuned by hand (the spec's are long how-to pages): operationId -> text.
DOCS = {
    "create-company": (
        "Creates a company that represents your customer in Codat. The request is the body\n"
        "itself: `name` (required), `description` and `tags`."
    ),
    "list-companies": "Returns a page of your companies, filtered by `query` and `tags`, sorted by `orderBy`.",
    "get-company": "Returns the company with the given `companyId`.",
    "delete-company": (
        "Permanently deletes a company, its connections and any cached data. Irreversible.\n"
        "Resolves to `undefined`."
    ),
    "replace-company": "Replaces the company's name, description and tags: values left out are cleared.",
    "update-company": "Updates the name, description or tags of the company; values left out are kept.",
    "get-company-access-token": (
        "Returns an access token for the company, valid for one day: hand it to a browser\n"
        'client as `authHeader: "Bearer <accessToken>"` instead of your API key.'
    ),
    "list-connections": "Returns a page of the company's connections.",
    "create-connection": (
        "Creates a connection for the company to the platform named by `platformKey`\n"
        "(four lower-case letters, e.g. `gbol`)."
    ),
    "get-connection": "Returns one connection of the company.",
    "delete-connection": (
        "Revokes and removes the connection. Irreversible: the customer would have to authorize\n"
        "a new connection. Resolves to `undefined`."
    ),
    "unlink-connection": (
        "Deauthorizes the connection without deleting it: data already pulled stays readable\n"
        "and the customer can re-authorize later."
    ),
    "list-bank-accounts": "Returns a page of the bank accounts of a company's connection.",
    "get-create-bankAccounts-model": (
        "Returns what the accounting software expects in a bank-account payload: the fields,\n"
        "which are required, and their allowed values."
    ),
    "create-bank-account": (
        "Creates a bank account in the accounting software. The push runs asynchronously;\n"
        "follow it with `transactions.getCreateOperation`."
    ),
    "create-batch-source-account": (
        "Creates several source accounts (all version 2, or all version 1) in one call. Resolves\n"
        "on 201 and on 207 (multi-status) to one result per account: `result.account` for a\n"
        "created one, `result.error` for one that was not. A 409 (every account conflicts) throws\n"
        "`SourceAccountBatchConflictError` whose `data` keeps the per-item results."
    ),
    "create-source-account": (
        "Creates a source account (the bank account in your app that feeds transactions).\n"
        "Version 2 accounts carry `accountType`, `routingInfo` and `accountInfo`; use\n"
        "`isSourceAccountV2` to tell which version came back."
    ),
    "list-source-accounts": "Returns the connection's source accounts.",
    "update-source-account": "Updates a source account's name, type, numbers, currency, balance or dates.",
    "delete-source-account": "Removes a source account; its bank feed stops. Resolves to `undefined`.",
    "generate-credentials": (
        "Creates the credentials the accounting software uses to reach your bank feed. The body\n"
        "is sent byte for byte as `application/json`: a `Uint8Array`, `ArrayBuffer`, `Blob`,\n"
        "string, or a stream (a `ReadableStream` such as `file.stream()`, or a Node `Readable`),\n"
        "which is sent as it is read, never read whole into memory first. A stream is sent once:\n"
        "a failure after it was sent is not retried, and its error says so (a `Blob`, such as\n"
        "Node's `await fs.openAsBlob(path)`, is read from disk as it is sent and can be retried).\n"
        "Stream bodies need a runtime whose fetch streams requests (Node 18+, Deno,\n"
        "Bun, Workers, Chromium over HTTP/2; not Firefox or Safari, whose fetch refuses them)."
    ),
    "delete-bank-feed-credentials": "Revokes every credential of the connection's source accounts. Resolves to `undefined`.",
    "get-bank-account-mapping": (
        "Returns each source account with its current target account and the accounts it\n"
        "could be mapped to."
    ),
    "create-bank-account-mapping": (
        "Maps a source account to a target account in the accounting software, which starts\n"
        "the bank feed."
    ),
    "get-company-information": "Returns the company's name and base currency from its accounting software.",
    "generate-otp": "Returns a one-time password for testing the bank feed connection.",
    "create-bank-transactions": (
        "Pushes bank transactions for a source account to the accounting software. The push\n"
        "runs asynchronously: the response's `pushOperationKey` follows it with\n"
        "`getCreateOperation`."
    ),
    "get-create-bank-transactions-model": "Returns what the accounting software expects in a bank-transactions payload.",
    "get-create-operation": "Returns the status of one push operation.",
    "list-create-operations": "Returns a page of the company's push operations.",
    "get-managed-bank-feed-sync": "Returns the status of one sync of a managed bank feed.",
    "get-latest-managed-bank-feed-sync": (
        "Returns the status of the source account's latest sync, or `undefined` when it has\n"
        "never synced (HTTP 204)."
    ),
    "run-managed-bank-feed-ad-hoc-sync": "Starts a sync of the source account now, outside its schedule.",
}

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
RUST_KEYWORDS = {"type", "move", "match", "loop", "ref", "mod", "use", "fn", "impl", "self", "super", "crate"}


def camel(text):
    """`Bank accounts` -> `bankAccounts`, `get-access-token` -> `getAccessToken`."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    if not words:
        return ""
    first = words[0][:1].lower() + words[0][1:]
    return first + "".join(w[:1].upper() + w[1:] for w in words[1:])


def method_name(op):
    override = op.get("x-speakeasy-name-override")
    if override:
        return camel(override)
    return METHOD_NAMES.get(op["operationId"]) or camel(op["operationId"])


def rust_ident(js_name):
    name = snake(js_name)
    return name + "_" if name in RUST_KEYWORDS else name


def paged_names(js):
    """The item and page iterators of a paged list: `list` -> `listAll`, `listPages`."""
    rest = js[len("list"):] if js.startswith("list") else pascal(js)
    return "listAll" + rest, js + "Pages"


def model_type(t):
    """The Rust type `validate::<T>` checks against (the models' `List` is a `Vec` there)."""
    return re.sub(r"\bList<", "Vec<", t.rust)


def int_bounds(schema):
    """(min, max) Rust expressions of an integer query parameter."""
    if schema.get("format") == "int32":
        lo, hi = "i32::MIN as i64", "i32::MAX as i64"
    else:  # JS numbers are exact up to 2^53 - 1
        lo, hi = "-9_007_199_254_740_991", "9_007_199_254_740_991"
    if "minimum" in schema:
        lo = str(int(schema["minimum"]))
    if "maximum" in schema:
        hi = str(int(schema["maximum"]))
    return lo, hi


@dataclass
class OpFacts:
    """What the spec says about one operation, as its descriptor, method and table entry use it."""

    path_params: list  # names, in the path's order
    query: list  # {name, kind, rust, required} (query_params)
    body_kind: str  # none, json, whole or raw
    body_type: object  # TypeRef of a json or whole body, else None
    body_required: bool
    success: list  # [(status, TypeRef or None)] of the 2XX responses
    errors: list  # [(status, TypeRef, class)] of the typed error bodies
    documented_errors: list  # every 4XX/5XX status the spec documents, sorted

    def model_uses(self):
        """The model types the descriptor names."""
        types = [self.body_type] + [t for _, t in self.success] + [t for _, t, _ in self.errors]
        return set().union(*(t.uses for t in types if t is not None))


@dataclass
class OpOutput:
    """One operation's share of its group's file."""

    op: object
    facts: OpFacts
    methods: list  # lines: its method, then its paging and wait methods
    entry: dict  # its row of js/operations.json


class Op:
    """One operation, as the generator sees it."""

    def __init__(self, path, http, item, op, ptr):
        self.path, self.http, self.item, self.op, self.ptr = path, http, item, op, ptr
        self.oid = op["operationId"]
        tags = op.get("tags") or []
        if not tags:
            sys.exit(f"{ptr}: operation {self.oid} has no tag (the tag names its group)")
        self.tag = tags[0]
        self.group = camel(self.tag)
        self.js = method_name(op)
        self.rust = rust_ident(self.js)
        self.static = const_name(self.js)


class Operations:
    def __init__(self, gen):
        self.gen = gen
        self.spec = gen.spec
        self.ops = []
        for path, item in self.spec["paths"].items():
            for http in HTTP_METHODS:
                if http in item:
                    ptr = f"#/paths/{ptr_escape(path)}/{http}"
                    self.ops.append(Op(path, http, item, item[http], ptr))
        self.groups = self.group_order()
        seen = {}
        for op in self.ops:
            key = (op.group, op.js)
            if key in seen:
                sys.exit(f"{op.ptr}: {op.group}.{op.js} is also the name of {seen[key]}; add a name to METHOD_NAMES")
            seen[key] = op.oid

    def group_order(self):
        order = [t["name"] for t in self.spec.get("tags", [])]
        used = []
        for op in self.ops:
            if op.tag not in used:
                used.append(op.tag)
        known = [t for t in order if t in used]
        return known + [t for t in used if t not in known]

    # -- what the spec says about one operation

    def params(self, op):
        """Path and query parameters, item-level first, by (name, in) with the op's own winning."""
        found = {}
        for i, p in enumerate(op.item.get("parameters", [])):
            found_p, p_ptr = self.gen.deref(p, f"#/paths/{ptr_escape(op.path)}/parameters/{i}")
            found[(found_p["name"], found_p["in"])] = (found_p, p_ptr)
        for i, p in enumerate(op.op.get("parameters", [])):
            found_p, p_ptr = self.gen.deref(p, f"{op.ptr}/parameters/{i}")
            found[(found_p["name"], found_p["in"])] = (found_p, p_ptr)
        return found

    def path_params(self, op):
        names = re.findall(r"\{(\w+)\}", op.path)
        declared = {n for (n, where) in self.params(op) if where == "path"}
        missing = [n for n in names if n not in declared]
        if missing:
            sys.exit(f"{op.ptr}: path parameter {missing[0]} of {op.path} is not declared")
        return names

    def query_params(self, op):
        out = []
        for (name, where), (p, p_ptr) in self.params(op).items():
            if where != "query":
                continue
            schema, _ = self.gen.deref(p.get("schema", {}), None)
            t = self.gen.base_type(schema)
            if t == "integer":
                lo, hi = int_bounds(schema)
                kind, rust = "integer", f"QueryKind::Int {{ min: {lo}, max: {hi} }}"
            elif t == "number":
                kind, rust = "number", "QueryKind::Num"
            elif t == "boolean":
                kind, rust = "boolean", "QueryKind::Bool"
            elif t == "string":
                kind, rust = "string", "QueryKind::Str"
            else:
                sys.exit(f"{p_ptr}: query parameter {name} of type {t!r} is not supported (string, integer, number, boolean)")
            out.append({"name": name, "kind": kind, "rust": rust, "required": p.get("required") is True})
        return out

    def content_schema(self, node, ptr):
        """(schema, pointer) of the JSON content of a body or response, or (None, ptr)."""
        if "$ref" in node:
            node, ptr = self.gen.deref(node, ptr)
        for media, content in node.get("content", {}).items():
            if "schema" in content:
                return content["schema"], f"{self.gen.media_ptr(ptr, media)}/schema"
        return None, ptr

    def type_at(self, schema, ptr, where):
        return self.gen.type_of(schema, ptr, where)

    def body(self, op):
        """(kind, TypeRef or None, required): kind is none, json, whole or raw."""
        rb = op.op.get("requestBody")
        if not rb:
            if op.oid in WHOLE_BODY:
                sys.exit(f"{op.ptr}: {op.oid} is in WHOLE_BODY but has no request body")
            return "none", None, False
        rb_ptr = f"{op.ptr}/requestBody"
        resolved, _ = self.gen.deref(rb, rb_ptr)
        required = resolved.get("required") is True
        schema, s_ptr = self.content_schema(rb, rb_ptr)
        if schema is None or self.gen.is_binary(self.gen.deref(schema, None)[0]):
            return "raw", None, True
        t = self.type_at(schema, s_ptr, f"{op.oid} body")
        return ("whole" if op.oid in WHOLE_BODY else "json"), t, required

    def alias(self, op):
        """The incumbent's name for the body of `op` (see models.body_alias), or None."""
        rb = op.op.get("requestBody")
        if not rb or op.oid in WHOLE_BODY:
            return None
        schema, _ = self.content_schema(rb, f"{op.ptr}/requestBody")
        return body_alias(schema)

    def responses(self, op):
        """[(status, TypeRef or None)] of the 2XX responses; [(status, TypeRef)] typed errors."""
        success, errors = [], []
        for status, resp in op.op.get("responses", {}).items():
            r_ptr = f"{op.ptr}/responses/{status}"
            schema, s_ptr = self.content_schema(resp, r_ptr)
            if not re.fullmatch(r"\d{3}", status):
                continue  # `4XX`/`default`: the generic error path covers them
            code = int(status)
            if 200 <= code < 300:
                t = self.type_at(schema, s_ptr, f"{op.oid} {status}") if schema is not None else None
                success.append((code, t))
            elif code >= 400 and schema is not None:
                target = self.gen.deref(schema, s_ptr)[1]
                if target == "#/components/schemas/ErrorMessage":
                    continue
                t = self.type_at(schema, s_ptr, f"{op.oid} {status}")
                errors.append((code, t, ERROR_CLASSES.get((op.oid, status), "CodatBankFeedsError")))
        if not success:
            sys.exit(f"{op.ptr}/responses: {op.oid} documents no 2XX response")
        return success, errors

    def ok_schema(self, op):
        resp = op.op.get("responses", {}).get("200")
        if resp is None:
            return None
        schema, s_ptr = self.content_schema(resp, f"{op.ptr}/responses/200")
        if schema is None:
            return None
        props, required = self.gen.flatten(schema, s_ptr)
        return props, required

    def paging(self, op):
        """(items TypeRef, page TypeRef) when the operation is a paged list."""
        rule = self.spec.get("x-codat-speakeasy-pagination") or {}
        inputs = [i["name"] for i in rule.get("inputs", []) if i.get("in") == "parameters"]
        output = (rule.get("outputs") or {}).get("results", "")
        m = re.fullmatch(r"\$\.(\w+)", output)
        if not inputs or not m:
            return None
        if not all(any(q["name"] == i for q in self.query_params(op)) for i in inputs):
            return None
        found = self.ok_schema(op)
        if not found or m.group(1) not in found[0]:
            return None
        sub, sub_ptr = found[0][m.group(1)]
        items = self.type_at(sub, sub_ptr, f"{op.oid} paging")
        if items.kind != "array":
            return None
        item_ts = items.ts[:-2] if items.ts.endswith("[]") else re.sub(r"^Array<(.*)>$", r"\1", items.ts)
        return item_ts, m.group(1)

    def waiting(self, op):
        """(method name, in-progress values) when the operation reads a status worth waiting on."""
        if op.http != "get" or not re.search(r"/\{\w+\}$", op.path):
            return None
        found = self.ok_schema(op)
        if not found or "status" not in found[0] or "status" not in found[1]:
            return None
        status, _ = self.gen.deref(found[0]["status"][0], None)
        if "enum" in status:
            values = [v for v in status["enum"] if isinstance(v, str)]
        else:
            values = re.findall(r"`(\w+)`", status.get("description", ""))
        pending = [v for v in IN_PROGRESS if v in values]
        if not pending:
            return None
        param = re.findall(r"\{(\w+)\}", op.path)[-1]
        words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", param)
        while len(words) > 1 and words[-1].lower() in ("id", "key"):
            words.pop()
        return "waitFor" + pascal(words[-1]), pending

    # -- output

    def describe(self, op):
        summary = clean_text(op.op.get("summary") or op.oid)
        text = DOCS.get(op.oid)
        if text is None:
            text = clean_text(op.op.get("description", ""))
        return summary + ("\n\n" + text if text else "")

    def returns(self, success):
        types = []
        empty = False
        for _, t in success:
            if t is None:
                empty = True
            elif t.ts not in types:
                types.append(t.ts)
        if not types:
            return "void"
        if empty:
            types.append("undefined")
        return " | ".join(types)

    def facts(self, op):
        """What the spec says about `op`, gathered once for its descriptor, method and table entry."""
        kind, body_t, required = self.body(op)
        success, errors = self.responses(op)
        return OpFacts(
            path_params=self.path_params(op),
            query=self.query_params(op),
            body_kind=kind,
            body_type=body_t,
            body_required=required,
            success=success,
            errors=errors,
            documented_errors=sorted({int(s) for s in op.op.get("responses", {}) if re.fullmatch(r"[45]\d\d", s)}),
        )

    def descriptor(self, op, facts):
        """The operation's `static` descriptor, as lines."""
        lines = [f"/// `{op.http.upper()} {op.path}`", f"/// ({op.oid} in the spec).", f"static {op.static}: Operation = Operation {{"]
        lines.append(f"    name: {json.dumps(op.group + '.' + op.js)},")
        lines.append(f"    method: Method::{op.http.capitalize()},")
        lines.append(f"    path: {json.dumps(op.path)},")
        lines.append(f"    path_params: &[{', '.join(json.dumps(p) for p in facts.path_params)}],")
        lines += self.query_lines(facts.query)
        lines += self.body_lines(op, facts)
        lines.append("    success: &[")
        for code, t in facts.success:
            if t is None:
                lines.append(f"        ({code}, Decode::Empty),")
            else:
                lines.append(f"        ({code}, Decode::Json(validate::<{model_type(t)}>)),")
        lines.append("    ],")
        lines += self.typed_error_lines(facts.errors)
        lines.append(f"    error_statuses: &[{', '.join(str(c) for c in facts.documented_errors)}],")
        lines.append("};")
        return lines

    def query_lines(self, query):
        # Written out the way rustfmt would: it leaves an item with an over-long line as it is.
        if not query:
            return ["    query: &[],"]
        lines = ["    query: &["]
        for q in query:
            lines += [
                "        QueryParam {",
                f"            name: {json.dumps(q['name'])},",
                f"            kind: {q['rust']},",
                f"            required: {str(q['required']).lower()},",
                "        },",
            ]
        return lines + ["    ],"]

    def body_lines(self, op, facts):
        if facts.body_kind == "none":
            return ["    body: Body::None,"]
        if facts.body_kind == "raw":
            return ["    body: Body::Raw,"]
        validate = f"validate::<{model_type(facts.body_type)}>"
        if facts.body_kind == "whole":
            return ["    body: Body::WholeRequest {", f"        validate: {validate},", "    },"]
        alias = self.alias(op)
        return [
            "    body: Body::Json {",
            f"        required: {str(facts.body_required).lower()},",
            f"        alias: {f'Some({json.dumps(alias)})' if alias else 'None'},",
            f"        validate: {validate},",
            "    },",
        ]

    def typed_error_lines(self, errors):
        if not errors:
            return ["    typed_errors: &[],"]
        lines = ["    typed_errors: &["]
        for code, t, cls in errors:
            lines += [
                "        TypedError {",
                f"            status: {code},",
                f"            validate: validate::<{model_type(t)}>,",
                f"            class: Class::{cls},",
                "        },",
            ]
        return lines + ["    ],"]

    def request_ts(self, op, facts):
        """The TypeScript type of the method's request argument."""
        return facts.body_type.ts if facts.body_kind == "whole" else request_type(op.oid)

    def param_attr(self, facts):
        """The request argument's wasm-bindgen type attribute: optional when every field is."""
        optional = (
            not facts.path_params
            and not any(q["required"] for q in facts.query)
            and (facts.body_kind == "none" or (facts.body_kind == "json" and not facts.body_required))
        )
        return "unchecked_optional_param_type" if optional else "unchecked_param_type"

    def method(self, op, facts):
        """The group's method that hands the descriptor to the client, as lines."""
        doc = self.describe(op)
        error_codes = sorted(set(facts.documented_errors) - {c for c, _, _ in facts.errors})
        notes = []
        if error_codes:
            notes.append(f"Documented errors: `ErrorMessage` on HTTP {', '.join(str(c) for c in error_codes)}.")
        for code, _, cls in facts.errors:
            notes.append(f"HTTP {code} throws `{cls}` with the decoded body as `data`.")
        if notes:
            doc += "\n\n" + " ".join(notes)
        lines = doc_lines(doc, "    ")
        lines += self.bindgen_attr(op.js, op.rust, f"Promise<{self.returns(facts.success)}>")
        lines += [
            f"    pub fn {op.rust}(",
            "        &self,",
            f'        #[wasm_bindgen({self.param_attr(facts)} = "{self.request_ts(op, facts)}")] request: JsValue,',
            '        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,',
            "    ) -> Promise {",
            f"        self.client.call(&{op.static}, request, options)",
            "    }",
        ]
        return lines

    def bindgen_attr(self, js, rust, ret):
        parts = [] if js == rust else [f"js_name = {js}"]
        parts.append(f'unchecked_return_type = "{ret}"')
        return [f"    #[wasm_bindgen({', '.join(parts)})]"]

    def paging_methods(self, op, req_ts, param_attr, item_ts, page_ts):
        all_js, pages_js = paged_names(op.js)
        rest = all_js[len("listAll"):]
        title = " ".join(w.lower() for w in re.findall(r"[A-Z][a-z0-9]*", rest)) or op.tag.lower()
        every = (
            f"List all {title}\n\n"
            f"Every {self.item_noun(item_ts)} of `{op.js}`, page after page on demand\n"
            "(`for await (const x of ...)`), from `request.page` (default 1) until the last page.\n"
            "Each page is retried by the normal policy; `options.signal` stops it; a `break` sends no\n"
            "further request. An error on a page is thrown from the loop, after the items already\n"
            "yielded; so is `PaginationError` when a page after the first is not the one asked for\n"
            "(a server or proxy that ignores `page`), instead of paging forever."
        )
        whole = f"The pages of `{op.js}`, whole, fetched on demand as `{all_js}` does."
        out = []
        for js, items, ret, doc in (
            (all_js, "true", f"AsyncGenerator<{item_ts}, void, undefined>", every),
            (pages_js, "false", f"AsyncGenerator<{page_ts}, void, undefined>", whole),
        ):
            out.append("")
            out += doc_lines(doc, "    ")
            out += self.bindgen_attr(js, rust_ident(js), ret)
            out += [
                f"    pub fn {rust_ident(js)}(",
                "        &self,",
                f'        #[wasm_bindgen({param_attr} = "{req_ts}")] request: JsValue,',
                '        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,',
                "    ) -> JsValue {",
                f'        paginate(self.handle(), "{op.js}", request, options, {items})',
                "    }",
            ]
        return out

    def item_noun(self, item_ts):
        words = re.findall(r"[A-Z][a-z0-9]*", item_ts) or [item_ts]
        return " ".join(w.lower() for w in words)

    def wait_method(self, op, req_ts, name, pending, result_ts):
        shown = ", ".join(f"`{v}`" for v in pending)
        doc = (
            f"Wait until `{op.js}` reports a final status\n\n"
            f"Polls `{op.js}` until the result's `status` is no longer {shown} (any other value,\n"
            "including one the API adds later, is final), waiting 1.5 times longer between polls\n"
            "each time on JS timers, and resolves to the final result. Rejects with\n"
            "`RequestTimeoutError` after `options.timeoutMs`, `RequestAbortedError` when\n"
            "`options.signal` aborts."
        )
        out = [""] + doc_lines(doc, "    ")
        out += self.bindgen_attr(name, rust_ident(name), f"Promise<{result_ts}>")
        pending_rust = ", ".join(json.dumps(v) for v in pending)
        out += [
            f"    pub fn {rust_ident(name)}(",
            "        &self,",
            f'        #[wasm_bindgen(unchecked_param_type = "{req_ts}")] request: JsValue,',
            '        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: JsValue,',
            "    ) -> Promise {",
            f"        self.client.wait(&{op.static}, request, options, &[{pending_rust}])",
            "    }",
        ]
        return out

    def class_name(self, tag):
        return pascal(camel(tag)) + "Api"

    def group_file(self, tag):
        """src/groups/<group>.rs and the group's entries of the operation table."""
        ops = [self.op_output(op) for op in self.ops if op.tag == tag]
        statics = "\n\n".join("\n".join(self.descriptor(out.op, out.facts)) for out in ops)
        needs_handle = any("paged" in out.entry for out in ops)
        text = "\n".join(self.group_head(tag, ops, statics, needs_handle)) + "\n\n"
        text += "\n".join(self.class_lines(tag, needs_handle)) + "\n\n" + statics
        methods = "\n\n".join("\n".join(out.methods) for out in ops)
        text += "\n\n#[wasm_bindgen]\nimpl " + self.class_name(tag) + " {\n" + methods + "\n}\n"
        return text, [out.entry for out in ops]

    def op_output(self, op):
        facts = self.facts(op)
        helpers, notes = self.helper_methods(op, facts)
        return OpOutput(op, facts, self.method(op, facts) + helpers, self.table_entry(op, facts) | notes)

    def table_entry(self, op, facts):
        """The operation's row of js/operations.json, but for `paged` and `wait`."""
        return {
            "operationId": op.oid,
            "group": op.group,
            "method": op.js,
            "httpMethod": op.http.upper(),
            "path": op.path,
            "pathParams": facts.path_params,
            "query": [{"name": q["name"], "type": q["kind"]} for q in facts.query],
            "body": facts.body_kind,
            "bodyAlias": self.alias(op),
            "requestType": self.request_ts(op, facts),
            "resultType": self.returns(facts.success),
            "summary": clean_text(op.op.get("summary") or op.oid),
            "successStatuses": [c for c, _ in facts.success],
            "typedErrors": [{"status": c, "class": cls} for c, _, cls in facts.errors],
        }

    def helper_methods(self, op, facts):
        """The paging and wait methods the spec gives `op`, as lines, and their table entries."""
        req_ts, result_ts = self.request_ts(op, facts), self.returns(facts.success)
        lines, notes = [], {}
        paged = self.paging(op)
        if paged:
            item_ts, _ = paged
            lines += self.paging_methods(op, req_ts, self.param_attr(facts), item_ts, result_ts)
            all_js, pages_js = paged_names(op.js)
            notes["paged"] = {"items": all_js, "pages": pages_js}
        wait = self.waiting(op)
        if wait:
            name, pending = wait
            lines += self.wait_method(op, req_ts, name, pending, result_ts)
            notes["wait"] = {"method": name, "inProgress": pending}
        return lines, notes

    def group_head(self, tag, ops, statics, needs_handle):
        """The file's header and `use` lines: what its descriptors and methods name."""
        uses = set().union(*(out.facts.model_uses() for out in ops))
        # Scalar bodies name the models' stand-ins (`validate::<Text>`).
        uses |= {n for n in ("Any", "Text") if re.search(rf"validate::<[^>]*\b{n}\b", statics)}
        imports = sorted(n for n in uses if re.fullmatch(r"[A-Z]\w*", n))
        operation_items = {"Body", "Decode", "Method", "Operation", "validate"}
        if "QueryParam" in statics:
            operation_items |= {"QueryParam", "QueryKind"}
        if "TypedError" in statics:
            operation_items.add("TypedError")
        head = [
            HEADER,
            f"//! `sdk.{camel(tag)}`: the operations the spec tags `{tag}`.",
            "",
            "use std::rc::Rc;",
            "",
            "use js_sys::Promise;",
            "use wasm_bindgen::prelude::*;",
            "",
        ]
        if needs_handle:
            head.append("use crate::bindings::paginate;")
        head.append("use crate::client::Client;")
        if "TypedError" in statics:
            head.append("use crate::error::Class;")
        if imports:
            head.append(f"use crate::models::{{{', '.join(imports)}}};" if len(imports) > 1 else f"use crate::models::{imports[0]};")
        head.append(f"use crate::operation::{{{', '.join(sorted(operation_items, key=lambda s: (s[0].islower(), s)))}}};")
        return head

    def class_lines(self, tag, needs_handle):
        """The group's exported class and its constructor (and `handle` for paging)."""
        cls = self.class_name(tag)
        class_doc, _ = self.docs_of(tag)
        lines = doc_lines(f"{class_doc.rstrip('.')} (`sdk.{camel(tag)}`).", "") + [
            "#[wasm_bindgen]",
            f"pub struct {cls} {{",
            "    pub(crate) client: Rc<Client>,",
            "}",
            "",
            f"impl {cls} {{",
            "    pub(crate) fn new(client: &Rc<Client>) -> Self {",
            "        Self {",
            "            client: Rc::clone(client),",
            "        }",
            "    }",
        ]
        if needs_handle:
            lines += [
                "",
                "    /// A JS handle on this group, whose methods paging (and a hand-written method) call.",
                "    pub(crate) fn handle(&self) -> JsValue {",
                "        Self::new(&self.client).into()",
                "    }",
            ]
        lines.append("}")
        return lines

    def docs_of(self, tag):
        if tag in GROUP_DOCS:
            return GROUP_DOCS[tag]
        described = next((t.get("description") for t in self.spec.get("tags", []) if t["name"] == tag), None)
        text = clean_text(described or tag).rstrip(".")
        return text, text + "."

    def mod_file(self, hand_written=()):
        files = [snake(camel(t)) for t in self.groups]
        lines = [
            HEADER,
            "//! One file per endpoint group (a tag of the spec): its class, its operations as",
            "//! descriptors, and one method each handing its descriptor to the client's request path.",
            "",
        ]
        if hand_written:
            lines += ["// Hand-written beside them: methods beyond the spec's operations."]
            lines += [f"mod {m};" for m in sorted(hand_written)] + [""]
        lines += [f"mod {f};" for f in sorted(files)]
        lines.append("")
        lines += [f"pub use {snake(camel(t))}::{self.class_name(t)};" for t in sorted(self.groups, key=lambda t: snake(camel(t)))]
        return "\n".join(lines) + "\n"

    def sdk_file(self):
        lines = [
            HEADER,
            "//! The `CodatBankFeeds` entry: its constructor and one getter per endpoint group, nothing",
            "//! else (the groups hold the operations, `client` the options and the request path).",
            "",
            "use std::rc::Rc;",
            "",
            "use wasm_bindgen::prelude::*;",
            "",
            "use crate::client::Client;",
            "use crate::groups::{" + ", ".join(sorted(self.class_name(t) for t in self.groups)) + "};",
            "",
            "/// Client for the Codat Bank Feeds API. Each endpoint group is a property",
            "/// (`sdk.companies`, `sdk.sourceAccounts`, ...); every operation takes one request object",
            "/// and optional per-call `RequestOptions`, and resolves to the typed response.",
            "#[wasm_bindgen]",
            "pub struct CodatBankFeeds {",
            "    client: Rc<Client>,",
            "}",
            "",
            "#[wasm_bindgen]",
            "impl CodatBankFeeds {",
            "    /// Builds a client. Throws `InvalidRequestError` naming the option that is missing or",
            "    /// malformed: at once when the `.wasm` is loaded (always outside browsers; in browsers",
            "    /// after `await ready()`), else from every call, which waits for the `.wasm` first.",
            "    #[wasm_bindgen(constructor)]",
            "    pub fn new(",
            '        #[wasm_bindgen(unchecked_param_type = "SDKOptions")] options: JsValue,',
            "    ) -> Result<CodatBankFeeds, JsValue> {",
            "        Ok(CodatBankFeeds {",
            "            client: Rc::new(Client::new(&options)?),",
            "        })",
            "    }",
        ]
        lines += [
            "",
            "    /// The rate-limit headers of the last response this client saw (`X-Rate-Limit-Limit`,",
            "    /// `-Remaining`, `-Reset`), or `undefined` before any carried them.",
            '    #[wasm_bindgen(getter, js_name = rateLimit, unchecked_return_type = "RateLimit | undefined")]',
            "    pub fn rate_limit(&self) -> JsValue {",
            "        self.client.rate_limit()",
            "    }",
        ]
        for tag in self.groups:
            group = camel(tag)
            rust = snake(group)
            _, getter_doc = self.docs_of(tag)
            lines.append("")
            lines += doc_lines(getter_doc, "    ")
            attr = "getter" if group == rust else f"getter, js_name = {group}"
            lines += [
                f"    #[wasm_bindgen({attr})]",
                f"    pub fn {rust}(&self) -> {self.class_name(tag)} {{",
                f"        {self.class_name(tag)}::new(&self.client)",
                "    }",
            ]
        lines.append("}")
        return "\n".join(lines) + "\n"

    def run(self, hand_written=()):
        """{path relative to the repository root: text}; `hand_written`: the modules of
        src/groups that are not generated."""
        out = {}
        manifest = []
        for tag in self.groups:
            text, entries = self.group_file(tag)
            out[f"src/groups/{snake(camel(tag))}.rs"] = text
            manifest += entries
        out["src/groups/mod.rs"] = self.mod_file(hand_written)
        out["src/generated/sdk.rs"] = self.sdk_file()
        out["src/generated/retry_policy.rs"] = retry_policy(self.spec)
        table = {
            "_generated": "by scripts/gen/generate.py from spec/Codat-Bank-Feeds.json: do not edit",
            "operations": len(manifest),
            "groups": [camel(t) for t in self.groups],
            "table": manifest,
        }
        out["js/operations.json"] = json.dumps(table, indent=2) + "\n"
        out["js/reads.js"] = reads_js(manifest)
        return out


def reads_js(manifest):
    """js/reads.js: the reads whose request is their path alone, by group and method."""
    reads = {}
    for op in manifest:
        if op["httpMethod"] == "GET" and not op["query"] and op["body"] == "none":
            reads.setdefault(op["group"], {})[op["method"]] = op["path"]
    return (
        "// Generated by scripts/gen/generate.py from the Bank Feeds OpenAPI spec: do not edit.\n\n"
        "/**\n"
        " * The reads whose request is their path alone (GET, no query, no body), by group and method:\n"
        " * their path templates (js/early.js sends such a read's request before the .wasm arrives).\n"
        " */\n"
        f"export const READS = {json.dumps(reads, separators=(',', ':'))};\n"
    )


def retry_policy(spec):
    """src/generated/retry_policy.rs: the spec's default retry policy (`x-speakeasy-retries`) as constants."""
    where = "#/x-speakeasy-retries"
    policy = spec.get("x-speakeasy-retries")
    if not policy or policy.get("strategy") != "backoff":
        sys.exit(f"{where}: expected a `backoff` policy (the client's default), found {policy!r}")
    backoff = policy.get("backoff", {})
    keys = ["initialInterval", "maxInterval", "exponent", "maxElapsedTime"]
    missing = [k for k in keys if not isinstance(backoff.get(k), (int, float))]
    if missing:
        sys.exit(f"{where}/backoff: {missing[0]} is missing or not a number")
    arms = []
    for code in policy.get("statusCodes", []):
        text = str(code)
        if re.fullmatch(r"\d{3}", text):
            arms.append(text)
        elif re.fullmatch(r"\dXX", text):
            arms.append(f"{text[0]}00..={text[0]}99")
        else:
            sys.exit(f"{where}/statusCodes: {code!r} is neither a status nor a range like 5XX")
    if not arms:
        sys.exit(f"{where}/statusCodes: no status is retried")
    number = lambda v: f"{float(v)!r}"
    lines = [
        HEADER,
        "//! The API's default retry policy, as the spec's `x-speakeasy-retries` gives it.",
        "",
        "use crate::retry::Backoff;",
        "",
        "/// Exponential backoff timings of the spec, in milliseconds.",
        "pub(crate) const SPEC_BACKOFF: Backoff = Backoff {",
        f"    initial_interval: {number(backoff['initialInterval'])},",
        f"    max_interval: {number(backoff['maxInterval'])},",
        f"    exponent: {number(backoff['exponent'])},",
        f"    max_elapsed_time: {number(backoff['maxElapsedTime'])},",
        "};",
        "",
        "/// Whether refused, reset or otherwise failed connections are retried by default.",
        f"pub(crate) const SPEC_RETRY_CONNECTION_ERRORS: bool = {str(policy.get('retryConnectionErrors') is True).lower()};",
        "",
        f"/// The statuses the spec retries: {', '.join(str(c) for c in policy['statusCodes'])}.",
        "pub(crate) fn is_retryable_status(status: u16) -> bool {",
        f"    matches!(status, {' | '.join(arms)})",
        "}",
    ]
    return "\n".join(lines) + "\n"


def readme_counts(text, ops):
    """The README's operation and group counts, between `<!-- ops -->` and `<!-- /ops -->`."""
    counted = f"{len(ops.ops)} operations in {len(ops.groups)} groups"
    new, n = re.subn(r"<!-- ops -->.*?<!-- /ops -->", f"<!-- ops -->{counted}<!-- /ops -->", text, flags=re.S)
    if n == 0:
        sys.exit("README.md has no <!-- ops --> marker for the operation count")
    return new
