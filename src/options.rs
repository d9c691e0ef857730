//! The first stage of a call: the client's and the call's options, typed for the `.d.ts`,
//! parsed and checked into the settled `Config` and `CallOptions`. A missing or malformed
//! option is an `InvalidRequestError` naming it, before anything is sent.

use std::cell::RefCell;
use std::collections::VecDeque;

use js_sys::{Function, Promise, Reflect};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::bindings::{
    aborted, fetch_through, get as get_js, grant, key, settled, unknown_key, SlotWait,
};
use crate::error::Error;
use crate::operation::Operation;
use crate::retry::{backoff_policy, RateLimitSeen, RetryConfig, RetryPolicy, BACKOFF_FIELDS};
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
    /// before every attempt, so a short-lived token can be refreshed; after a 401 it is called
    /// once more and the request retried once with the new value. Without it the client is
    /// built, but every call rejects with `InvalidRequestError` (`field: "authHeader"`) before
    /// sending anything.
    #[tsify(optional, type = "string | (() => string | Promise<string>)")]
    pub auth_header: JsValue,
    /// Base URL of the API (default `https://api.codat.io`). Plain `http://` is only accepted
    /// for loopback hosts unless `allowInsecureHttp` is set.
    #[serde(rename = "serverURL")]
    #[tsify(optional)]
    pub server_url: Option<String>,
    /// Retry policy for every call (default: the API's documented backoff policy).
    #[tsify(optional)]
    pub retry_config: Option<RetryConfig>,
    /// Upper bound in ms on a whole call: every attempt and every wait between attempts.
    /// When it passes, the call rejects with `RequestTimeoutError`. Default: no limit.
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
    /// that throws fails the call with `HookError` naming it.
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
    /// `"verbose"` adds request and response bodies and headers (Authorization redacted) to
    /// the log. Default `"basic"`.
    #[tsify(optional, type = "\"basic\" | \"verbose\"")]
    pub debug_level: Option<String>,
    /// Send an `Idempotency-Key` (a fresh GUID per call, the same on every retry of it) on every
    /// POST and PATCH, so that a retried write is never applied twice. Default `true`; `false`
    /// turns it off (a browser whose CORS preflight refuses the header, say). A call's own
    /// `idempotencyKey` is sent either way.
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
    /// The body: JSON bodies as text, raw credential payloads as given, `undefined` when none.
    #[tsify(type = "string | Uint8Array | ArrayBuffer | Blob | undefined")]
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
    /// Upper bound in ms on this call, attempts and waits included (overrides the client's).
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Aborts the call, including a pending wait between attempts, with `RequestAbortedError`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
    /// Base URL for this call only (same rules as the client option).
    #[serde(rename = "serverURL")]
    #[tsify(optional)]
    pub server_url: Option<String>,
    /// The `Idempotency-Key` (a GUID) to send, instead of a fresh one, on a POST or PATCH: pass
    /// the `idempotencyKey` of a failed call's error to retry it later, even from another
    /// process, without writing twice (Codat replays the first response for 90 minutes).
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// The rate-limit headers of the last response a client saw.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    /// `X-Rate-Limit-Limit`: the requests the daily quota allows.
    #[tsify(optional)]
    pub limit: Option<f64>,
    /// `X-Rate-Limit-Remaining`: the requests left until the quota resets.
    #[tsify(optional)]
    pub remaining: Option<f64>,
    /// `X-Rate-Limit-Reset`, as given: when the quota resets.
    #[tsify(optional)]
    pub reset: Option<String>,
    /// `reset` as a `Date`, when it is a date.
    #[tsify(optional, type = "Date")]
    pub reset_at: Option<JsValue>,
}

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

const PUSH_OPTIONS: &[&str] = &[
    "retries",
    "timeoutMs",
    "signal",
    "intervalMs",
    "maxIntervalMs",
    "chunkSize",
    "onProgress",
];

/// Codat's most transactions per push (the spec's `maxItems`).
pub(crate) const MAX_PUSH: usize = 1000;

