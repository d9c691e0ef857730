//! What an operation is, as data: the one generic request path in `client` reads these.

use crate::error::Class;
use crate::models::Model;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// The type of a query parameter, with the bounds the spec gives.
#[derive(Clone, Copy, Debug)]
pub(crate) enum QueryKind {
    Str,
    Bool,
    /// Today's spec has no `number` query parameter; the generator emits this for one that
    /// a later spec adds.
    #[allow(dead_code)]
    Num,
    Int {
        min: i64,
        max: i64,
    },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct QueryParam {
    pub name: &'static str,
    pub kind: QueryKind,
    /// The spec says `required: true`: a request without it is refused.
    pub required: bool,
}

/// Checks a JSON text against a model type; the error says where and why it does not fit.
pub(crate) type Validator = fn(&str) -> Result<(), Mismatch>;

pub(crate) use crate::models::Mismatch;

/// Checks a JSON text against `T`'s schema table.
pub(crate) fn validate<T: Model>(text: &str) -> Result<(), Mismatch> {
    crate::models::check(T::SCHEMA, text)
}

/// How a request body is taken from the caller and sent.
#[derive(Debug)]
pub(crate) enum Body {
    None,
    /// `request.requestBody`, sent as JSON after validation. `alias`: the name
    /// `@codat/bank-feeds` gives the body (its schema's), taken in place of `requestBody`.
    Json {
        required: bool,
        alias: Option<&'static str>,
        validate: Validator,
    },
    /// The whole request argument is the body (`companies.create`).
    WholeRequest {
        validate: Validator,
    },
    /// `request.requestBody` is raw bytes or text, sent unchanged as `application/json`.
    Raw,
}

/// What a status code's response body decodes to.
#[derive(Debug)]
pub(crate) enum Decode {
    /// A JSON body of the validated type, handed to the caller as `JSON.parse` gives it.
    Json(Validator),
    /// No body: the call resolves to `undefined`.
    Empty,
}

/// A documented error status whose body is not the usual `ErrorMessage`.
#[derive(Debug)]
pub(crate) struct TypedError {
    pub status: u16,
    pub validate: Validator,
    /// The JS class thrown, with the decoded body as `data`.
    pub class: Class,
}

#[derive(Debug)]
pub(crate) struct Operation {
    /// `group.method`, as callers know it; used in error messages.
    pub name: &'static str,
    pub method: Method,
    /// Path template with `{name}` placeholders.
    pub path: &'static str,
    pub path_params: &'static [&'static str],
    pub query: &'static [QueryParam],
    pub body: Body,
    /// Documented success statuses and their bodies; the first is used for undocumented 2xx.
    pub success: &'static [(u16, Decode)],
    pub typed_errors: &'static [TypedError],
    /// Every error status the spec documents for the operation.
    pub error_statuses: &'static [u16],
}

impl Operation {
    /// Whether the spec documents `status` as one of the operation's errors.
    pub(crate) fn documents(&self, status: u16) -> bool {
        self.error_statuses.contains(&status)
    }

    /// Whether a retry could write twice without an `Idempotency-Key` (POST and PATCH).
    pub(crate) fn writes(&self) -> bool {
        matches!(self.method, Method::Post | Method::Patch)
    }

