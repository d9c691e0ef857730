//! The second stage of a call: the caller's request object checked against the operation's
//! descriptor and turned into a URL and a body (each attempt's headers are made by
//! js/fetch.js from the values). Nothing is sent for a request that cannot be right.

use std::borrow::Cow;

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::bindings::{
    decimal_json, get, is_stream, number_text, raw_body, text_from, unknown_key, utf8,
};
use crate::error::Error;
use crate::models::strictly;
use crate::operation::{Body, Operation, QueryKind, QueryParam, Validator};
use crate::text::int_text;
use crate::url::{build_url, check_path_param};

/// A request ready to send.
pub(crate) struct Prepared {
    pub url: String,
    /// `undefined`, JSON as UTF-8 bytes, or the caller's raw bytes/text.
    pub body: JsValue,
    /// `body` holds JSON bytes (shown to hooks as text).
    pub json: bool,
    /// `body` is a stream: fetch reads it as it sends it, so it can be sent only once.
    pub stream: bool,
    /// The `companyId` the request is for: requests in flight are limited per company.
    pub company: Option<String>,
}

/// A write's `Idempotency-Key`, and whose it is.
pub(crate) struct IdempotencyKey {
    pub value: String,
    /// The client made it (a fresh GUID): a retry after a 401 gets a new one, since nothing
    /// was written under it, and a server that kept the 401 under it would replay it. A key
    /// the caller gave is theirs, sent on every attempt.
    pub renewable: bool,
}

pub(crate) fn prepare(op: &Operation, request: &JsValue, server: &str) -> Result<Prepared, Error> {
    let bad = |field: &str, reason: &str| Error::invalid(op.name, field, reason);
    let takes_fields =
        !op.path_params.is_empty() || !op.query.is_empty() || has_field_body(&op.body);
    // A request whose fields are all optional may be left out.
    let all_optional = op.path_params.is_empty()
        && !matches!(op.body, Body::Json { required: true, .. } | Body::Raw);
    if takes_fields && !(all_optional && (request.is_undefined() || request.is_null())) {
        if !request.is_object() {
            return Err(bad("request", "must be an object"));
        }
        check_known_fields(op, request).map_err(|f| bad(&f, "is not a field of this request"))?;
    }

    let mut path_values = Vec::with_capacity(op.path_params.len());
    for &name in op.path_params {
        let value = get(request, name);
        let value = value.as_string().ok_or_else(|| {
            bad(
                name,
                if value.is_undefined() {
                    "is required"
                } else {
                    "must be a string"
                },
            )
        })?;
        check_path_param(&value).map_err(|reason| bad(name, reason))?;
        path_values.push((name, value));
    }
    let mut query = Vec::with_capacity(op.query.len());
    for param in op.query {
        let value = get(request, param.name);
        if value.is_undefined() || value.is_null() {
            if param.required {
                return Err(bad(param.name, "is required"));
            }
            continue;
        }
        query.push((
            param.name,
            query_value(param, &value).map_err(|r| bad(param.name, &r))?,
        ));
    }

    let body = match op.body {
        Body::None => JsValue::UNDEFINED,
        Body::WholeRequest { validate } => json_body(request, validate, "", &bad)?,
        Body::Json {
            required,
            alias,
            validate,
        } => {
            let (key, value) = body_value(request, alias).map_err(|alias| {
                bad(
                    alias,
                    "gives the body `requestBody` gives too: give one of the two",
                )
            })?;
            if value.is_undefined() {
                if required {
                    return Err(bad("requestBody", "is required"));
                }
                JsValue::UNDEFINED
            } else {
                json_body(&value, validate, key, &bad)?
            }
        }
        Body::Raw => sendable(get(request, "requestBody")).map_err(|r| bad("requestBody", r))?,
    };

    let params: Vec<(&str, &str)> = path_values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let company = path_values
        .iter()
        .find(|(name, _)| *name == "companyId")
        .map(|(_, value)| value.clone());
    Ok(Prepared {
        url: build_url(server, op.path, &params, &query),
        json: matches!(op.body, Body::Json { .. } | Body::WholeRequest { .. })
            && !body.is_undefined(),
        stream: matches!(op.body, Body::Raw) && is_stream(&body),
        body,
        company,
    })
}

fn has_field_body(body: &Body) -> bool {
    matches!(body, Body::Json { .. } | Body::Raw)
}

