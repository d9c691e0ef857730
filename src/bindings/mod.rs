//! Every JS binding of the crate (the `js/*.js` modules and the runtime's globals; `fetchOnce`'s
//! is generated with its arguments from js/boundary.json), and the conversions at the edge: what a fetch attempt resolved to, as Rust data, and an `Error` as
//! its JS class (`into_js`, the one place JS errors are made); `tasks` runs the crate's async
//! calls over JS promises. Everything above this module deals in Rust values; every JS
//! rejection is caught here and becomes an `Error`.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ResponseParts, Value, CONNECTION_FAILED};
use crate::generated::boundary::{slot, Failure};
use crate::rate_limit::RateLimitSeen;

mod deadline;
mod tasks;

pub(crate) use crate::generated::boundary::AttemptRequest;
pub(crate) use deadline::Deadline;
pub(crate) use tasks::{settled, spawn};

#[wasm_bindgen(module = "/js/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = callHook, catch)]
    fn call_hook_js(hooks: &JsValue, name: &str, value: &JsValue) -> Result<Promise, JsValue>;

    /// The UTF-8 bytes of a JS string, through the native encoder: wasm-bindgen's own string
    /// hand-over walks the text one char at a time in JS, which cost more than checking it.
    pub(crate) fn utf8(text: &JsValue) -> Uint8Array;

    /// The runtime's global `fetch`, `undefined` where there is none (read here rather than
    /// through `js_sys::global`, whose search for the global object costs the `.wasm` more).
    #[wasm_bindgen(js_name = globalFetch)]
    pub(crate) fn global_fetch() -> JsValue;

    /// A fetch-compatible function that sends through an `HTTPClient`'s `request`.
    #[wasm_bindgen(js_name = fetchThrough)]
    pub(crate) fn fetch_through(http_client: &JsValue) -> Function;

    /// The `authHeader` function's value for attempt `attempt`, called with
    /// `{ reason, attempt, refused }` (`refused` only after a 401).
    #[wasm_bindgen(js_name = authValue)]
    pub(crate) fn auth_value(
        provider: &Function,
        reason: &str,
        attempt: u32,
        refused: Option<&str>,
    ) -> Promise;
}

#[wasm_bindgen(module = "/js/body.js")]
extern "C" {
    /// A caller's raw body as fetch sends it (a Node `Readable` as a `ReadableStream`), or
    /// `undefined` when it cannot be one.
    #[wasm_bindgen(js_name = rawBody)]
    pub(crate) fn raw_body(value: &JsValue) -> JsValue;

    /// Whether a body is a `ReadableStream`, which can be sent only once.
    #[wasm_bindgen(js_name = isStream)]
    pub(crate) fn is_stream(body: &JsValue) -> bool;
}