    pub(crate) fn decode_for(&self, status: u16) -> &Decode {
        self.success
            .iter()
            .find(|(s, _)| *s == status)
            .or_else(|| self.success.first())
            .map_or(&Decode::Empty, |(_, d)| d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{
        strictly, CompanyRequestBody, CreateBankTransactions, CreateConnectionRequestBody, Field,
        Schema, SourceAccountPrototypeV2OrV1, SourceAccountV2OrV1,
    };

    static LINE: Schema = Schema::Object(
        "Line",
        &[
            Field {
                name: "amount",
                schema: &Schema::Num,
                required: true,
            },
            Field {
                name: "description",
                schema: &Schema::Str,
                required: false,
            },
        ],
    );

    struct Batch;

    impl Model for Batch {
        const SCHEMA: &'static Schema = &Schema::Object(
            "Batch",
            &[Field {
                name: "transactions",
                schema: &Schema::List(&LINE),
                required: true,
            }],
        );
    }

    #[test]
    fn mismatch_names_the_field() {
        let err =
            validate::<Batch>(r#"{"transactions":[{"amount":1},{"amount":"x"}]}"#).unwrap_err();
        assert_eq!(err.path, "transactions[1].amount");
        assert_eq!(err.reason, "expected a number, got \"x\"");
        assert_eq!(
            err.field("requestBody"),
            "requestBody.transactions[1].amount"
        );

        let err = validate::<Batch>(r#"{"transactions":[{}]}"#).unwrap_err();
        assert_eq!(err.reason, "missing field `amount`");
        assert_eq!(
            err.field("requestBody"),
            "requestBody.transactions[0].amount"
        );
        assert_eq!(err.field(""), "transactions[0].amount");
    }

    #[test]
    fn trailing_garbage_and_bad_json_are_mismatches() {
        assert!(validate::<Batch>(r#"{"transactions":[]} x"#).is_err());
        assert!(validate::<Batch>(r#"{"transactions":["#).is_err());
        assert!(validate::<Batch>("").is_err());
        assert!(validate::<Batch>(r#"{"transactions":[],"extra":{"a":[1]}}"#).is_ok());
    }

    // The request-side rules of src/schema/, as a request body meets them.
    #[test]
    fn request_rules() {
        assert!(validate::<CreateConnectionRequestBody>(r#"{"platformKey":"gbol"}"#).is_ok());
        assert!(validate::<CreateConnectionRequestBody>(r#"{}"#).is_ok());
        let err =
            validate::<CreateConnectionRequestBody>(r#"{"platformKey":"toolong"}"#).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.platformKey");
        assert!(validate::<CreateConnectionRequestBody>(r#"{"platformKey":"GBOL"}"#).is_err());
        assert_eq!(
            validate::<CompanyRequestBody>(r#"{"name":"  "}"#)
                .unwrap_err()
                .field(""),
            "name"
        );
        let eleven: Vec<String> = (0..11).map(|i| format!(r#""t{i}":"v""#)).collect();
        let body = format!(r#"{{"name":"x","tags":{{{}}}}}"#, eleven.join(","));
        assert_eq!(
            validate::<CompanyRequestBody>(&body).unwrap_err().field(""),
            "tags"
        );
        let txns = |n: usize| {
            let one = r#"{"id":"t","date":"2024-01-01","description":"d","amount":1.5,"balance":2,"transactionType":"Debit"}"#;
            format!(
                r#"{{"accountId":"a","transactions":[{}]}}"#,
                vec![one; n].join(",")
            )
        };
        assert_eq!(validate::<CreateBankTransactions>(&txns(1000)), Ok(()));
        let err = validate::<CreateBankTransactions>(&txns(1001)).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.transactions");
        assert!(
            err.reason.contains("has 1001 transactions"),
            "{}",
            err.reason
        );
    }

    // A source account to create is checked as the version its fields make it: one with
    // `accountInfo` is version 2, though version 1 would ignore the field.
    #[test]
    fn a_source_account_is_the_version_its_fields_make_it() {
        const DATE: &str = r#"expected a date such as "2025-01-31" or "2025-01-31T00:00:00Z""#;
        let v2 = |open: &str| {
            format!(
                r#"{{"id":"a","accountName":"n","accountType":"checking","accountNumber":"1","currency":"GBP","balance":0,"accountInfo":{{"accountOpenDate":"{open}"}}}}"#
            )
        };
        let one = |text: &str| strictly(|| validate::<SourceAccountPrototypeV2OrV1>(text));
        let many = |text: &str| strictly(|| validate::<Vec<SourceAccountPrototypeV2OrV1>>(text));
        for bad in ["2024-13-45", "yesterday"] {
            let err = one(&v2(bad)).unwrap_err();
            assert_eq!(
                err.field("requestBody"),
                "requestBody.accountInfo.accountOpenDate"
            );
            assert_eq!(err.reason, format!(r#"{DATE}, got "{bad}""#));
            let batch = format!(r#"[{{"id":"b"}},{},{}]"#, v2("2024-02-29"), v2(bad));
            let err = many(&batch).unwrap_err();
            assert_eq!(
                err.field("requestBody"),
                "requestBody[2].accountInfo.accountOpenDate"
            );
            assert_eq!(err.reason, format!(r#"{DATE}, got "{bad}""#));
            // A response's dates are not held to the form; its variant is still version 2.
            let answer = v2(bad).replace(r#""balance":0,"#, r#""balance":0,"feedStartDate":null,"#);
            assert_eq!(validate::<SourceAccountV2OrV1>(&answer), Ok(()));
        }
        // Version 2 by its `accountInfo`, it must be one whole.
        let err = one(r#"{"id":"a","accountInfo":{"nickname":"n"}}"#).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.accountName");
        // Version 1 fails as version 1, naming the field, not the union.
        let err = one(r#"{"id":"a","modifiedDate":"2025-02-30"}"#).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.modifiedDate");
        let err = one("[]").unwrap_err();
        assert_eq!(
            (err.field("requestBody").as_str(), err.reason.as_str()),
            (
                "requestBody",
                "expected a SourceAccountPrototypeV2OrV1 object, got an array"
            )
        );
        for good in [
            v2("2024-02-29"),
            v2("2024-02-29").replace(
                r#""accountInfo":{"accountOpenDate":"2024-02-29"}"#,
                r#""accountInfo":null"#,
            ),
            r#"{"id":"a"}"#.into(),
            r#"{"id":"a","accountName":null,"accountType":"Credit","balance":1}"#.into(),
        ] {
            assert_eq!(one(&good), Ok(()), "{good}");
        }
    }
}
