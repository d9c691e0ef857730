//! Every error the client reports, as one enum carried up the call. At the one edge
//! (`bindings::into_js`) `Error::parts` maps each variant to its JS class (js/errors.json,
//! generated into `Class`) and fields; nothing below that edge builds a JS error.

pub(crate) use crate::generated::errors::{Class, ABORTED, CONNECTION_FAILED};
use wasm_bindgen::JsValue;

use crate::text::int_text;

/// What a non-2xx or undecodable response leaves on its error.
#[derive(Debug)]
pub(crate) struct ResponseParts {
    pub status: u16,
    /// Plain object of lower-case header names.
    pub headers: JsValue,
    /// The raw body text (a JS string).
    pub body: JsValue,
    /// The fetch `Response`.
    pub raw: JsValue,
}

#[derive(Debug)]
pub(crate) enum Error {
    /// Refused before anything was sent; `field` names the culprit (empty: the whole request).
    InvalidRequest {
        op: &'static str,
        field: String,
        reason: String,
    },
    /// A non-2xx answered with the API's `ErrorMessage` body; `detail` is its `error` text.
    Api {
        op: &'static str,
        response: ResponseParts,
        data: JsValue,
        detail: String,
    },
    /// A 429 that ends the call (its `Retry-After` asks for longer than the policy waits, or
    /// retries are off); `data` is the `ErrorMessage` body when it is one.
    RateLimited {
        op: &'static str,
        response: ResponseParts,
        data: JsValue,
        detail: String,
        retry_after_ms: Option<f64>,
    },
    /// A non-2xx answered with a body the operation documents for that status.
    Typed {
        op: &'static str,
        class: Class,
        response: ResponseParts,
        data: JsValue,
    },
    /// Any other non-2xx (an HTML 502, say): the raw body is kept.
    Unexpected {
        op: &'static str,
        response: ResponseParts,
        content_type: String,
        length: usize,
    },
    /// A 2xx whose body does not match its documented type.
    ResponseValidation {
        op: &'static str,
        response: ResponseParts,
        reason: String,
    },
    /// No complete response: refused, reset, DNS, body cut short (`response`: what had arrived).
    Connection {
        message: String,
        cause: JsValue,
        response: Option<ResponseParts>,
    },
    /// The call's deadline passed.
    Timeout { message: String, cause: JsValue },
    /// The caller's signal aborted the call; `cause` is its reason.
    Aborted { cause: JsValue },
    /// One of the caller's hooks threw or rejected.
    Hook {
        hook: String,
        message: String,
        cause: JsValue,
    },
    /// The caller's `authHeader` function threw or rejected.
    AuthProvider { op: &'static str, cause: JsValue },
    /// An error the retry policy would have retried, but for a stream body already sent: its
    /// class and fields, its message saying why it was not retried.
    NotResent(Box<Error>),
}

/// Why an error the policy retries was not: appended to its message.
pub(crate) const NOT_RESENT: &str =
    "not retried: the request body was a stream and cannot be sent again \
     (give a Blob or bytes to have it retried)";

/// A field value of a JS error, before it is a JS value.
#[derive(Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Str(&'a str),
    Num(f64),
    Js(&'a JsValue),
}

impl Error {
    /// A request refused before sending. Kept out of line: dozens of checks call it, and each
    /// inlined copy cost the `.wasm` bytes.
    #[cold]
    #[inline(never)]
    pub(crate) fn invalid(op: &'static str, field: &str, reason: &str) -> Error {
        Error::InvalidRequest {
            op,
            field: field.to_string(),
            reason: reason.to_string(),
        }
    }

    /// Whether the failure happened on the way to or from the server (the attempt may be
    /// retried): only a connection failure.
    pub(crate) fn is_connection(&self) -> bool {
        matches!(self, Error::Connection { .. })
    }

