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

/// Where a JSON text departs from its type: `path` (`transactions[3].amount`, empty at the
/// root) and what is wrong there.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub path: String,
    pub reason: String,
}

impl Mismatch {
    /// The offending field's full path under `root` (missing fields name themselves).
    pub(crate) fn field(&self, root: &str) -> String {
        let mut field = root.to_string();
        for part in [
            self.path.as_str(),
            missing_field(&self.reason).unwrap_or(""),
        ] {
            if part.is_empty() {
                continue;
            }
            if !field.is_empty() && !part.starts_with('[') {
                field.push('.');
            }
            field.push_str(part);
        }
        field
    }
}

/// The field a reason names itself: serde's "missing field `x`" and the request checks'
/// "field `x` ...", both reported at the enclosing object.
fn missing_field(reason: &str) -> Option<&str> {
    let rest = reason
        .strip_prefix("missing field `")
        .or_else(|| reason.strip_prefix("field `"))?;
    rest.split('`').next()
}

/// Checks `text` against `T`'s schema table. serde_json names the position of a mismatch;
/// `path_at` turns that into a JSON path, so the walk itself tracks nothing.
pub(crate) fn validate<T: Model>(text: &str) -> Result<(), Mismatch> {
    crate::models::check(T::SCHEMA, text).map_err(|e| {
        let offset = byte_offset(text, e.line(), e.column());
        Mismatch {
            path: path_at(text, offset),
            reason: without_position(e.to_string()),
        }
    })
}

/// serde_json counts lines and columns from 1; column 0 means "before the line".
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

enum Frame<'a> {
    Object {
        key: Option<&'a str>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The JSON path (`transactions[3].amount`) of the value being read at byte `offset` of
/// `text`; empty at the root. Tolerates malformed JSON: it only tracks nesting.
pub(crate) fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = text.get(start..i.min(bytes.len()));
                        *expect_key = false;
                    }
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// serde_json appends the text position; the path already says where.
fn without_position(mut reason: String) -> String {
    if let Some(at) = reason.rfind(" at line ") {
        reason.truncate(at);
    }
    reason
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
        CompanyRequestBody, CreateBankTransactions, CreateConnectionRequestBody, Field, Schema,
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
        assert!(
            err.reason
                .starts_with("invalid type: string \"x\", expected f64"),
            "{}",
            err.reason
        );
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
    fn paths_of_positions() {
        let text = r#"{"a":{"b":[1,{"c":"x"}]},"d":2}"#;
        assert_eq!(path_at(text, text.find("\"x\"").unwrap() + 3), "a.b[1].c");
        assert_eq!(path_at(text, text.find('2').unwrap() + 1), "d");
        assert_eq!(path_at(text, text.len()), "");
        assert_eq!(path_at(r#"{"k\"ey":[1,2,"#, 99), "k\\\"ey[2]");
        assert_eq!(path_at("[[", 99), "[0][0]");
    }

    #[test]
    fn trailing_garbage_and_bad_json_are_mismatches() {
        assert!(validate::<Batch>(r#"{"transactions":[]} x"#).is_err());
        assert!(validate::<Batch>(r#"{"transactions":["#).is_err());
        assert!(validate::<Batch>("").is_err());
        assert!(validate::<Batch>(r#"{"transactions":[],"extra":{"a":[1]}}"#).is_ok());
    }

    // The request-side rules of models/schema.rs, as a request body meets them.
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
}