/// The body and the key it came under: `requestBody`, or `alias` (the name
/// `@codat/bank-feeds` gives it); both at once is refused, naming `alias`.
fn body_value(
    request: &JsValue,
    alias: Option<&'static str>,
) -> Result<(&'static str, JsValue), &'static str> {
    let value = get(request, "requestBody");
    let Some(alias) = alias else {
        return Ok(("requestBody", value));
    };
    let named = get(request, alias);
    match (value.is_undefined(), named.is_undefined()) {
        (_, true) => Ok(("requestBody", value)),
        (true, false) => Ok((alias, named)),
        (false, false) => Err(alias),
    }
}

/// Catches misspelt fields (`pagesize`), which would otherwise be dropped without a word.
fn check_known_fields(op: &Operation, request: &JsValue) -> Result<(), String> {
    let known = |key: &str| {
        op.path_params.contains(&key)
            || op.query.iter().any(|q| q.name == key)
            || (key == "requestBody" && has_field_body(&op.body))
            || matches!(op.body, Body::Json { alias: Some(a), .. } if a == key)
    };
    unknown_key(request, &known).map_or(Ok(()), Err)
}

fn query_value(param: &QueryParam, value: &JsValue) -> Result<String, Cow<'static, str>> {
    match param.kind {
        QueryKind::Str => value.as_string().ok_or_else(|| "must be a string".into()),
        QueryKind::Bool => value
            .as_bool()
            .map(|b| if b { "true" } else { "false" }.to_string())
            .ok_or_else(|| "must be a boolean".into()),
        QueryKind::Num => match value.as_f64() {
            // As JavaScript writes it, which is what the caller would send by hand.
            Some(n) if n.is_finite() => Ok(number_text(n)),
            _ => Err("must be a finite number".into()),
        },
        QueryKind::Int { min, max } => {
            let n = value.as_f64().ok_or("must be a number")?;
            if n.fract() != 0.0 || !n.is_finite() {
                return Err("must be an integer".into());
            }
            check_range(n, min, max)?;
            Ok(int_text(n as i64))
        }
    }
}

/// The spec's bounds of an integer parameter, named in the error as the spec gives them.
fn check_range(n: f64, min: i64, max: i64) -> Result<(), Cow<'static, str>> {
    const I32: (i64, i64) = (i32::MIN as i64, i32::MAX as i64);
    const SAFE: (i64, i64) = (-9_007_199_254_740_991, 9_007_199_254_740_991);
    if n >= min as f64 && n <= max as f64 {
        return Ok(());
    }
    let open_low = min == I32.0 || min == SAFE.0;
    let open_high = max == I32.1 || max == SAFE.1;
    let (min, max) = (int_text(min), int_text(max));
    Err(match (open_low, open_high) {
        (false, false) => ["must be between ", &min, " and ", &max].concat().into(),
        (false, true) => ["must be at least ", &min].concat().into(),
        (true, false) => ["must be at most ", &max].concat().into(),
        (true, true) => "is out of range".into(),
    })
}

pub(crate) fn json_body(
    value: &JsValue,
    validate: Validator,
    root: &str,
    bad: &dyn Fn(&str, &str) -> Error,
) -> Result<JsValue, Error> {
    let field = if root.is_empty() { "request" } else { root };
    let json = JSON::stringify(value)
        .map_err(|_| bad(field, "cannot be serialised as JSON (a BigInt or a cycle?)"))?;
    let bytes = utf8(&json);
    let mismatch = match strictly(|| validate(&text_from(&bytes, &json))) {
        Ok(()) => return Ok(bytes.into()),
        Err(m) => m,
    };
    // Decimals given as numeric strings or decimal objects (decimal.js, `Decimal`) fail as
    // strings; written as the numbers they are, the body may pass. Only here, so a body of
    // plain numbers costs nothing more.
    let Some(json) = decimal_json(value) else {
        return Err(bad(&mismatch.field(root), &mismatch.reason));
    };
    let bytes = utf8(&json);
    strictly(|| validate(&text_from(&bytes, &json))).map_err(|m| bad(&m.field(root), &m.reason))?;
    Ok(bytes.into())
}

/// A raw body as it is sent (js/body.js).
fn sendable(value: JsValue) -> Result<JsValue, &'static str> {
    if value.is_undefined() {
        return Err("is required");
    }
    let body = raw_body(&value);
    if body.is_undefined() {
        return Err(
            "must be a Uint8Array, ArrayBuffer, Blob, string, ReadableStream or async \
             iterable of bytes (a Node Readable)",
        );
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::check_range;

    #[test]
    fn ranges_are_named_as_the_spec_bounds_them() {
        let i32_max = i32::MAX as i64;
        assert_eq!(check_range(5.0, 1, 5000), Ok(()));
        assert_eq!(
            check_range(0.0, 1, 5000).unwrap_err(),
            "must be between 1 and 5000"
        );
        assert_eq!(
            check_range(0.0, 1, i32_max).unwrap_err(),
            "must be at least 1"
        );
        assert_eq!(
            check_range(91.0, i32::MIN as i64, 90).unwrap_err(),
            "must be at most 90"
        );
        assert_eq!(
            check_range(3e9, i32::MIN as i64, i32_max).unwrap_err(),
            "is out of range"
        );
        assert_eq!(
            check_range(1e16, -9_007_199_254_740_991, 9_007_199_254_740_991).unwrap_err(),
            "is out of range"
        );
    }
}