    /// The one table: each variant's JS class, message and fields.
    pub(crate) fn parts(&self) -> (Class, String, Vec<(&'static str, Value<'_>)>) {
        // Room for every field of any variant, and the two `into_js` adds: no push grows it.
        let mut fields = Vec::with_capacity(8);
        let (class, message) = match self {
            Error::InvalidRequest { op, field, reason } => {
                fields.push(("field", Value::Str(field)));
                let message = if field.is_empty() {
                    [op, ": ", reason].concat()
                } else {
                    [op, ": `", field, "` ", reason].concat()
                };
                (Class::InvalidRequestError, message)
            }
            Error::Api {
                op,
                response,
                data,
                detail,
            } => {
                response_fields(&mut fields, response);
                fields.push(("data", Value::Js(data)));
                let status = int_text(response.status.into());
                (
                    Class::ErrorMessage,
                    [op, ": ", detail, " (HTTP ", &status, ")"].concat(),
                )
            }
            Error::RateLimited {
                op,
                response,
                data,
                detail,
                retry_after_ms,
            } => {
                response_fields(&mut fields, response);
                fields.push(("data", Value::Js(data)));
                let wait = match retry_after_ms {
                    Some(ms) => {
                        fields.push(("retryAfterMs", Value::Num(*ms)));
                        [", retry after ", &whole_number(ms / 1000.0), " s"].concat()
                    }
                    None => String::new(),
                };
                (
                    Class::RateLimitError,
                    [op, ": ", detail, " (HTTP 429", &wait, ")"].concat(),
                )
            }
            Error::Typed {
                op,
                class,
                response,
                data,
            } => {
                response_fields(&mut fields, response);
                fields.push(("data", Value::Js(data)));
                let status = int_text(response.status.into());
                (*class, [op, ": HTTP ", &status].concat())
            }
            Error::Unexpected {
                op,
                response,
                content_type,
                length,
            } => {
                response_fields(&mut fields, response);
                let message = [
                    op,
                    ": unexpected API response: HTTP ",
                    &int_text(response.status.into()),
                    ", content-type `",
                    content_type,
                    "`, ",
                    &int_text(*length as i64),
                    " bytes of body",
                ]
                .concat();
                (Class::CodatBankFeedsError, message)
            }
            Error::ResponseValidation {
                op,
                response,
                reason,
            } => {
                response_fields(&mut fields, response);
                fields.push(("reason", Value::Str(reason)));
                let message = [
                    op,
                    ": the response body does not match the documented type: ",
                    reason,
                ]
                .concat();
                (Class::ResponseValidationError, message)
            }
            Error::Connection {
                message,
                cause,
                response,
            } => {
                fields.push(("cause", Value::Js(cause)));
                if let Some(r) = response {
                    fields.push(("statusCode", Value::Num(f64::from(r.status))));
                    fields.push(("headers", Value::Js(&r.headers)));
                    fields.push(("rawResponse", Value::Js(&r.raw)));
                }
                (Class::ConnectionError, message.clone())
            }
            Error::Timeout { message, cause } => {
                fields.push(("cause", Value::Js(cause)));
                (Class::RequestTimeoutError, message.clone())
            }
            Error::Aborted { cause } => {
                fields.push(("cause", Value::Js(cause)));
                (Class::RequestAbortedError, ABORTED.to_string())
            }
            Error::Hook {
                hook,
                message,
                cause,
            } => {
                fields.push(("hook", Value::Str(hook)));
                fields.push(("cause", Value::Js(cause)));
                (Class::HookError, message.clone())
            }
            Error::AuthProvider { op, cause } => {
                fields.push(("cause", Value::Js(cause)));
                let message = [op, ": the authHeader function failed"].concat();
                (Class::AuthProviderError, message)
            }
            Error::NotResent(error) => {
                let (class, message, fields) = error.parts();
                return (class, [&message, "; ", NOT_RESENT].concat(), fields);
            }
        };
        (class, message, fields)
    }
}

/// The fields every error made of a response carries.
fn response_fields<'a>(fields: &mut Vec<(&'static str, Value<'a>)>, r: &'a ResponseParts) {
    fields.push(("statusCode", Value::Num(f64::from(r.status))));
    fields.push(("headers", Value::Js(&r.headers)));
    fields.push(("body", Value::Js(&r.body)));
    fields.push(("rawResponse", Value::Js(&r.raw)));
}