/// The request of `transactions.pushAll`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllRequest {
    /// Unique identifier for a company.
    pub company_id: String,
    /// Unique identifier for a connection.
    pub connection_id: String,
    /// Unique identifier for the source account the transactions are of.
    pub account_id: String,
    /// Any number of transactions: checked, sorted by `date` (offsets ignored, ties in your
    /// order) and pushed in chunks of at most 1,000, one chunk at a time.
    #[tsify(type = "BankTransaction[]")]
    pub transactions: JsValue,
    /// Names the run: each chunk's `Idempotency-Key` is derived from it and the chunk's index.
    /// Default: a digest of the company, connection, account and the sorted transactions, so
    /// the same batch run again within 90 minutes replays instead of pushing twice.
    #[tsify(optional)]
    pub batch_id: Option<String>,
    /// Minutes each push may run before it times out.
    #[tsify(optional)]
    pub timeout_in_minutes: Option<f64>,
    /// Whether a sync may start once each push completes.
    #[tsify(optional)]
    pub allow_sync_on_push_complete: Option<bool>,
}

/// The options of `transactions.pushAll`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllOptions {
    /// Retry policy of every request of the run.
    #[tsify(optional)]
    pub retries: Option<RetryConfig>,
    /// Upper bound in ms on the whole run: pushes, polls and waits.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Stops the run between or during chunks with `RequestAbortedError`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
    /// First wait between polls of a chunk's push operation in ms (default 1000).
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls in ms (default 30000).
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// Transactions per push, 1 to 1,000 (default 1,000).
    #[tsify(optional)]
    pub chunk_size: Option<f64>,
    /// Called after each chunk's push succeeded; a promise it returns is awaited before the
    /// next chunk is sent (a place to record progress). A throw stops the run with
    /// `HookError` (`hook: "onProgress"`).
    #[tsify(optional, type = "(progress: PushProgress) => void | Promise<void>")]
    pub on_progress: Option<JsValue>,
}

/// What `onProgress` is told after each chunk.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushProgress {
    /// The run's batch (see `PushAllResult.batchId`): record progress under it.
    pub batch_id: String,
    /// The chunk just pushed, from 1.
    pub chunk: f64,
    /// How many chunks the run has.
    pub chunks: f64,
    /// Transactions pushed so far.
    pub pushed: f64,
    /// Transactions in the run.
    pub total: f64,
    /// The chunk's final push operation.
    #[tsify(type = "PushOperation")]
    pub operation: JsValue,
}

/// What `transactions.pushAll` resolves to.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PushAllResult {
    /// The run's batch: the same request (or this id) pushes nothing twice within 90 minutes.
    pub batch_id: String,
    /// Transactions pushed.
    pub pushed: f64,
    /// The final push operation of each chunk, in order.
    #[tsify(type = "PushOperation[]")]
    pub operations: JsValue,
}

/// Codat's documented limit of concurrent requests per company.
const MAX_CONCURRENT_PER_COMPANY: f64 = 10.0;

/// Where the `Authorization` value comes from.
pub(crate) enum Auth {
    Header(String),
    Provider(Function),
    /// None given: the client is built (as `@codat/bank-feeds` allows), its calls refused.
    Missing,
}

impl Auth {
    /// The value for the next attempt. Never echoes the value in an error.
    pub(crate) async fn header(&self, op: &'static str) -> Result<String, Error> {
        let provider = match self {
            Auth::Header(value) => return Ok(value.clone()),
            Auth::Provider(f) => f,
            Auth::Missing => {
                let reason = "is required to call the API: give new CodatBankFeeds an `authHeader` (`Basic <base64 API key>`, or `Bearer <company access token>`)";
                return Err(Error::invalid(op, "authHeader", reason));
            }
        };
        let failed = |cause: JsValue| Error::AuthProvider { op, cause };
        let value = provider.call0(&JsValue::UNDEFINED).map_err(failed)?;
        let value = settled(Promise::resolve(&value)).await.map_err(failed)?;
        let value = value
            .as_string()
            .ok_or_else(|| Error::invalid(op, "authHeader", "function must return a string"))?;
        check_auth_value(&value).map_err(|reason| Error::invalid(op, "authHeader", reason))?;
        Ok(value)
    }

