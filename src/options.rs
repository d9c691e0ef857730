//! The first stage of a call: the client's and the call's options, typed for the `.d.ts`,
//! parsed and checked into the settled `Config` and `CallOptions`. A missing or malformed
//! option is an `InvalidRequestError` naming it, before anything is sent.

use std::borrow::Cow;
use std::cell::RefCell;

use js_sys::Function;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::auth::{check_header_value, Auth};
use crate::bindings::{fetch_through, get, global_fetch, in_browser, unknown_key};
use crate::error::Error;
use crate::limiter::Limiter;
use crate::operation::Operation;
use crate::rate_limit::RateLimitSeen;
use crate::retry::{backoff_policy, RetryConfig, RetryPolicy, BACKOFF_FIELDS};
use crate::url::check_server_url;

const DEFAULT_SERVER_URL: &str = "https://api.codat.io";
const USER_AGENT: &str = concat!("codat-bank-feeds-wasm/", env!("CARGO_PKG_VERSION"));

/// Options for `new CodatBankFeeds(options)`. Every option is checked when the client is
/// built: a missing or malformed one throws `InvalidRequestError` naming it.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SDKOptions {
    /// The `Authorization` header: `"Basic <base64 API key>"` on a backend, or
    /// `"Bearer <company access token>"` in a browser. A function (sync or async) is called
    /// once per attempt, just before it is sent (after any wait for a company slot), with an
    /// `AuthContext` saying why: `reason: "initial"`, or `"unauthorized"` after a 401, when it
    /// should refresh the token (the request is then retried once with the new value). The
    /// call's `timeoutMs` and `signal` bound it: one that never settles ends the call with
    /// `RequestTimeoutError` or `RequestAbortedError`. Without it the client is built, but every
    /// call rejects with `InvalidRequestError` (`field: "authHeader"`) before sending anything.
    #[tsify(
        optional,
        type = "string | ((context: AuthContext) => string | Promise<string>)"
    )]
    pub auth_header: JsValue,
    /// Base URL of the API (default `https://api.codat.io`). Plain `http://` is only accepted
    /// for loopback hosts unless `allowInsecureHttp` is set. A user name or password in it
    /// (`https://user:pass@host`) is refused, here and per call, by an `InvalidRequestError`
    /// that does not quote it: credentials go in `authHeader`.
    #[serde(rename = "serverURL")]
    #[tsify(optional)]
    pub server_url: Option<String>,
    /// Retry policy for every call (default: the API's documented backoff policy).
    #[tsify(optional)]
    pub retry_config: Option<RetryConfig>,
    /// Upper bound in ms on a whole call, whatever it is waiting on: the `authHeader` function,
    /// a company slot, hooks, the fetch (a custom `fetch` or `httpClient` that ignores its
    /// signal too), the response body, the waits between attempts. When it passes, the call
    /// rejects with `RequestTimeoutError`, whose message gives this timeout and what the call
    /// was waiting for; nothing is sent after it. Default: no limit.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// `User-Agent` to send instead of `codat-bank-feeds-wasm/<version>` (not sent from
    /// browsers, which control that header themselves).
    #[tsify(optional)]
    pub user_agent: Option<String>,
    /// A fetch-compatible function to use instead of the runtime's global `fetch`.
    #[tsify(
        optional,
        type = "(input: string, init: RequestInit) => Promise<Response>"
    )]
    pub fetch: Option<JsValue>,
    /// `@codat/bank-feeds`'s way to the same: an `HTTPClient` (from
    /// `codat-bank-feeds-wasm/lib/http`, or anything with `request(req: Request)`) that every
    /// attempt goes through, with its `fetcher` and hooks. Not with `fetch`.
    #[tsify(optional, type = "{ request(request: Request): Promise<Response> }")]
    pub http_client: Option<JsValue>,
    /// Allow plain `http://` to a non-loopback `serverURL`, which sends the credentials in
    /// clear text. Default `false`.
    #[tsify(optional)]
    pub allow_insecure_http: Option<bool>,
    /// Functions run around every attempt (async allowed), in this order: `beforeRequest`
    /// (may return a changed request), the fetch, then `afterSuccess` for a 2xx (may return a
    /// changed response) or `afterError` for anything else (a response or an error). A hook
    /// that throws, or leaves something fetch cannot use (a header value with CR or LF, a
    /// return that is not an object, a URL that is not one), fails the call with `HookError`
    /// naming it, never retried. The call's `timeoutMs` and `signal` bound every hook.
    #[tsify(optional)]
    pub hooks: Option<Hooks>,
    /// Console-like logger (`debug` or `log`): one line per attempt with method, URL, status,
    /// attempt number, the wait before the next attempt and elapsed ms. `Authorization` is
    /// never logged.
    #[tsify(
        optional,
        type = "{ debug?: (line: string) => void; log?: (line: string) => void }"
    )]
    pub debug_logger: Option<JsValue>,
    /// `"verbose"` adds request and response bodies and headers to the log. Default `"basic"`.
    /// `Authorization` is redacted, and so is the value (whatever it is: text, number, object,
    /// array) of every JSON field whose name contains, in any case, `passw`, `passphrase`,
    /// `secret`, `token`, `apikey`/`api_key`, `privatekey`/`private_key`, `authorization`,
    /// `credential` or `username`: the spec's credentials (`BankAccountCredentials`' `username`
    /// and `password`, `CompanyAccessToken`'s `accessToken` and `tokenType`) among them. The
    /// rest of a body is shown as sent; a `Blob` or stream body is not shown.
    #[tsify(optional, type = "\"basic\" | \"verbose\"")]
    pub debug_level: Option<String>,
    /// Send an `Idempotency-Key` (a fresh GUID per call, the same on every retry of it) on every
    /// POST and PATCH, so that a retried write is never applied twice. A retry after a 401 (with
    /// a refreshed token) gets a new GUID: a 401 wrote nothing, and a server that kept the 401
    /// under the first key would answer it again. Default `true`; `false` turns it off (a
    /// browser whose CORS preflight refuses the header, say). A call's own `idempotencyKey` is
    /// sent either way.
    #[tsify(optional)]
    pub idempotency_keys: Option<bool>,
    /// Requests in flight per company at once (default 10, Codat's documented limit;
    /// `Infinity` for none). Calls beyond it wait their turn, in order, without sending; their
    /// `signal` and `timeoutMs` apply while they wait. Other companies' calls are not held.
    #[tsify(optional)]
    pub max_concurrent_per_company: Option<f64>,
}