/// `x` rounded to a whole number as `format!("{x:.0}")` writes it (halves to even), without
/// the float formatting that would cost the `.wasm` about 14 KB. For the waits and times in
/// messages and log lines: finite, and far below 2^53.
pub(crate) fn whole_number(x: f64) -> String {
    let magnitude = x.abs();
    let mut n = magnitude.round();
    if n - magnitude == 0.5 && n % 2.0 == 1.0 {
        n -= 1.0;
    }
    let signed = if x < 0.0 { -n } else { n };
    int_text(signed as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16) -> ResponseParts {
        ResponseParts {
            status,
            headers: JsValue::UNDEFINED,
            body: JsValue::UNDEFINED,
            raw: JsValue::UNDEFINED,
        }
    }

    fn names(fields: &[(&'static str, Value<'_>)]) -> Vec<&'static str> {
        fields.iter().map(|(name, _)| *name).collect()
    }

    #[test]
    fn invalid_requests_name_their_field() {
        let missing = Error::invalid("companies.get", "companyId", "is required");
        let (class, message, fields) = missing.parts();
        assert_eq!(class, Class::InvalidRequestError);
        assert_eq!(message, "companies.get: `companyId` is required");
        assert_eq!(fields, vec![("field", Value::Str("companyId"))]);
        let (_, message, _) = Error::invalid("new CodatBankFeeds", "", "must be an object").parts();
        assert_eq!(message, "new CodatBankFeeds: must be an object");
    }

    #[test]
    fn response_errors_keep_the_response() {
        let api = Error::Api {
            op: "companies.get",
            response: response(404),
            data: JsValue::UNDEFINED,
            detail: "Company not found".into(),
        };
        let (class, message, fields) = api.parts();
        assert_eq!(class, Class::ErrorMessage);
        assert_eq!(message, "companies.get: Company not found (HTTP 404)");
        assert_eq!(
            names(&fields),
            ["statusCode", "headers", "body", "rawResponse", "data"]
        );
        assert_eq!(fields[0].1, Value::Num(404.0));

        let typed = Error::Typed {
            op: "sourceAccounts.createBatch",
            class: Class::SourceAccountBatchConflictError,
            response: response(409),
            data: JsValue::UNDEFINED,
        };
        assert_eq!(typed.parts().0, Class::SourceAccountBatchConflictError);

        let html = Error::Unexpected {
            op: "companies.get",
            response: response(502),
            content_type: "text/html".into(),
            length: 38,
        };
        let (class, message, _) = html.parts();
        assert_eq!(class, Class::CodatBankFeedsError);
        assert_eq!(
            message,
            "companies.get: unexpected API response: HTTP 502, content-type `text/html`, 38 bytes of body"
        );

        let bad = Error::ResponseValidation {
            op: "companies.get",
            response: response(200),
            reason: "`id` missing field `id`".into(),
        };
        let (class, _, fields) = bad.parts();
        assert_eq!(class, Class::ResponseValidationError);
        assert_eq!(fields[4], ("reason", Value::Str("`id` missing field `id`")));
    }

    #[test]
    fn failures_without_a_response() {
        let reset = Error::Connection {
            message: "Unable to complete the request: socket hang up".into(),
            cause: JsValue::UNDEFINED,
            response: Some(response(200)),
        };
        assert!(reset.is_connection());
        let (class, _, fields) = reset.parts();
        assert_eq!(class, Class::ConnectionError);
        assert_eq!(
            names(&fields),
            ["cause", "statusCode", "headers", "rawResponse"]
        );
        let aborted = Error::Aborted {
            cause: JsValue::UNDEFINED,
        };
        assert!(!aborted.is_connection());
        assert_eq!(aborted.parts().0, Class::RequestAbortedError);
        let hook = Error::Hook {
            hook: "beforeRequest".into(),
            message: "hooks.beforeRequest threw: no".into(),
            cause: JsValue::UNDEFINED,
        };
        assert_eq!(hook.parts().0, Class::HookError);
        let auth = Error::AuthProvider {
            op: "companies.get",
            cause: JsValue::UNDEFINED,
        };
        assert_eq!(auth.parts().0, Class::AuthProviderError);
        assert_eq!(
            auth.parts().1,
            "companies.get: the authHeader function failed"
        );
    }

    #[test]
    fn a_429_that_ends_the_call_says_how_long_to_wait() {
        let quota = Error::RateLimited {
            op: "transactions.create",
            response: response(429),
            data: JsValue::UNDEFINED,
            detail: "Rate limit exceeded".into(),
            retry_after_ms: Some(3_600_000.0),
        };
        let (class, message, fields) = quota.parts();
        assert_eq!(class, Class::RateLimitError);
        assert_eq!(
            message,
            "transactions.create: Rate limit exceeded (HTTP 429, retry after 3600 s)"
        );
        assert_eq!(
            fields.last(),
            Some(&("retryAfterMs", Value::Num(3_600_000.0)))
        );
    }

    #[test]
    fn every_class_has_its_js_name() {
        assert_eq!(Class::ALL[0].name(), "CodatBankFeedsError");
        assert!(Class::ALL
            .iter()
            .any(|c| c.name() == "WebhookVerificationError"));
    }

    #[test]
    fn whole_numbers_as_the_float_formatter_rounds_them() {
        for x in [
            0.0,
            0.4,
            0.5,
            1.5,
            2.5,
            3.49,
            999.5,
            1000.0,
            30_000.0,
            86_399_999.6,
            1e15,
            -2.5,
            -0.4,
        ] {
            assert_eq!(whole_number(x), format!("{x:.0}").replace("-0", "0"), "{x}");
        }
    }
}
