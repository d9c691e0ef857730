//! The error hierarchy: JS classes live in js/runtime.js (so `instanceof` works for users);
//! this module builds them and decodes error responses into the right one.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::models::ErrorMessageData;
use crate::operation::{validate, Operation};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(kind: &str, message: &str, details: &Object) -> JsValue;
    #[wasm_bindgen(js_name = errorKind)]
    fn error_kind(value: &JsValue) -> Option<String>;
}

/// The client's error classes, by the name they are exported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Base,
    ErrorMessage,
    ResponseValidation,
    Connection,
    RequestTimeout,
    RequestAborted,
    InvalidRequest,
}

impl Kind {
    pub(crate) fn class(self) -> &'static str {
        match self {
            Kind::Base => "CodatBankFeedsError",
            Kind::ErrorMessage => "ErrorMessage",
            Kind::ResponseValidation => "ResponseValidationError",
            Kind::Connection => "ConnectionError",
            Kind::RequestTimeout => "RequestTimeoutError",
            Kind::RequestAborted => "RequestAbortedError",
            Kind::InvalidRequest => "InvalidRequestError",
        }
    }

    /// Which of the client's classes `value` is, if any.
    pub(crate) fn of(value: &JsValue) -> Option<Kind> {
        let name = error_kind(value)?;
        [
            Kind::ErrorMessage,
            Kind::ResponseValidation,
            Kind::Connection,
            Kind::RequestTimeout,
            Kind::RequestAborted,
            Kind::InvalidRequest,
            Kind::Base,
        ]
        .into_iter()
        .find(|k| k.class() == name)
    }
}

/// Builder for the fields every error class takes.
pub(crate) struct Details(Object);

impl Details {
    pub(crate) fn new() -> Self {
        Details(Object::new())
    }

    pub(crate) fn set(self, key: &str, value: &JsValue) -> Self {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), value);
        self
    }

    pub(crate) fn response(self, response: &HttpResponse) -> Self {
        self.set("statusCode", &JsValue::from(response.status))
            .set("headers", &response.headers)
            .set("body", &response.text)
            .set("rawResponse", &response.raw)
    }

    pub(crate) fn build(self, class: &str, message: &str) -> JsValue {
        create_error(class, message, &self.0)
    }

    pub(crate) fn error(self, kind: Kind, message: &str) -> JsValue {
        self.build(kind.class(), message)
    }
}

/// A request refused before sending; `field` names what is wrong.
pub(crate) fn invalid_request(op: &str, field: &str, reason: &str) -> JsValue {
    let message = if field.is_empty() {
        format!("{op}: {reason}")
    } else {
        format!("{op}: `{field}` {reason}")
    };
    Details::new()
        .set("field", &JsValue::from_str(field))
        .error(Kind::InvalidRequest, &message)
}

/// A response as the transport read it.
pub(crate) struct HttpResponse {
    pub status: u16,
    /// Plain object of lower-case header names.
    pub headers: JsValue,
    /// The body text as a JS string (kept as JS: handing it back costs no copy).
    pub text: JsValue,
    /// The body's bytes, which wasm reads with one native copy.
    pub bytes: js_sys::Uint8Array,
    pub raw: JsValue,
}

impl HttpResponse {
    pub(crate) fn body(&self) -> String {
        crate::transport::text_from(&self.bytes)
    }

    pub(crate) fn header(&self, name: &str) -> Option<String> {
        Reflect::get(&self.headers, &JsValue::from_str(name))
            .ok()?
            .as_string()
    }
}

/// The error a non-2xx response becomes: the operation's own typed error, the API's
/// `ErrorMessage`, or the base class with the raw body.
pub(crate) fn from_response(op: &Operation, response: &HttpResponse) -> JsValue {
    let text = response.body();
    let status = response.status;
    for typed in op.typed_errors.iter().filter(|t| t.status == status) {
        if (typed.validate)(&text).is_ok() {
            if let Ok(data) = JSON::parse(&text) {
                return Details::new()
                    .response(response)
                    .set("data", &data)
                    .build(typed.class, &format!("{}: HTTP {status}", op.name));
            }
        }
    }
    if text.trim_start().starts_with('{') && validate::<ErrorMessageData>(&text).is_ok() {
        if let Ok(data) = JSON::parse(&text) {
            let detail = Reflect::get(&data, &JsValue::from_str("error"))
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_else(|| "API error".into());
            return Details::new().response(response).set("data", &data).error(
                Kind::ErrorMessage,
                &format!("{}: {detail} (HTTP {status})", op.name),
            );
        }
    }
    let content_type = response.header("content-type").unwrap_or_default();
    let message = format!(
        "{}: unexpected API response: HTTP {status}, content-type `{content_type}`, {} bytes of body",
        op.name,
        text.len()
    );
    Details::new()
        .response(response)
        .error(Kind::Base, &message)
}