    /// A function that can be asked again after a 401.
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self, Auth::Provider(_))
    }
}

fn check_auth_value(value: &str) -> Result<(), &'static str> {
    if value.chars().any(|c| c.is_control()) {
        return Err("must not contain control characters such as CR or LF");
    }
    match value.split_once(' ') {
        Some((scheme, credentials)) if !scheme.is_empty() && !credentials.trim().is_empty() => {
            Ok(())
        }
        _ => Err("must be a scheme and credentials, such as `Basic <base64 API key>` or `Bearer <token>`"),
    }
}

fn check_header_value(value: &str) -> Result<(), &'static str> {
    if value.chars().any(|c| c.is_control()) {
        Err("must not contain control characters such as CR or LF")
    } else {
        Ok(())
    }
}

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
    /// Requests in flight per company (`INFINITY`: no limit), and the queues that hold them.
    pub max_per_company: f64,
    pub limiter: Limiter,
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

/// The requests in flight per company, and the calls waiting for a slot, in order. Counted
/// here so that a free slot costs no call into JS; only a wait does.
#[derive(Default)]
pub(crate) struct Limiter {
    queues: RefCell<Vec<Queue>>,
}

struct Queue {
    company: String,
    active: f64,
    waiting: VecDeque<js_sys::Function>,
}

impl Limiter {
    /// Takes a slot of `company` (at most `max` at once), waiting in line when there is none;
    /// the signal and the deadline end the wait with their error, nothing taken.
    pub(crate) async fn acquire(
        &self,
        company: &str,
        max: f64,
        signal: &JsValue,
        timeout_ms: f64,
    ) -> Result<(), Error> {
        let wait = {
            let mut queues = self.queues.borrow_mut();
            let at = match queues.iter().position(|q| q.company == company) {
                Some(at) => at,
                None => {
                    queues.push(Queue {
                        company: company.to_string(),
                        active: 0.0,
                        waiting: VecDeque::new(),
                    });
                    queues.len() - 1
                }
            };
            let queue = &mut queues[at];
            if queue.active < max && queue.waiting.is_empty() {
                queue.active += 1.0;
                return Ok(());
            }
            if aborted(signal) {
                return Err(Error::Aborted {
                    cause: get_js(signal, "reason"),
                });
            }
            let wait = SlotWait::new(signal, timeout_ms);
            queue.waiting.push_back(wait.grant.clone());
            wait
        };
        wait.outcome(company).await
    }