/// What `beforeRequest` sees and may return changed.
#[derive(Tsify)]
pub struct HookRequest {
    /// HTTP method, upper case.
    pub method: String,
    /// The full URL, query string included.
    pub url: String,
    /// Header names as sent; `Authorization` included (it is your own hook).
    #[tsify(type = "Record<string, string>")]
    pub headers: JsValue,
    /// The body: JSON bodies as text, raw credential payloads as given (a Node `Readable` as
    /// a `ReadableStream`), `undefined` when none.
    #[tsify(
        type = "string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | undefined"
    )]
    pub body: JsValue,
}

/// What `afterSuccess` and `afterError` see; `afterSuccess` may return it changed.
#[derive(Tsify)]
pub struct HookResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers, lower-case names.
    #[tsify(type = "Record<string, string>")]
    pub headers: JsValue,
    /// The raw body text.
    pub body: String,
    /// The fetch `Response`, its body already read.
    #[tsify(type = "Response")]
    pub response: JsValue,
}

/// Functions run around every attempt; see `SDKOptions.hooks`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Hooks {
    /// Before each attempt, with the request about to be sent; return a changed one to send
    /// that instead.
    #[tsify(
        optional,
        type = "(request: HookRequest) => HookRequest | void | Promise<HookRequest | void>"
    )]
    pub before_request: Option<JsValue>,
    /// After each 2xx response, before it is decoded; return a changed one to decode that.
    #[tsify(
        optional,
        type = "(response: HookResponse) => HookResponse | void | Promise<HookResponse | void>"
    )]
    pub after_success: Option<JsValue>,
    /// After each attempt that fails: a non-2xx response, or the client's error (connection,
    /// timeout, abort) when there was none.
    #[tsify(
        optional,
        type = "(failure: HookResponse | Error) => void | Promise<void>"
    )]
    pub after_error: Option<JsValue>,
}

