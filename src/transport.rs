//! One call on the wire: attempts through the runtime's `fetch`, waits between them on JS
//! timers, the call's deadline and abort signal, and decoding of what comes back.

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::client::{Auth, CallOptions, Client};
use crate::error::{self, Details, HttpResponse, Kind};
use crate::operation::{Decode, Operation};
use crate::request::Prepared;
use crate::retry::{backoff_delay, is_retryable_status, parse_retry_after, RetryPolicy};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchOnce, catch)]
    async fn fetch_once(
        fetch: &Function,
        url: &str,
        method: &str,
        headers: &Array,
        body: &JsValue,
        json: bool,
        timeout_ms: f64,
        signal: &JsValue,
        hooks: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch)]
    async fn sleep(ms: f64, signal: &JsValue) -> Result<JsValue, JsValue>;

    /// The UTF-8 bytes of a JS string, through the native encoder: wasm-bindgen's own string
    /// hand-over walks the text one char at a time in JS, which cost more than checking it.
    pub(crate) fn utf8(text: &JsValue) -> Uint8Array;

    #[wasm_bindgen(js_name = bodyText)]
    fn body_text(body: &JsValue) -> Option<String>;
}

/// UTF-8 bytes from JS as Rust text (invalid sequences replaced, as `TextDecoder` does; a BOM
/// dropped, as `response.text()` does).
pub(crate) fn text_from(bytes: &Uint8Array) -> String {
    let text = match String::from_utf8(bytes.to_vec()) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub(crate) fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn now() -> f64;
}

/// Sends `request`, retrying per the call's policy, and decodes the outcome.
pub(crate) async fn send(
    client: &Client,
    op: &Operation,
    request: &Prepared,
    call: &CallOptions,
) -> Result<JsValue, JsValue> {
    let start = now();
    let deadline = call.timeout_ms.map(|t| start + t);
    let mut retries = 0u32;
    let mut reauthorised = false;
    loop {
        let auth = client.auth.header(op.name).await?;
        let headers = client.headers(&auth, request);
        let remaining = deadline.map_or(-1.0, |d| (d - now()).max(0.0));
        let attempt = fetch_once(
            &client.fetch,
            &request.url,
            op.method.as_str(),
            &headers,
            &request.body,
            request.json,
            remaining,
            &call.signal,
            &client.hooks,
        )
        .await;
        let attempt_number = retries + 1;
        let outcome = attempt.map(|raw| read_response(&raw));
        let wait = match &outcome {
            Ok(response) => {
                if (200..300).contains(&response.status) {
                    log_attempt(
                        client,
                        op,
                        request,
                        &headers,
                        &outcome,
                        attempt_number,
                        None,
                        start,
                    );
                    return decode_success(op, response);
                }
                // A short-lived token may have expired between fetching and use: ask once more.
                if response.status == 401
                    && matches!(client.auth, Auth::Provider(_))
                    && !reauthorised
                {
                    reauthorised = true;
                    log_attempt(
                        client,
                        op,
                        request,
                        &headers,
                        &outcome,
                        attempt_number,
                        Some(0.0),
                        start,
                    );
                    continue;
                }
                is_retryable_status(response.status)
                    .then(|| retry_wait(&call.retry, retries, start, response))
                    .flatten()
            }
            Err(err) => {
                let retryable = Kind::of(err) == Some(Kind::Connection);
                match call.retry {
                    RetryPolicy::Backoff {
                        backoff,
                        retry_connection_errors: true,
                    } if retryable => {
                        let wait = backoff_delay(&backoff, retries, js_sys::Math::random());
                        (now() + wait - start <= backoff.max_elapsed_time).then_some(wait)
                    }
                    _ => None,
                }
            }
        };
        log_attempt(
            client,
            op,
            request,
            &headers,
            &outcome,
            attempt_number,
            wait,
            start,
        );
        let Some(wait) = wait else {
            return Err(match outcome {
                Ok(response) => error::from_response(op, &response),
                Err(err) => err,
            });
        };
        retries += 1;
        pause(wait, deadline, call, op).await?;
    }
}