#[wasm_bindgen(module = "/js/log.js")]
extern "C" {
    /// A body (JSON bytes, a string, a response's text) as the verbose log shows it: text,
    /// credential fields masked; `None` for a body that is not text.
    #[wasm_bindgen(js_name = loggedBody)]
    pub(crate) fn logged_body(body: &JsValue) -> Option<String>;

    /// The headers of one attempt as `fetchOnce` sends them, `Authorization` redacted: one
    /// `name: value` list for the verbose log.
    #[wasm_bindgen(js_name = loggedHeaders)]
    pub(crate) fn logged_headers(
        has_body: bool,
        user_agent: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> String;
}

#[wasm_bindgen(module = "/js/cors.js")]
extern "C" {
    /// Whether the client runs in a browser page or worker (not Node with a DOM, Deno, Bun or
    /// workerd).
    #[wasm_bindgen(js_name = inBrowser)]
    pub(crate) fn in_browser() -> bool;
}

#[wasm_bindgen(module = "/js/guid.js")]
extern "C" {
    /// A new v4 GUID (an `Idempotency-Key`).
    #[wasm_bindgen(js_name = newGuid)]
    pub(crate) fn new_guid() -> String;
}

#[wasm_bindgen(module = "/js/limiter.js")]
extern "C" {
    #[wasm_bindgen(js_name = waitForSlot)]
    fn wait_for_slot_js(deadline: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(class: &str, message: &str, details: &Object) -> JsValue;
}

#[wasm_bindgen(module = "/js/paging.js")]
extern "C" {
    /// `group[method]` page after page: whole pages, or their items when `items` is set.
    pub(crate) fn paginate(
        group: JsValue,
        method: &str,
        request: JsValue,
        options: JsValue,
        items: bool,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/js/decimal.js")]
extern "C" {
    #[wasm_bindgen(js_name = decimalJson, catch)]
    fn decimal_json_js(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// `value` as JSON with its decimal objects and decimal fields' numeric strings written as
/// JSON numbers of their exact digits; `None` when it has none (js/decimal.js).
pub(crate) fn decimal_json(value: &JsValue) -> Option<JsValue> {
    decimal_json_js(value).ok().filter(JsValue::is_string)
}

#[wasm_bindgen(module = "/js/push.js")]
extern "C" {
    /// Runs a `transactions.pushAll` whose request and options are checked over `group`'s
    /// `create` and `waitForOperation`: `items` checked (`group._pushAllSlice`) and ordered a
    /// slice at a time, then pushed in chunks of `chunk_size`, one at a time, each under a key
    /// derived from the batch.
    #[wasm_bindgen(js_name = pushChunks)]
    pub(crate) fn push_chunks(
        group: JsValue,
        request: &JsValue,
        options: &JsValue,
        items: &Array,
        chunk_size: u32,
    ) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub(crate) fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A number as JavaScript's `String(n)` writes it: the wasm carries no float formatting.
pub(crate) fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The clock, in ms since the epoch.
pub(crate) fn now() -> f64 {
    js_sys::Date::now()
}

/// A uniform random number in [0, 1), for jitter.
pub(crate) fn random() -> f64 {
    js_sys::Math::random()
}

thread_local! {
    /// The JS strings of the fixed names the client reads and sets, each made once: making a
    /// JS string from wasm costs a crossing and a decode, and every call reads a dozen names.
    static KEYS: RefCell<Vec<(usize, usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of a fixed name (a property, a header), made on first use and kept.
#[inline(never)]
pub(crate) fn key(name: &'static str) -> JsValue {
    let id = (name.as_ptr() as usize, name.len());
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some((_, _, value)) = keys.iter().find(|(p, n, _)| (*p, *n) == id) {
            return value.clone();
        }
        let value = JsValue::from_str(name);
        keys.push((id.0, id.1, value.clone()));
        value
    })
}

/// `object[name]`, `undefined` when absent or when `object` is not an object (`Reflect.get`
/// throws then): no `is_object` check first, which would cost every read a crossing.
pub(crate) fn get(object: &JsValue, name: &'static str) -> JsValue {
    Reflect::get(object, &key(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The first own key of `object` that `known` refuses and whose value is not `undefined`: a
/// misspelt field (`pagesize`) would otherwise be dropped without a word.
pub(crate) fn unknown_key(object: &JsValue, known: &dyn Fn(&str) -> bool) -> Option<String> {
    let keys = Object::keys(object.unchecked_ref::<Object>());
    keys.iter().find_map(|name| {
        let key = name.as_string()?;
        let given = Reflect::get(object, &name).is_ok_and(|v| !v.is_undefined());
        (!known(&key) && given).then_some(key)
    })
}

/// A response as one attempt read it.
pub(crate) struct HttpResponse {
    pub status: u16,
    /// Plain object of lower-case header names.
    pub headers: JsValue,
    /// The body text as a JS string (kept as JS: handing it back costs no copy).
    pub text: JsValue,
    /// The body's bytes, which wasm reads with one native copy.
    pub bytes: Uint8Array,
    pub raw: JsValue,
    /// `x-rate-limit-limit`, `-remaining` and `-reset`, as sent.
    pub rate_limit: [Option<String>; 3],
    pub retry_after: Option<String>,
}

impl HttpResponse {
    pub(crate) fn body(&self) -> String {
        text_from(&self.bytes, &self.text)
    }

    pub(crate) fn header(&self, name: &'static str) -> Option<String> {
        get(&self.headers, name).as_string()
    }

    /// What an error made of this response keeps.
    pub(crate) fn parts(&self) -> ResponseParts {
        ResponseParts {
            status: self.status,
            headers: self.headers.clone(),
            body: self.text.clone(),
            raw: self.raw.clone(),
        }
    }
}

/// What one attempt came to.
pub(crate) enum Attempt {
    Response(HttpResponse),
    Failed(Error),
}

/// One HTTP attempt of `op` through its `fetch`, hooks around it (js/fetch.js), within the
/// call's deadline.
pub(crate) async fn fetch_once(
    attempt: &AttemptRequest<'_>,
    deadline: &Deadline,
    op: &'static str,
) -> Attempt {
    let sent = match attempt.send() {
        Ok(promise) => deadline.wait(promise, op, "").await,
        Err(cause) => Ok(Err(cause)),
    };
    let value = match sent {
        Ok(Ok(value)) => value,
        Ok(Err(cause)) => return Attempt::Failed(unexpected(cause)),
        Err(over) => return Attempt::Failed(over),
    };
    let Some(fields) = value.dyn_ref::<Array>() else {
        return Attempt::Failed(match Failure::named(&text(&value, "failure")) {
            Some(Failure::Deadline) => deadline.error(op, ""),
            Some(Failure::Invalid) => Error::invalid(op, "", &text(&value, "message")),
            _ => failure(&value),
        });
    };
    let text = |i| fields.get(i).as_string();
    Attempt::Response(HttpResponse {
        status: fields.get(slot::STATUS).as_f64().unwrap_or_default() as u16,
        headers: fields.get(slot::HEADERS),
        text: fields.get(slot::TEXT),
        bytes: fields.get(slot::BYTES).unchecked_into(),
        raw: fields.get(slot::RESPONSE),
        rate_limit: [
            text(slot::RATE_LIMIT_LIMIT),
            text(slot::RATE_LIMIT_REMAINING),
            text(slot::RATE_LIMIT_RESET),
        ],
        retry_after: text(slot::RETRY_AFTER),
    })
}

/// A rejection nothing in js/fetch.js expected (a fetch replacement that throws oddly).
fn unexpected(cause: JsValue) -> Error {
    let text = get(&cause, "message")
        .as_string()
        .or_else(|| cause.as_string())
        .unwrap_or_else(|| "unknown error".into());
    Error::Connection {
        message: [CONNECTION_FAILED, ": ", &text].concat(),
        cause,
        response: None,
    }
}

/// A string field of a JS record; empty when it has none.
fn text(record: &JsValue, name: &'static str) -> String {
    get(record, name).as_string().unwrap_or_default()
}

/// A `connection` or `hook` failure record of js/fetch.js as the error it is.
fn failure(value: &JsValue) -> Error {
    let text = |name: &'static str| text(value, name);
    let cause = get(value, "cause");
    let status = get(value, "statusCode").as_f64();
    let response = status.map(|status| ResponseParts {
        status: status as u16,
        headers: get(value, "headers"),
        body: JsValue::UNDEFINED,
        raw: get(value, "rawResponse"),
    });
    match Failure::named(&text("failure")) {
        Some(Failure::Hook) => Error::Hook {
            hook: text("hook"),
            message: text("message"),
            cause,
        },
        _ => Error::Connection {
            message: text("message"),
            cause,
            response,
        },
    }
}

/// `hooks[name](value)` of `op`, within the call's deadline; its throw or rejection is a
/// `HookError`.
pub(crate) async fn call_hook(
    hooks: &JsValue,
    name: &str,
    value: &JsValue,
    deadline: &Deadline,
    op: &'static str,
) -> Result<(), Error> {
    let called = match call_hook_js(hooks, name, value) {
        Ok(promise) => (deadline.wait(promise, op, &["hooks.", name].concat())).await?,
        Err(cause) => Err(cause),
    };
    match called {
        Ok(outcome) if outcome.is_undefined() => Ok(()),
        Ok(outcome) => Err(failure(&outcome)),
        Err(cause) => Err(unexpected(cause)),
    }
}

/// Calls `hooks[name](value)` without waiting for it (nor for its failure).
pub(crate) fn notify_hook(hooks: &JsValue, name: &str, value: &JsValue) {
    let _ = call_hook_js(hooks, name, value);
}

/// A wait for a request slot: `grant` gives it the slot, and says whether the call still
/// waited for it (not once its deadline is over).
pub(crate) struct SlotWait {
    pub grant: Function,
    promise: Promise,
}

impl SlotWait {
    pub(crate) fn new(deadline: &Deadline) -> SlotWait {
        let wait = wait_for_slot_js(deadline.js());
        SlotWait {
            grant: get(&wait, "grant").unchecked_into(),
            promise: get(&wait, "promise").unchecked_into(),
        }
    }

    /// The slot of `company`, or the deadline's error (nothing taken).
    pub(crate) async fn granted(
        self,
        deadline: &Deadline,
        op: &'static str,
        company: &str,
    ) -> Result<(), Error> {
        let what = ["a free slot of company ", company].concat();
        deadline.wait(self.promise, op, &what).await.map(drop)
    }
}

/// Gives a waiter the slot: whether it was still waiting.
pub(crate) fn grant(grant: &Function) -> bool {
    grant
        .call0(&JsValue::UNDEFINED)
        .is_ok_and(|given| given.is_truthy())
}

/// The rate-limit headers last seen, as `sdk.rateLimit` and the errors' `rateLimit` give them.
pub(crate) fn rate_limit_js(seen: Option<&RateLimitSeen>) -> JsValue {
    let Some(seen) = seen else {
        return JsValue::UNDEFINED;
    };
    let object = Object::new();
    let set = |name: &'static str, value: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &key(name), &value);
    };
    set(
        "limit",
        seen.limit.map_or(JsValue::UNDEFINED, JsValue::from_f64),
    );
    set(
        "remaining",
        seen.remaining.map_or(JsValue::UNDEFINED, JsValue::from_f64),
    );
    if let Some(reset) = &seen.reset {
        set("reset", JsValue::from_str(reset));
        set("resetAt", reset_date(reset));
    }
    object.into()
}

/// The reset as a `Date`: an ISO or HTTP date, or epoch seconds; `undefined` otherwise.
fn reset_date(reset: &str) -> JsValue {
    let ms = match crate::retry::decimal(reset) {
        Some(seconds) => seconds * 1000.0,
        None => js_sys::Date::parse(reset),
    };
    if ms.is_finite() {
        js_sys::Date::new(&JsValue::from_f64(ms)).into()
    } else {
        JsValue::UNDEFINED
    }
}

/// The error as its JS class, with its fields (the table is `Error::parts`), the call's
/// `idempotencyKey` and the client's last `rateLimit`.
pub(crate) fn into_js(
    error: &Error,
    idempotency_key: Option<&str>,
    rate_limit: Option<&RateLimitSeen>,
) -> JsValue {
    let (class, message, mut fields) = error.parts();
    if let Some(key) = idempotency_key {
        fields.push(("idempotencyKey", Value::Str(key)));
    }
    let rate = rate_limit_js(rate_limit);
    if !rate.is_undefined() {
        fields.push(("rateLimit", Value::Js(&rate)));
    }
    let details = Object::new();
    for (name, value) in fields {
        let value = match value {
            Value::Str(s) => JsValue::from_str(s),
            Value::Num(n) => JsValue::from_f64(n),
            Value::Js(v) => v.clone(),
        };
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&details, &key(name), &value);
    }
    create_error(class.name(), &message, &details)
}

/// UTF-8 bytes from JS as Rust text, a BOM dropped as `response.text()` does. `decoded` is the
/// same text as JS decoded it: taken when the bytes are not valid UTF-8, with the
/// replacements `TextDecoder` made (the wasm carries no decoder of its own for that case).
pub(crate) fn text_from(bytes: &Uint8Array, decoded: &JsValue) -> String {
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => match text.strip_prefix("\u{feff}") {
            Some(rest) => rest.to_string(),
            None => text,
        },
        Err(_) => decoded.as_string().unwrap_or_default(),
    }
}
