//! What an operation is, as data: the one generic request path in `client` reads these.

use serde::de::DeserializeOwned;

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
    Int { min: i64, max: i64 },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct QueryParam {
    pub name: &'static str,
    pub kind: QueryKind,
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

fn missing_field(reason: &str) -> Option<&str> {
    reason.strip_prefix("missing field `")?.strip_suffix('`')
}

pub(crate) fn validate<T: DeserializeOwned>(text: &str) -> Result<(), Mismatch> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => de.end().map_err(|e| Mismatch {
            path: String::new(),
            reason: without_position(e.to_string()),
        }),
        Err(e) => {
            let path = e.path().to_string();
            Err(Mismatch {
                path: if path == "." { String::new() } else { path },
                reason: without_position(e.into_inner().to_string()),
            })
        }
    }
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
    /// `request.requestBody`, sent as JSON after validation.
    Json {
        required: bool,
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
    /// The JS class thrown (see js/runtime.js).
    pub class: &'static str,
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
}

impl Operation {
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
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    #[serde(rename_all = "camelCase")]
    struct Line {
        amount: f64,
        description: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Batch {
        transactions: Vec<Line>,
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
    fn trailing_garbage_and_bad_json_are_mismatches() {
        assert!(validate::<Batch>(r#"{"transactions":[]} x"#).is_err());
        assert!(validate::<Batch>(r#"{"transactions":["#).is_err());
        assert!(validate::<Batch>("").is_err());
        assert!(validate::<Batch>(r#"{"transactions":[],"extra":{"a":[1]}}"#).is_ok());
    }
}