/// The wait before retrying after `response`, or `None` when the policy says stop.
fn retry_wait(
    policy: &RetryPolicy,
    retries: u32,
    start: f64,
    response: &HttpResponse,
) -> Option<f64> {
    let RetryPolicy::Backoff { backoff, .. } = policy else {
        return None;
    };
    let wait = response
        .header("retry-after")
        .and_then(|v| parse_retry_after(&v, now()))
        .map(|ms| ms.min(backoff.max_interval))
        .unwrap_or_else(|| backoff_delay(backoff, retries, js_sys::Math::random()));
    (now() + wait - start <= backoff.max_elapsed_time).then_some(wait)
}

/// Waits before the next attempt; the call's signal or deadline cuts the wait short.
async fn pause(
    wait: f64,
    deadline: Option<f64>,
    call: &CallOptions,
    op: &Operation,
) -> Result<(), JsValue> {
    let remaining = deadline.map_or(f64::INFINITY, |d| d - now());
    if wait < remaining {
        sleep(wait, &call.signal).await?;
        return Ok(());
    }
    sleep(remaining.max(0.0), &call.signal).await?;
    let timeout = call.timeout_ms.unwrap_or_default();
    Err(Details::new().error(
        Kind::RequestTimeout,
        &format!(
            "{}: the call timed out after {timeout} ms while waiting to retry",
            op.name
        ),
    ))
}

fn read_response(raw: &JsValue) -> HttpResponse {
    let field = |k: &str| Reflect::get(raw, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    HttpResponse {
        status: field("status").as_f64().unwrap_or_default() as u16,
        headers: field("headers"),
        text: field("text"),
        bytes: field("bytes").unchecked_into(),
        raw: field("response"),
    }
}

fn decode_success(op: &Operation, response: &HttpResponse) -> Result<JsValue, JsValue> {
    let Decode::Json(validate) = op.decode_for(response.status) else {
        return Ok(JsValue::UNDEFINED);
    };
    let text = response.body();
    let invalid = |reason: String| {
        Details::new()
            .response(response)
            .set("reason", &JsValue::from_str(&reason))
            .error(
                Kind::ResponseValidation,
                &format!(
                    "{}: the response body does not match the documented type: {reason}",
                    op.name
                ),
            )
    };
    validate(&text).map_err(|m| {
        let field = m.field("");
        invalid(if field.is_empty() {
            m.reason
        } else {
            format!("`{field}` {}", m.reason)
        })
    })?;
    json_parse(&response.text).map_err(|_| invalid("the body is not valid JSON".into()))
}

/// One debug line per attempt; bodies and headers only when verbose, `Authorization` never.
#[allow(clippy::too_many_arguments)]
fn log_attempt(
    client: &Client,
    op: &Operation,
    request: &Prepared,
    headers: &Array,
    outcome: &Result<HttpResponse, JsValue>,
    attempt: u32,
    wait: Option<f64>,
    start: f64,
) {
    let Some(logger) = &client.logger else { return };
    let result = match outcome {
        Ok(response) => format!("HTTP {}", response.status),
        Err(err) => Kind::of(err).map_or("error", Kind::class).to_string(),
    };
    let next = match wait {
        Some(ms) => format!("retrying in {ms:.0} ms"),
        None => "final".to_string(),
    };
    logger.line(&format!(
        "codat-bank-feeds: {} {} {} -> {result} (attempt {attempt}, {next}, {:.0} ms elapsed)",
        op.name,
        op.method.as_str(),
        request.url,
        now() - start
    ));
    if logger.verbose {
        let shown: Vec<String> = headers
            .iter()
            .filter_map(|pair| {
                let pair: Array = pair.dyn_into().ok()?;
                let name = pair.get(0).as_string()?;
                let value = if name.eq_ignore_ascii_case("authorization") {
                    "[redacted]".to_string()
                } else {
                    pair.get(1).as_string()?
                };
                Some(format!("{name}: {value}"))
            })
            .collect();
        logger.line(&format!("  request headers: {}", shown.join(", ")));
        if let Some(body) = body_text(&request.body) {
            logger.line(&format!("  request body: {body}"));
        }
        if let Ok(response) = outcome {
            logger.line(&format!("  response body: {}", response.body()));
        }
    }
}