    /// Gives back a slot of `company`: the first call still waiting takes it.
    pub(crate) fn release(&self, company: &str) {
        let mut queues = self.queues.borrow_mut();
        let Some(at) = queues.iter().position(|q| q.company == company) else {
            return;
        };
        let queue = &mut queues[at];
        while let Some(next) = queue.waiting.pop_front() {
            if grant(&next) {
                return;
            }
        }
        queue.active -= 1.0;
        if queue.active <= 0.0 {
            queues.swap_remove(at);
        }
    }
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

fn get(object: &JsValue, name: &'static str) -> JsValue {
    Reflect::get(object, &key(name)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn check_keys(object: &JsValue, known: &[&str]) -> Result<(), String> {
    unknown_key(object, &|key| known.contains(&key)).map_or(Ok(()), Err)
}

fn optional<T, E>(
    value: JsValue,
    parse: impl FnOnce(&JsValue) -> Result<T, E>,
) -> Result<Option<T>, E> {
    if value.is_undefined() {
        Ok(None)
    } else {
        parse(&value).map(Some)
    }
}

fn timeout(value: &JsValue) -> Result<f64, String> {
    match value.as_f64() {
        Some(ms) if ms.is_finite() && ms > 0.0 => Ok(ms),
        _ => Err("must be a positive number of milliseconds".into()),
    }
}

/// A `RetryConfig` object as the policy it asks for; the error is (field below it, reason).
fn retry_policy(value: &JsValue) -> Result<RetryPolicy, (String, String)> {
    let bad = |field: &str, reason: &str| (field.to_string(), reason.to_string());
    if !value.is_object() {
        return Err(bad("", "must be an object such as { strategy: \"none\" }"));
    }
    let strategy = get(value, "strategy").as_string();
    let known: &[&str] = match strategy.as_deref() {
        Some("none") => &["strategy"],
        Some("backoff") => &["strategy", "backoff", "retryConnectionErrors"],
        other => {
            let found = other.map_or_else(|| "none given".to_string(), |s| format!("`{s}`"));
            let reason = format!(
                "has an unknown variant of `strategy` ({found}): expected \"none\" or \"backoff\""
            );
            return Err(bad("", &reason));
        }
    };
    check_keys(value, known)
        .map_err(|k| bad("", &format!("has `{k}`, which is not a retry option")))?;
    if strategy.as_deref() == Some("none") {
        return Ok(RetryPolicy::None);
    }
    let connection_errors = optional(get(value, "retryConnectionErrors"), |v| {
        v.as_bool().ok_or("must be a boolean")
    })
    .map_err(|r| bad("retryConnectionErrors", r))?;
    let timings = get(value, "backoff");
    let mut overrides = [None; 4];
    if !timings.is_undefined() {
        if !timings.is_object() {
            return Err(bad("backoff", "must be an object of timings in ms"));
        }
        check_keys(&timings, &BACKOFF_FIELDS).map_err(|k| {
            bad(
                "backoff",
                &format!("has `{k}`, which is not a backoff timing"),
            )
        })?;
        for (name, slot) in BACKOFF_FIELDS.iter().zip(overrides.iter_mut()) {
            let v = get(&timings, name);
            if !v.is_undefined() {
                let n = v
                    .as_f64()
                    .ok_or_else(|| bad(&format!("backoff.{name}"), "must be a number"))?;
                *slot = Some(n);
            }
        }
    }
    backoff_policy(overrides, connection_errors)
}

fn join(root: &str, path: &str) -> String {
    if path.is_empty() {
        root.to_string()
    } else {
        format!("{root}.{path}")
    }
}

impl Config {
    /// Whether the caller gave this hook.
    pub(crate) fn has_hook(&self, name: &'static str) -> bool {
        get(&self.hooks, name).is_function()
    }

    pub(crate) fn from_options(options: &JsValue) -> Result<Config, Error> {
        const WHO: &str = "new CodatBankFeeds";
        let bad = |field: &str, reason: &str| Error::invalid(WHO, field, reason);
        if !options.is_object() {
            return Err(bad(
                "options",
                "must be an object of client options (`authHeader`, ...)",
            ));
        }
        check_keys(options, CLIENT_OPTIONS).map_err(|k| bad(&k, "is not a client option"))?;

        let auth_value = get(options, "authHeader");
        let auth = if let Some(f) = auth_value.dyn_ref::<Function>() {
            Auth::Provider(f.clone())
        } else if let Some(s) = auth_value.as_string() {
            check_auth_value(&s).map_err(|r| bad("authHeader", r))?;
            Auth::Header(s)
        } else if auth_value.is_undefined() {
            Auth::Missing
        } else {
            return Err(bad(
                "authHeader",
                "must be a string or a function returning one",
            ));
        };

        let allow_insecure_http = optional(get(options, "allowInsecureHttp"), |v| {
            v.as_bool().ok_or_else(|| "must be a boolean".to_string())
        })
        .map_err(|r| bad("allowInsecureHttp", &r))?
        .unwrap_or(false);
        let server_url = optional(get(options, "serverURL"), |v| {
            let s = v.as_string().ok_or("must be a string")?;
            check_server_url(&s, allow_insecure_http)
        })
        .map_err(|r| bad("serverURL", &r))?
        .unwrap_or_else(|| DEFAULT_SERVER_URL.to_string());
        let retry = optional(get(options, "retryConfig"), retry_policy)
            .map_err(|(path, reason)| bad(&join("retryConfig", &path), &reason))?
            .unwrap_or_default();
        let timeout_ms =
            optional(get(options, "timeoutMs"), timeout).map_err(|r| bad("timeoutMs", &r))?;
        let in_browser =
            Reflect::has(&js_sys::global(), &JsValue::from_str("document")).unwrap_or(false);
        let user_agent = optional(get(options, "userAgent"), |v| -> Result<String, &str> {
            let s = v.as_string().ok_or("must be a string")?;
            check_header_value(&s)?;
            Ok(s)
        })
        .map_err(|r| bad("userAgent", r))?
        .or_else(|| Some(USER_AGENT.to_string()))
        .filter(|_| !in_browser);
        let http_client = get(options, "httpClient");
        let fetch = match get(options, "fetch") {
            v if !http_client.is_undefined() => {
                if !v.is_undefined() {
                    return Err(bad(
                        "httpClient",
                        "is another way to give `fetch`: give one",
                    ));
                }
                if !get(&http_client, "request").is_function() {
                    return Err(bad("httpClient", "must have a request(request) method"));
                }
                fetch_through(&http_client)
            }
            v if v.is_undefined() => get(&js_sys::global(), "fetch")
                .dyn_into::<Function>()
                .map_err(|_| bad("fetch", "is required: this runtime has no global fetch"))?,
            v => v
                .dyn_into::<Function>()
                .map_err(|_| bad("fetch", "must be a fetch-compatible function"))?,
        };
        let hooks = optional(get(options, "hooks"), |v| -> Result<JsValue, String> {
            if !v.is_object() {
                return Err("must be an object of functions".into());
            }
            check_keys(v, HOOKS).map_err(|k| format!("has `{k}`, which is not a hook"))?;
            for name in HOOKS {
                let f = get(v, name);
                if !f.is_undefined() && !f.is_function() {
                    return Err(format!(".{name} must be a function"));
                }
            }
            Ok(v.clone())
        })
        .map_err(|r| bad("hooks", &r))?
        .unwrap_or(JsValue::UNDEFINED);
        let level = get(options, "debugLevel");
        let verbose = match level.as_string().as_deref() {
            _ if level.is_undefined() => false,
            Some("basic") => false,
            Some("verbose") => true,
            _ => return Err(bad("debugLevel", "must be \"basic\" or \"verbose\"")),
        };
        let logger = optional(get(options, "debugLogger"), |v| -> Result<Logger, &str> {
            let log = ["debug", "log"]
                .iter()
                .find_map(|m| get(v, m).dyn_into::<Function>().ok())
                .ok_or("must have a debug or log function")?;
            Ok(Logger {
                log,
                target: v.clone(),
                verbose,
            })
        })
        .map_err(|r| bad("debugLogger", r))?;
        let idempotency_keys = optional(get(options, "idempotencyKeys"), |v| {
            v.as_bool().ok_or("must be a boolean")
        })
        .map_err(|r| bad("idempotencyKeys", r))?
        .unwrap_or(true);
        let max_per_company = optional(get(options, "maxConcurrentPerCompany"), |v| {
            match v.as_f64() {
                Some(n) if n == f64::INFINITY || (n >= 1.0 && n.fract() == 0.0) => Ok(n),
                _ => Err("must be a whole number of at least 1, or Infinity"),
            }
        })
        .map_err(|r| bad("maxConcurrentPerCompany", r))?
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
        self.parse_call(op.name, options, CALL_OPTIONS)
    }

    /// Checks the options of `transactions.pushAll` (a call's, and the run's own) and settles
    /// its chunk size. js/push.js reads the checked options itself.
    pub(crate) fn push_chunk_size(
        &self,
        who: &'static str,
        options: &JsValue,
    ) -> Result<usize, Error> {
        self.parse_call(who, options, PUSH_OPTIONS)?;
        if options.is_undefined() || options.is_null() {
            return Ok(MAX_PUSH);
        }
        let bad = |field: &str, reason: &str| Error::invalid(who, &join("options", field), reason);
        for name in ["intervalMs", "maxIntervalMs"] {
            optional(get(options, name), timeout).map_err(|r| bad(name, &r))?;
        }
        optional(get(options, "onProgress"), |v| {
            v.dyn_ref::<Function>()
                .map(drop)
                .ok_or("must be a function")
        })
        .map_err(|r| bad("onProgress", r))?;
        let size = optional(get(options, "chunkSize"), |v| match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (1.0..=MAX_PUSH as f64).contains(&n) => Ok(n as usize),
            _ => Err("must be a whole number from 1 to 1000 (Codat's most per push)"),
        })
        .map_err(|r| bad("chunkSize", r))?;
        Ok(size.unwrap_or(MAX_PUSH))
    }

    fn parse_call(
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
        if options.is_undefined() || options.is_null() {
            return Ok(call);
        }
        let bad = |field: &str, reason: &str| Error::invalid(who, &join("options", field), reason);
        if !options.is_object() {
            return Err(bad("", "must be an object"));
        }
        check_keys(options, known).map_err(|k| bad(&k, "is not a call option"))?;
        if let Some(policy) = optional(get(options, "retries"), retry_policy)
            .map_err(|(path, reason)| bad(&join("retries", &path), &reason))?
        {
            call.retry = policy;
        }
        if let Some(t) =
            optional(get(options, "timeoutMs"), timeout).map_err(|r| bad("timeoutMs", &r))?
        {
            call.timeout_ms = Some(t);
        }
        call.signal = optional(get(options, "signal"), signal)
            .map_err(|r| bad("signal", &r))?
            .unwrap_or(JsValue::UNDEFINED);
        call.server_url = optional(get(options, "serverURL"), |v| {
            let s = v.as_string().ok_or("must be a string")?;
            check_server_url(&s, self.allow_insecure_http)
        })
        .map_err(|r| bad("serverURL", &r))?;
        call.idempotency_key = optional(get(options, "idempotencyKey"), |v| {
            v.as_string()
                .filter(|s| is_guid(s))
                .ok_or("must be a GUID such as 3f1a2b4c-5d6e-4f80-91a2-b3c4d5e6f708")
        })
        .map_err(|r| bad("idempotencyKey", r))?;
        Ok(call)
    }
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

const WAIT_OPTIONS: &[&str] = &["intervalMs", "maxIntervalMs", "timeoutMs", "signal"];

/// The settled options of one `waitFor*` call.
pub(crate) struct WaitSettings {
    pub interval_ms: f64,
    pub max_interval_ms: f64,
    pub timeout_ms: f64,
    pub signal: JsValue,
}

impl WaitSettings {
    pub(crate) fn parse(op: &Operation, options: &JsValue) -> Result<WaitSettings, Error> {
        let mut settings = WaitSettings {
            interval_ms: 1000.0,
            max_interval_ms: 30_000.0,
            timeout_ms: 600_000.0,
            signal: JsValue::UNDEFINED,
        };
        if options.is_undefined() || options.is_null() {
            return Ok(settings);
        }
        let bad =
            |field: &str, reason: &str| Error::invalid(op.name, &join("options", field), reason);
        if !options.is_object() {
            return Err(bad("", "must be an object"));
        }
        check_keys(options, WAIT_OPTIONS).map_err(|k| bad(&k, "is not a wait option"))?;
        for (name, slot) in [
            ("intervalMs", &mut settings.interval_ms),
            ("maxIntervalMs", &mut settings.max_interval_ms),
            ("timeoutMs", &mut settings.timeout_ms),
        ] {
            if let Some(ms) = optional(get(options, name), timeout).map_err(|r| bad(name, &r))? {
                *slot = ms;
            }
        }
        settings.signal = optional(get(options, "signal"), signal)
            .map_err(|r| bad("signal", &r))?
            .unwrap_or(JsValue::UNDEFINED);
        Ok(settings)
    }
}

fn signal(value: &JsValue) -> Result<JsValue, String> {
    let listens = get(value, "addEventListener").is_function();
    listens
        .then(|| value.clone())
        .ok_or_else(|| "must be an AbortSignal".to_string())
}
#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn auth_values() {
        assert!(check_auth_value("Basic abc=").is_ok());
        assert!(check_auth_value("Bearer eyJ.x.y").is_ok());
        assert!(check_auth_value("abc").is_err());
        assert!(check_auth_value("Basic ").is_err());
        assert!(check_auth_value(" abc").is_err());
        assert!(check_auth_value("Basic abc\r\nX-Evil: 1").is_err());
        assert!(check_header_value("my-app/1.0\n").is_err());
    }
}