/// Per-call options, the last argument of every operation.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RequestOptions {
    /// Retry policy for this call only; `{ strategy: "none" }` sends exactly one attempt.
    #[tsify(optional)]
    pub retries: Option<RetryConfig>,
    /// Upper bound in ms on this call (overrides the client's), whatever it is waiting on:
    /// the `authHeader` function, a company slot, hooks, the fetch, the body, the waits between
    /// attempts. Rejects with `RequestTimeoutError` naming this timeout; nothing is sent after.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Aborts the call at once with `RequestAbortedError` (its `cause` the signal's reason),
    /// whatever it is waiting on. An already-aborted signal rejects before any function of
    /// yours (`authHeader`, hooks, `fetch`) is called.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
    /// Base URL for this call only (same rules as the client option).
    #[serde(rename = "serverURL")]
    #[tsify(optional)]
    pub server_url: Option<String>,
    /// The `Idempotency-Key` (a GUID) to send, instead of a fresh one, on a POST or PATCH: pass
    /// the `idempotencyKey` of a failed call's error to retry it later, even from another
    /// process, without writing twice (Codat replays the first response for 90 minutes). The
    /// key is yours: every attempt sends it, a retry after a 401 too. The error of a failed call
    /// carries the key of its last attempt.
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// Options of the `waitFor*` methods (`waitForOperation`, `waitForSync`).
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WaitOptions {
    /// First wait between polls in ms (default 1000); each wait is 1.5 times the last.
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls in ms (default 30000).
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// Give up with `RequestTimeoutError` after this many ms (default 600000).
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Stops waiting at once with `RequestAbortedError`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
}

// The fields of the option types above, by JS name: an object's other keys are refused (the
// host tests hold each list to its type's fields).
const CLIENT_OPTIONS: &[&str] = &[
    "authHeader",
    "serverURL",
    "retryConfig",
    "timeoutMs",
    "userAgent",
    "fetch",
    "httpClient",
    "allowInsecureHttp",
    "hooks",
    "debugLogger",
    "debugLevel",
    "idempotencyKeys",
    "maxConcurrentPerCompany",
];
const HOOKS: &[&str] = &["beforeRequest", "afterSuccess", "afterError"];
const CALL_OPTIONS: &[&str] = &[
    "retries",
    "timeoutMs",
    "signal",
    "serverURL",
    "idempotencyKey",
];
const WAIT_OPTIONS: &[&str] = &["intervalMs", "maxIntervalMs", "timeoutMs", "signal"];

/// Codat's documented limit of concurrent requests per company.
const MAX_CONCURRENT_PER_COMPANY: f64 = 10.0;

/// The client's settled configuration, shared by every group object.
pub(crate) struct Config {
    pub server_url: String,
    pub auth: Auth,
    pub retry: RetryPolicy,
    pub timeout_ms: Option<f64>,
    pub user_agent: Option<String>,
    pub fetch: Function,
    pub allow_insecure_http: bool,
    /// The caller's hooks object, or `undefined`.
    pub hooks: JsValue,
    pub logger: Option<Logger>,
    /// Send a fresh `Idempotency-Key` on every POST and PATCH.
    pub idempotency_keys: bool,
    /// Requests in flight per company (`INFINITY`: no limit), and the queues that hold them
    /// (a waiting call is given its slot by calling its `grant`).
    pub max_per_company: f64,
    pub limiter: Limiter<Function>,
    /// The rate-limit headers of the last response that carried any.
    pub rate_limit: RefCell<Option<RateLimitSeen>>,
}

