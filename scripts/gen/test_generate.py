"""Tests of the generator (python3 -m unittest discover -s scripts/gen -p "test_*.py").

They run it on the vendored spec, on the spec with fixtures/extra-operation.json applied (a new
tag and operation, a new field, a new enum value), and on specs it must refuse, naming where.
"""
import copy
import json
import os
import re
import unittest

import boundary
import errors
import generate
import reference
from operations import camel, method_name

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
README = "intro <!-- ops -->0 operations in 0 groups<!-- /ops --> end\n"
with open(os.path.join(ROOT, "js", "errors.json"), encoding="utf-8") as _f:
    ERRORS = _f.read()
with open(os.path.join(ROOT, "js", "boundary.json"), encoding="utf-8") as _f:
    BOUNDARY = _f.read()
TABLES = {"errors": ERRORS, "boundary": BOUNDARY}
SOURCES = generate.read_sources(ROOT)


def load_spec():
    with open(os.path.join(ROOT, "spec", "Codat-Bank-Feeds.json"), encoding="utf-8") as f:
        return json.load(f)


def apply_patch(spec, patch):
    """JSON Patch `add` (the only op the fixtures use)."""
    spec = copy.deepcopy(spec)
    for step in patch:
        assert step["op"] == "add", step
        parts = [p.replace("~1", "/").replace("~0", "~") for p in step["path"][1:].split("/")]
        node = spec
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        last = parts[-1]
        if isinstance(node, list):
            node.append(step["value"]) if last == "-" else node.insert(int(last), step["value"])
        else:
            node[last] = step["value"]
    return spec


def extra_spec():
    with open(os.path.join(HERE, "fixtures", "extra-operation.json"), encoding="utf-8") as f:
        return apply_patch(load_spec(), json.load(f)["patch"])


def table(files):
    return json.loads(files["js/operations.json"])


class Names(unittest.TestCase):
    def test_camel_case_of_tags_and_overrides(self):
        self.assertEqual(camel("Bank accounts"), "bankAccounts")
        self.assertEqual(camel("Managed bank feeds"), "managedBankFeeds")
        self.assertEqual(camel("get-access-token"), "getAccessToken")

    def test_method_names(self):
        self.assertEqual(method_name({"operationId": "x-y", "x-speakeasy-name-override": "run-ad-hoc-sync"}), "runAdHocSync")
        self.assertEqual(method_name({"operationId": "get-create-bankAccounts-model"}), "getCreateModel")  # incumbent's
        self.assertEqual(method_name({"operationId": "get-bank-feed-status"}), "getBankFeedStatus")  # fallback


