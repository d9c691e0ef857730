//! The last stage of a call: a response decoded into the typed result, or into the error it
//! is (the operation's own typed error, the API's `ErrorMessage`, or the base class).

use wasm_bindgen::JsValue;

use crate::bindings::{get, json_parse, now, HttpResponse};
use crate::error::Error;
use crate::models::ErrorMessageData;
use crate::operation::{validate, Decode, Operation};
use crate::retry::parse_retry_after;

/// A 2xx response as the operation's result: its JSON checked against the documented type
/// and handed over as `JSON.parse` gives it, or `undefined` where the status has no body.
pub(crate) fn decode_success(op: &Operation, response: &HttpResponse) -> Result<JsValue, Error> {
    let Decode::Json(validate) = op.decode_for(response.status) else {
        return Ok(JsValue::UNDEFINED);
    };
    let invalid = |reason: String| Error::ResponseValidation {
        op: op.name,
        response: response.parts(),
        reason,
    };
    validate(&response.body()).map_err(|m| {
        let field = m.field("");
        invalid(if field.is_empty() {
            m.reason
        } else {
            ["`", &field, "` ", &m.reason].concat()
        })
    })?;
    json_parse(&response.text).map_err(|_| invalid("the body is not valid JSON".into()))
}

/// The error a non-2xx response is.
pub(crate) fn error_from(op: &'static Operation, response: &HttpResponse) -> Error {
    let text = response.body();
    let status = response.status;
    for typed in op.typed_errors.iter().filter(|t| t.status == status) {
        if (typed.validate)(&text).is_ok() {
            if let Ok(data) = json_parse(&response.text) {
                return Error::Typed {
                    op: op.name,
                    class: typed.class,
                    response: response.parts(),
                    data,
                };
            }
        }
    }
    let message = (text.trim_start().starts_with("{")
        && validate::<ErrorMessageData>(&text).is_ok())
    .then(|| json_parse(&response.text).ok())
    .flatten();
    let detail = |data: &JsValue| get(data, "error").as_string();
    if status == 429 {
        let data = message.unwrap_or(JsValue::UNDEFINED);
        return Error::RateLimited {
            op: op.name,
            response: response.parts(),
            detail: detail(&data).unwrap_or_else(|| "Too many requests".into()),
            data,
            retry_after_ms: response
                .retry_after
                .as_deref()
                .and_then(|v| parse_retry_after(v, now())),
        };
    }
    if let Some(data) = message {
        return Error::Api {
            op: op.name,
            response: response.parts(),
            detail: detail(&data).unwrap_or_else(|| "API error".into()),
            data,
        };
    }
    Error::Unexpected {
        op: op.name,
        response: response.parts(),
        content_type: response.header("content-type").unwrap_or_default(),
        length: text.len(),
    }
}