/// Where debug lines go, and whether bodies go too.
pub(crate) struct Logger {
    pub log: Function,
    pub target: JsValue,
    pub verbose: bool,
}

impl Logger {
    pub(crate) fn line(&self, text: &str) {
        // A logger that throws must not fail the call.
        let _ = self.log.call1(&self.target, &JsValue::from_str(text));
    }
}

/// The settled options of one call.
pub(crate) struct CallOptions {
    pub retry: RetryPolicy,
    pub timeout_ms: Option<f64>,
    pub signal: JsValue,
    pub server_url: Option<String>,
    pub idempotency_key: Option<String>,
}

/// The settled options of one `waitFor*` call.
pub(crate) struct WaitSettings {
    pub interval_ms: f64,
    pub max_interval_ms: f64,
    pub timeout_ms: f64,
    pub signal: JsValue,
}

/// Why an option is refused: fixed text, or text made for the value.
pub(crate) type Reason = Cow<'static, str>;

/// An argument being checked, for errors that name the field: the method it was given to,
/// its name, and whether its fields are named under it (`options.timeoutMs`) or alone (the
/// client's `timeoutMs`).
pub(crate) struct Arg {
    pub who: &'static str,
    pub name: &'static str,
    pub nested: bool,
}

impl Arg {
    /// `field` of this argument (the argument itself when empty) refused for `reason`.
    pub(crate) fn bad(&self, field: &str, reason: &str) -> Error {
        let field = if self.nested || field.is_empty() {
            join(self.name, field)
        } else {
            field.to_string()
        };
        Error::invalid(self.who, &field, reason)
    }

    /// Checks that `value` is an object of only `known` fields: `shape` refuses anything else,
    /// `unknown` a field it should not have.
    pub(crate) fn object(
        &self,
        value: &JsValue,
        known: &[&str],
        shape: &str,
        unknown: &str,
    ) -> Result<(), Error> {
        object_of(value, known).map_err(|key| match key {
            None => self.bad("", shape),
            Some(key) => self.bad(&key, unknown),
        })
    }

    /// Field `name` of `object` checked by `parse`; `None` when it is left out (`undefined`).
    pub(crate) fn option<T>(
        &self,
        object: &JsValue,
        name: &'static str,
        parse: impl FnOnce(&JsValue) -> Result<T, Reason>,
    ) -> Result<Option<T>, Error> {
        let value = get(object, name);
        if value.is_undefined() {
            return Ok(None);
        }
        parse(&value)
            .map(Some)
            .map_err(|reason| self.bad(name, &reason))
    }

    /// A `RetryConfig` field of `object`: the refusal names the field below it at fault.
    fn retry(&self, object: &JsValue, name: &'static str) -> Result<Option<RetryPolicy>, Error> {
        let value = get(object, name);
        if value.is_undefined() {
            return Ok(None);
        }
        retry_policy(&value)
            .map(Some)
            .map_err(|(path, reason)| self.bad(&join(name, &path), &reason))
    }
}

/// Whether `value` is an object of only `known` keys: `None` when it is no object, else the
/// first key it should not have.
fn object_of(value: &JsValue, known: &[&str]) -> Result<(), Option<String>> {
    if !value.is_object() {
        return Err(None);
    }
    unknown_key(value, &|key| known.contains(&key)).map_or(Ok(()), |key| Err(Some(key)))
}