class TodaysSpec(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = generate.generate(load_spec(), README, TABLES, SOURCES)
        cls.ops = {f"{o['group']}.{o['method']}": o for o in table(cls.files)["table"]}

    def test_every_operation_of_the_spec_once(self):
        spec = load_spec()
        ids = [op["operationId"] for item in spec["paths"].values() for m, op in item.items() if m in ("get", "post", "put", "patch", "delete")]
        self.assertEqual(sorted(o["operationId"] for o in self.ops.values()), sorted(ids))
        self.assertEqual(table(self.files)["operations"], len(ids))
        self.assertIn(f"<!-- ops -->{len(ids)} operations in 8 groups<!-- /ops -->", self.files["README.md"])

    def test_the_incumbents_names(self):
        for name in ["companies.create", "companies.getAccessToken", "connections.unlink", "sourceAccounts.createBatch",
                     "sourceAccounts.deleteCredentials", "accountMapping.get", "companyInformation.get",
                     "transactions.listCreateOperations", "managedBankFeeds.runAdHocSync", "managedBankFeeds.getLatestSync"]:
            self.assertIn(name, self.ops)

    def test_descriptors_carry_the_spec(self):
        companies = self.files["src/groups/companies.rs"]
        self.assertIn('name: "pageSize",\n            kind: QueryKind::Int { min: 1, max: 5000 },', companies)
        self.assertIn('name: "tags",\n            kind: QueryKind::Str,', companies)
        self.assertIn("validate: validate::<CompanyRequestBody>", companies)
        self.assertIn("(204, Decode::Empty)", companies)
        batch = self.files["src/groups/source_accounts.rs"]
        self.assertIn("class: Class::SourceAccountBatchConflictError,", batch)
        self.assertIn("(207, Decode::Json(validate::<Vec<SourceAccountBatchResult>>))", batch)
        self.assertEqual(self.ops["sourceAccounts.generateCredentials"]["body"], "raw")
        self.assertEqual(self.ops["companies.create"]["body"], "whole")
        self.assertEqual(self.ops["companies.create"]["requestType"], "CompanyRequestBody")

    def test_paging_and_waiting_follow_the_spec(self):
        paged = sorted(n for n, o in self.ops.items() if "paged" in o)
        self.assertEqual(paged, ["bankAccounts.list", "companies.list", "connections.list", "transactions.listCreateOperations"])
        self.assertEqual(self.ops["transactions.listCreateOperations"]["paged"], {"items": "listAllCreateOperations", "pages": "listCreateOperationsPages"})
        waits = {n: o["wait"] for n, o in self.ops.items() if "wait" in o}
        self.assertEqual(waits, {
            "transactions.getCreateOperation": {"method": "waitForOperation", "inProgress": ["Pending"]},
            "managedBankFeeds.getSync": {"method": "waitForSync", "inProgress": ["Started"]},
        })

    def test_docs_from_the_spec_and_the_override_table(self):
        source = self.files["src/groups/companies.rs"]
        self.assertIn("    /// Get company access token\n    ///\n    /// Returns an access token", source)
        self.assertIn("Documented errors: `ErrorMessage` on HTTP 401, 402, 403, 404, 429, 500, 503.", source)

    def test_the_default_retry_policy_is_the_specs(self):
        policy = self.files["src/generated/retry_policy.rs"]
        self.assertIn("initial_interval: 500.0,", policy)
        self.assertIn("max_elapsed_time: 3600000.0,", policy)
        self.assertIn("SPEC_RETRY_CONNECTION_ERRORS: bool = true;", policy)
        self.assertIn("matches!(status, 408 | 429 | 500..=599)", policy)

    def test_every_date_the_spec_types_is_held_to_the_date_rule(self):
        # The spec's three date types: `DateTime`, a bank transaction's local date-time, `Date`.
        for file, field, prop in [
            ("bank_feed_account_mapping.rs", "feed_start_date", "feedStartDate"),
            ("bank_transactions.rs", "date", "date"),
            ("source_account_v2.rs", "account_open_date", "accountOpenDate"),
            ("sync_status_result.rs", "period_start_utc", "periodStartUtc"),
        ]:
            source = self.files[f"src/models/{file}"]
            self.assertRegex(source, rf"pub {field}: (Option<)?IsoDate")
            self.assertRegex(source, rf'name: "{prop}",\n\s+schema: &Schema::(Nullable\(&Schema::)?Date')
        self.assertIn("pub id: Option<Text>,", self.files["src/models/bank_transactions.rs"])

    def test_a_number_the_spec_makes_nullable_takes_null_in_a_request(self):
        # Only these take null: a request's other numbers are refused a null (src/schema/walk.rs).
        for file, prop in [("source_account.rs", "balance"), ("source_account_v2.rs", "availableBalance")]:
            self.assertRegex(self.files[f"src/models/{file}"], rf'name: "{prop}",\n\s+schema: &Schema::Nullable\(&Schema::Num\)')
        self.assertRegex(self.files["src/models/bank_transactions.rs"], r'name: "amount",\n\s+schema: &Schema::Num,')

    def test_a_unions_table_says_what_tells_its_variants_apart(self):
        source = self.files["src/models/source_account.rs"]

        def union(name):
            start = source.index(f"static {name}: Schema = Schema::OneOf(")
            table = source[start:source.index("});", start)]
            fields = re.findall(r'name: "(\w+)",\n\s+schema: &Schema::Any', table)
            variants = re.findall(r"schema: &super::(\w+),\n\s+own: (\w+),\n\s+required: (\w+),", table)
            bits = lambda mask: {f for i, f in enumerate(fields) if mask != "0" and int(mask, 2) >> i & 1}
            return {v: (bits(own), bits(required)) for v, own, required in variants}

        v2 = {"id", "accountName", "accountType", "accountNumber", "currency", "balance"}
        # Only version 2 has `routingInfo` and `accountInfo`; version 1 requires only `id`.
        self.assertEqual(union("SOURCE_ACCOUNT_PROTOTYPE_V2_OR_V1_SCHEMA"), {
            "SOURCE_ACCOUNT_V2_PROTOTYPE_SCHEMA": ({"routingInfo", "accountInfo"}, v2),
            "SOURCE_ACCOUNT_PROTOTYPE_SCHEMA": (set(), {"id"}),
        })
        self.assertEqual(union("SOURCE_ACCOUNT_V2_OR_V1_SCHEMA"), {
            "SOURCE_ACCOUNT_V2_SCHEMA": ({"routingInfo", "accountInfo"}, v2),
            "SOURCE_ACCOUNT_SCHEMA": (set(), {"id"}),
        })
        # The batch results share their fields and require none: nothing decides.
        results = union("SOURCE_ACCOUNT_BATCH_RESULT_SCHEMA")
        self.assertEqual(len(results), 3)
        self.assertEqual(list(results.values()), [(set(), set())] * 3)

    def test_the_same_spec_gives_the_same_bytes(self):
        self.assertEqual(generate.generate(load_spec(), README, TABLES, SOURCES), self.files)

    def test_hand_written_group_modules_are_found_and_declared(self):
        import tempfile

        with tempfile.TemporaryDirectory() as root:
            groups = os.path.join(root, "src", "groups")
            os.makedirs(groups)
            for name, first in [("push.rs", "//! Hand-written."), ("companies.rs", generate.HEADER), ("mod.rs", "")]:
                with open(os.path.join(groups, name), "w", encoding="utf-8") as f:
                    f.write(first + "\n")
            found = generate.hand_written_groups(root)
        self.assertEqual(found, ["push"])
        mod = generate.generate(load_spec(), README, TABLES, SOURCES, found)["src/groups/mod.rs"]
        self.assertIn("mod push;", mod)
        self.assertNotIn("mod push;", self.files["src/groups/mod.rs"])


class Reference(unittest.TestCase):
    """docs/reference/: a page per group from the spec, the options from the doc comments of
    their Rust types, the errors from js/errors.json."""

    @classmethod
    def setUpClass(cls):
        cls.files = generate.generate(load_spec(), README, TABLES, SOURCES)

    def test_a_page_per_group_with_every_method(self):
        ops = table(self.files)["table"]
        for group in table(self.files)["groups"]:
            page = self.files[f"docs/reference/{group}.md"]
            self.assertTrue(page.startswith(reference.MARK))
            for op in (o for o in ops if o["group"] == group):
                self.assertIn(f"## `{group}.{op['method']}`", page)
                self.assertIn(f"`{op['httpMethod']} {op['path']}`", page)
                self.assertIn(f"await sdk.{group}.{op['method']}(", page)
                self.assertIn(f"**Returns** `Promise<{op['resultType']}>`", page)
        index = self.files["docs/reference/README.md"]
        self.assertIn("33 operations in 8 groups", index)
        self.assertIn("[`createBatch`](sourceAccounts.md#sourceaccountscreatebatch)", index)

    def test_request_fields_with_types_constraints_formats_and_descriptions(self):
        page = self.files["docs/reference/transactions.md"]
        self.assertIn("| `companyId` | `string` | yes | format: uuid | Unique identifier for a company. |", page)
        self.assertIn("| `requestBody.transactions` | `BankTransaction[]` | yes | items ≤ 1000 |", page)
        self.assertIn("| `requestBody.transactions[].amount` | `number` |  | format: decimal | The amount transacted", page)
        self.assertIn("(or `createBankTransactions`, `@codat/bank-feeds`'s name for it)", page)
        companies = self.files["docs/reference/companies.md"]
        self.assertIn("| `pageSize` | `number` |  | format: int32, ≥ 1, ≤ 5000, default `100` |", companies)
        # A whole body: its fields are the request's own.
        self.assertIn("| `name` | `string` | yes |", companies)

    def test_errors_paging_waits_and_examples_from_the_spec(self):
        transactions = self.files["docs/reference/transactions.md"]
        self.assertIn("`ErrorMessage` on HTTP 400, 401, 402, 403, 404, 429, 500, 503", transactions)
        self.assertIn("`transactions.waitForOperation(request, options)` polls until `status` is no longer `Pending`", transactions)
        self.assertIn("`transactions.listAllCreateOperations(request)`", transactions)
        self.assertIn('description: "Repayment of Credit Card",', transactions)  # the spec's Xero example
        batch = self.files["docs/reference/sourceAccounts.md"]
        self.assertIn("`SourceAccountBatchConflictError` on HTTP 409", batch)
        self.assertIn('const result = await sdk.companies.create({ name: "Technicalium" });', self.files["docs/reference/companies.md"])

    def test_options_from_the_doc_comments(self):
        page = self.files["docs/reference/options.md"]
        self.assertIn("## `SDKOptions`", page)
        for field in ["authHeader?", "serverURL?", "idempotencyKeys?", "maxConcurrentPerCompany?"]:
            self.assertIn(f"| `{field}` |", page)
        self.assertIn("| `idempotencyKey?` | `string` | The `Idempotency-Key` (a GUID) to send", page)
        self.assertIn('| `"backoff"` | `backoff?: BackoffStrategy`', page)
        self.assertIn("| `onProgress?` | `(progress: PushProgress) => void \\| Promise<void>` |", page)

    def test_a_doc_comment_changed_is_the_page_changed(self):
        sources = dict(SOURCES)
        sources["src/options.rs"] = sources["src/options.rs"].replace(
            "/// A fetch-compatible function to use instead", "/// Another fetch, used instead"
        )
        page = generate.generate(load_spec(), README, TABLES, sources)["docs/reference/options.md"]
        self.assertIn("| `fetch?` | `(input: string, init: RequestInit) => Promise<Response>` | Another fetch, used instead", page)

    def test_errors_from_the_table(self):
        page = self.files["docs/reference/errors.md"]
        for c in json.loads(ERRORS)["classes"]:
            self.assertIn(f"## `{c['name']}`\n\nExtends `{c['extends']}`. {c['doc']}", page)
        self.assertIn("| `data$` | as `data` |", page)

    def test_a_new_operation_gets_its_page(self):
        page = generate.generate(extra_spec(), README, TABLES, SOURCES)["docs/reference/bankFeedStatus.md"]
        self.assertIn("## `bankFeedStatus.getStatus`", page)
        self.assertIn("| `days` | `number` |  |", page)


class ExtraOperation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = generate.generate(extra_spec(), README, TABLES, SOURCES)

    def test_a_new_tag_is_a_new_group_with_its_method(self):
        source = self.files["src/groups/bank_feed_status.rs"]
        self.assertIn("pub struct BankFeedStatusApi", source)
        self.assertIn('name: "bankFeedStatus.getStatus"', source)
        self.assertIn('name: "days",\n            kind: QueryKind::Int { min: 1, max: 90 },', source)
        self.assertIn('name: "includeAccounts",\n            kind: QueryKind::Bool,', source)
        self.assertIn("(200, Decode::Json(validate::<BankFeedStatus>))", source)
        self.assertIn('js_name = getStatus, unchecked_return_type = "Promise<BankFeedStatus>"', source)
        self.assertIn("/// Get bank feed status\n    ///\n    /// Returns the health of the connection's bank feed", source)
        self.assertIn("mod bank_feed_status;", self.files["src/groups/mod.rs"])
        self.assertIn("pub fn bank_feed_status(&self) -> BankFeedStatusApi", self.files["src/generated/sdk.rs"])
        self.assertIn("9 groups", self.files["README.md"])

    def test_its_request_and_response_types_exist(self):
        requests = self.files["src/models/requests.rs"]
        self.assertIn("pub struct GetBankFeedStatusRequest", requests)
        self.assertIn("pub days: Option<i32>,", requests)
        self.assertIn("pub struct BankFeedStatus", self.files["src/models/bank_feed_status.rs"])

    def test_a_new_field_and_enum_value(self):
        self.assertIn("pub timezone: Option<Text>,", self.files["src/models/company_information.rs"])
        self.assertIn('"Pending" | "Failed" | "Success" | "TimedOut" | "Queued"', self.files["src/models/push_operation.rs"])
        waits = {o["method"]: o.get("wait") for o in table(self.files)["table"]}
        self.assertEqual(waits["getCreateOperation"]["inProgress"], ["Pending", "Queued"])


class ErrorClasses(unittest.TestCase):
    def test_one_list_gives_the_js_classes_their_types_and_the_rust_names(self):
        files = errors.run(ERRORS)
        names = [c["name"] for c in json.loads(ERRORS)["classes"]]
        self.assertEqual(names[0], "CodatBankFeedsError")
        for name in names:
            self.assertIn(f"class {name} extends", files["js/errors.js"])
            self.assertIn(f"export class {name} extends", files["js/errors.d.ts"])
            self.assertIn(f'Class::{name} => "{name}",', files["src/generated/errors.rs"])
        self.assertIn('define(this, "rawResponse", details.rawResponse);', files["js/errors.js"])
        self.assertIn("readonly field: string;", files["js/errors.d.ts"])
        self.assertIn("export function createError(name, message, details)", files["js/errors.js"])

    def test_a_class_must_follow_its_parent(self):
        table = json.loads(ERRORS)
        table["classes"].append({"name": "Orphan", "extends": "Missing", "doc": "x", "fields": []})
        with self.assertRaises(SystemExit) as caught:
            errors.run(json.dumps(table))
        self.assertIn("Orphan extends Missing, which is not listed before it", str(caught.exception.code))


class Boundary(unittest.TestCase):
    def test_one_table_gives_both_sides_the_arguments_slots_and_failures(self):
        files = boundary.run(BOUNDARY)
        table = json.loads(BOUNDARY)
        rust, js = files["src/generated/boundary.rs"], files["js/boundary.js"]
        fields = ", ".join(f"self.{a.get('rust') or boundary.snake(a['name'])}" for a in table["attempt"])
        self.assertIn(f"fetch_once({fields})", rust)
        self.assertIn("pub(crate) const RATE_LIMIT_RESET: u32 = 7;", rust)
        self.assertIn('"hook" => Some(Failure::Hook),', rust)
        self.assertIn('h["x-rate-limit-limit"], h["x-rate-limit-remaining"], h["x-rate-limit-reset"], h["retry-after"]];', js)
        self.assertIn('DEADLINE: "deadline"', js)

    def test_an_entry_without_doc_is_refused(self):
        table = json.loads(BOUNDARY)
        del table["response"][2]["doc"]
        with self.assertRaises(SystemExit) as caught:
            boundary.run(json.dumps(table))
        self.assertIn("response[2] needs a camelCase `name` and a `doc`", str(caught.exception.code))


class Refusals(unittest.TestCase):
    def refusal(self, spec):
        with self.assertRaises(SystemExit) as caught:
            generate.generate(spec, README, TABLES, SOURCES)
        return str(caught.exception.code)

    def test_an_unsupported_query_parameter_is_named_by_its_pointer(self):
        spec = load_spec()
        spec["paths"]["/companies"]["get"]["parameters"].append({"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}})
        self.assertRegex(self.refusal(spec), r"^#/paths/~1companies/get/parameters/5: query parameter ids of type 'array'")

    def test_an_operation_without_tag(self):
        spec = load_spec()
        del spec["paths"]["/companies"]["get"]["tags"]
        self.assertIn("#/paths/~1companies/get: operation list-companies has no tag", self.refusal(spec))

    def test_two_operations_with_one_name(self):
        spec = load_spec()
        spec["paths"]["/companies"]["get"]["x-speakeasy-name-override"] = "create"
        self.assertIn("companies.create is also the name of", self.refusal(spec))

    def test_a_retry_policy_it_cannot_encode(self):
        spec = load_spec()
        spec["x-speakeasy-retries"]["statusCodes"].append("5xx-ish")
        self.assertIn("#/x-speakeasy-retries/statusCodes: '5xx-ish' is neither", self.refusal(spec))

    def test_a_new_field_without_description(self):
        spec = load_spec()
        spec["components"]["schemas"]["CompanyInformation"]["properties"]["mystery"] = {"type": "string"}
        self.assertIn("#/components/schemas/CompanyInformation/properties/mystery: CompanyInformation.mystery has no description", self.refusal(spec))


if __name__ == "__main__":
    unittest.main()