/// `object_of` for an option that is an object (`hooks`): the reason names the key that is not
/// a `noun`.
fn option_object(
    value: &JsValue,
    known: &[&str],
    shape: &'static str,
    noun: &str,
) -> Result<(), Reason> {
    object_of(value, known).map_err(|key| match key {
        None => shape.into(),
        Some(key) => ["has `", &key, "`, which is not a ", noun].concat().into(),
    })
}

/// Whether `value` is a GUID (`8-4-4-4-12` hex digits, any version).
fn is_guid(value: &str) -> bool {
    let dash = |i| matches!(i, 8 | 13 | 18 | 23);
    value.len() == 36
        && (value.bytes().enumerate()).all(|(i, b)| {
            if dash(i) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// Whether an optional argument was left out.
pub(crate) fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

pub(crate) fn timeout(value: &JsValue) -> Result<f64, Reason> {
    match value.as_f64() {
        Some(ms) if ms.is_finite() && ms > 0.0 => Ok(ms),
        _ => Err("must be a positive number of milliseconds".into()),
    }
}

fn boolean(value: &JsValue) -> Result<bool, Reason> {
    value.as_bool().ok_or("must be a boolean".into())
}

fn server_url(value: &JsValue, allow_insecure_http: bool) -> Result<String, Reason> {
    let url = value.as_string().ok_or("must be a string")?;
    check_server_url(&url, allow_insecure_http)
}

fn signal(value: &JsValue) -> Result<JsValue, Reason> {
    let listens = get(value, "addEventListener").is_function();
    listens
        .then(|| value.clone())
        .ok_or("must be an AbortSignal".into())
}

fn hooks(value: &JsValue) -> Result<JsValue, Reason> {
    option_object(value, HOOKS, "must be an object of functions", "hook")?;
    for name in HOOKS {
        let f = get(value, name);
        if !f.is_undefined() && !f.is_function() {
            return Err([".", name, " must be a function"].concat().into());
        }
    }
    Ok(value.clone())
}

/// A `RetryConfig` object as the policy it asks for; the error is (field below it, reason).
fn retry_policy(value: &JsValue) -> Result<RetryPolicy, (Reason, Reason)> {
    let shape = "must be an object such as { strategy: \"none\" }";
    // Before `strategy` is read: a non-object has none, which is not what is wrong with it.
    if !value.is_object() {
        return Err(("".into(), shape.into()));
    }
    let strategy = get(value, "strategy").as_string();
    let known: &[&str] = match strategy.as_deref() {
        Some("none") => &["strategy"],
        Some("backoff") => &["strategy", "backoff", "retryConnectionErrors"],
        other => {
            let found = other.map_or_else(|| "none given".to_string(), |s| ["`", s, "`"].concat());
            let reason = [
                "has an unknown variant of `strategy` (",
                &found,
                "): expected \"none\" or \"backoff\"",
            ]
            .concat();
            return Err(("".into(), reason.into()));
        }
    };
    option_object(value, known, shape, "retry option").map_err(|r| ("".into(), r))?;
    if strategy.as_deref() == Some("none") {
        return Ok(RetryPolicy::None);
    }
    let connection_errors = get(value, "retryConnectionErrors");
    let connection_errors = match connection_errors.is_undefined() {
        true => None,
        false => {
            Some(boolean(&connection_errors).map_err(|r| ("retryConnectionErrors".into(), r))?)
        }
    };
    let timings = get(value, "backoff");
    let mut overrides = [None; 4];
    if !timings.is_undefined() {
        let shape = "must be an object of timings in ms";
        option_object(&timings, &BACKOFF_FIELDS, shape, "backoff timing")
            .map_err(|r| ("backoff".into(), r))?;
        for (name, slot) in BACKOFF_FIELDS.iter().zip(overrides.iter_mut()) {
            let v = get(&timings, name);
            if !v.is_undefined() {
                let n = v.as_f64().ok_or_else(|| {
                    (
                        ["backoff.", name].concat().into(),
                        "must be a number".into(),
                    )
                })?;
                *slot = Some(n);
            }
        }
    }
    backoff_policy(overrides, connection_errors)
        .map_err(|(path, reason)| (path.into(), reason.into()))
}

fn join(root: &str, path: &str) -> String {
    if path.is_empty() {
        root.to_string()
    } else {
        [root, ".", path].concat()
    }
}

impl Config {
    /// Whether the caller gave this hook.
    pub(crate) fn has_hook(&self, name: &'static str) -> bool {
        get(&self.hooks, name).is_function()
    }

    pub(crate) fn from_options(options: &JsValue) -> Result<Config, Error> {
        let arg = Arg {
            who: "new CodatBankFeeds",
            name: "options",
            nested: false,
        };
        let shape = "must be an object of client options (`authHeader`, ...)";
        arg.object(options, CLIENT_OPTIONS, shape, "is not a client option")?;

        let auth =
            Auth::from_option(&get(options, "authHeader")).map_err(|r| arg.bad("authHeader", r))?;
        let allow_insecure_http =
            (arg.option(options, "allowInsecureHttp", boolean)?).unwrap_or(false);
        let server_url = (arg
            .option(options, "serverURL", |v| server_url(v, allow_insecure_http))?)
        .unwrap_or_else(|| DEFAULT_SERVER_URL.to_string());
        let in_browser = in_browser();
        let retry = (arg.retry(options, "retryConfig")?)
            .unwrap_or_else(|| RetryPolicy::default_for(in_browser));
        let timeout_ms = arg.option(options, "timeoutMs", timeout)?;
        let user_agent = arg
            .option(options, "userAgent", |v| {
                let s = v.as_string().ok_or("must be a string")?;
                check_header_value(&s)?;
                Ok(s)
            })?
            .or_else(|| Some(USER_AGENT.to_string()))
            .filter(|_| !in_browser);
        let http_client = get(options, "httpClient");
        let fetch = match get(options, "fetch") {
            v if !http_client.is_undefined() => {
                if !v.is_undefined() {
                    return Err(arg.bad("httpClient", "is another way to give `fetch`: give one"));
                }
                if !get(&http_client, "request").is_function() {
                    return Err(arg.bad("httpClient", "must have a request(request) method"));
                }
                fetch_through(&http_client)
            }
            v if v.is_undefined() => global_fetch()
                .dyn_into::<Function>()
                .map_err(|_| arg.bad("fetch", "is required: this runtime has no global fetch"))?,
            v => v
                .dyn_into::<Function>()
                .map_err(|_| arg.bad("fetch", "must be a fetch-compatible function"))?,
        };
        let hooks = (arg.option(options, "hooks", hooks)?).unwrap_or(JsValue::UNDEFINED);
        let verbose = (arg.option(options, "debugLevel", |v| match v.as_string().as_deref() {
            Some("basic") => Ok(false),
            Some("verbose") => Ok(true),
            _ => Err("must be \"basic\" or \"verbose\"".into()),
        })?)
        .unwrap_or(false);
        let logger = arg.option(options, "debugLogger", |v| {
            let log = ["debug", "log"]
                .iter()
                .find_map(|m| get(v, m).dyn_into::<Function>().ok())
                .ok_or("must have a debug or log function")?;
            Ok(Logger {
                log,
                target: v.clone(),
                verbose,
            })
        })?;
        let idempotency_keys = (arg.option(options, "idempotencyKeys", boolean)?).unwrap_or(true);
        let max_per_company =
            (arg.option(options, "maxConcurrentPerCompany", |v| match v.as_f64() {
                Some(n) if n == f64::INFINITY || (n >= 1.0 && n.fract() == 0.0) => Ok(n),
                _ => Err("must be a whole number of at least 1, or Infinity".into()),
            })?)
            .unwrap_or(MAX_CONCURRENT_PER_COMPANY);
        Ok(Config {
            server_url,
            auth,
            retry,
            timeout_ms,
            user_agent,
            fetch,
            allow_insecure_http,
            hooks,
            logger,
            idempotency_keys,
            max_per_company,
            limiter: Limiter::default(),
            rate_limit: RefCell::new(None),
        })
    }

    pub(crate) fn call_options(
        &self,
        op: &Operation,
        options: &JsValue,
    ) -> Result<CallOptions, Error> {
        self.call_options_of(op.name, options, CALL_OPTIONS)
    }

    /// A call's options, of which `known` may be given (`transactions.pushAll` has its own
    /// besides); the client's settings where they are left out.
    pub(crate) fn call_options_of(
        &self,
        who: &'static str,
        options: &JsValue,
        known: &[&str],
    ) -> Result<CallOptions, Error> {
        let mut call = CallOptions {
            retry: self.retry,
            timeout_ms: self.timeout_ms,
            signal: JsValue::UNDEFINED,
            server_url: None,
            idempotency_key: None,
        };
        if absent(options) {
            return Ok(call);
        }
        let arg = Arg {
            who,
            name: "options",
            nested: true,
        };
        arg.object(options, known, "must be an object", "is not a call option")?;
        if let Some(policy) = arg.retry(options, "retries")? {
            call.retry = policy;
        }
        if let Some(t) = arg.option(options, "timeoutMs", timeout)? {
            call.timeout_ms = Some(t);
        }
        call.signal = (arg.option(options, "signal", signal)?).unwrap_or(JsValue::UNDEFINED);
        call.server_url = arg.option(options, "serverURL", |v| {
            server_url(v, self.allow_insecure_http)
        })?;
        call.idempotency_key = arg.option(options, "idempotencyKey", |v| {
            v.as_string()
                .filter(|s| is_guid(s))
                .ok_or("must be a GUID such as 3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708".into())
        })?;
        Ok(call)
    }
}

impl WaitSettings {
    pub(crate) fn parse(op: &Operation, options: &JsValue) -> Result<WaitSettings, Error> {
        let mut settings = WaitSettings {
            interval_ms: 1000.0,
            max_interval_ms: 30_000.0,
            timeout_ms: 600_000.0,
            signal: JsValue::UNDEFINED,
        };
        if absent(options) {
            return Ok(settings);
        }
        let arg = Arg {
            who: op.name,
            name: "options",
            nested: true,
        };
        arg.object(
            options,
            WAIT_OPTIONS,
            "must be an object",
            "is not a wait option",
        )?;
        for (name, slot) in [
            ("intervalMs", &mut settings.interval_ms),
            ("maxIntervalMs", &mut settings.max_interval_ms),
            ("timeoutMs", &mut settings.timeout_ms),
        ] {
            if let Some(ms) = arg.option(options, name, timeout)? {
                *slot = ms;
            }
        }
        settings.signal = (arg.option(options, "signal", signal)?).unwrap_or(JsValue::UNDEFINED);
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declared::{fields, sorted};

    #[test]
    fn each_list_of_options_is_its_types_fields() {
        assert_eq!(sorted(CLIENT_OPTIONS), fields::<SDKOptions>());
        assert_eq!(sorted(HOOKS), fields::<Hooks>());
        assert_eq!(sorted(CALL_OPTIONS), fields::<RequestOptions>());
        assert_eq!(sorted(WAIT_OPTIONS), fields::<WaitOptions>());
    }

    #[test]
    fn idempotency_keys_are_guids() {
        assert!(is_guid("3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708"));
        assert!(is_guid("3F1A2B4C-5D6E-7F80-91A2-B3C4D5E6F708"));
        assert!(!is_guid("3f1a2b4c5d6e4f8091a2b3c4d5e6f708"));
        assert!(!is_guid("3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f70"));
        assert!(!is_guid("3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f70g"));
        assert!(!is_guid("retry-1"));
        assert!(!is_guid(""));
    }
}
