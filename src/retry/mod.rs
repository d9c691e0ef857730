//! The retry policy: which outcomes are retried, and how long to wait before the next attempt.

use tsify::Tsify;

use crate::text::split_once;

/// Exponential backoff parameters, in milliseconds (names follow `x-speakeasy-retries`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Backoff {
    pub initial_interval: f64,
    pub max_interval: f64,
    pub exponent: f64,
    pub max_elapsed_time: f64,
}

// The spec's default policy (`x-speakeasy-retries`), generated (src/generated/retry_policy.rs).
pub(crate) use crate::generated::retry_policy::{
    is_retryable_status, SPEC_BACKOFF, SPEC_RETRY_CONNECTION_ERRORS,
};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum RetryPolicy {
    None,
    Backoff {
        backoff: Backoff,
        retry_connection_errors: bool,
        /// Connection failures are held to the browser's bound (`BROWSER_CONNECTION_RETRIES`,
        /// `BROWSER_CONNECTION_WINDOW_MS`): the default policy in a browser page or worker.
        browser_bound: bool,
    },
}

impl RetryPolicy {
    /// The default policy: the spec's, with connection failures in a browser page or worker
    /// (`in_browser`) held to the browser's bound.
    pub(crate) fn default_for(in_browser: bool) -> Self {
        RetryPolicy::Backoff {
            backoff: SPEC_BACKOFF,
            retry_connection_errors: SPEC_RETRY_CONNECTION_ERRORS,
            browser_bound: in_browser,
        }
    }
}

/// Retries of a connection failure in a browser page or worker, under the default policy. Its
/// failed fetch is often CORS (the origin not registered, a request header not allowed), which
/// retrying for the policy's hour would not mend; a couple of retries still get past a blip.
pub(crate) const BROWSER_CONNECTION_RETRIES: u32 = 2;

/// Nor does a connection failure in a browser start a retry this long (ms) after the call began.
pub(crate) const BROWSER_CONNECTION_WINDOW_MS: f64 = 10_000.0;

/// How a failed attempt is retried. The default is the API's own policy: exponential backoff
/// from 500 ms (exponent 1.5, each wait at most 60 s, jittered by ±25%), giving up once an hour
/// has passed, on HTTP 408, 429 and 5XX and on connection errors. A `Retry-After` header
/// (seconds or HTTP date) sets the wait instead, capped at `maxInterval`.
/// In a browser page or worker, the default retries a connection failure at most twice, and
/// not once 10 s have passed since the call began: a failed fetch there is often a CORS
/// refusal, which no retry mends (its `ConnectionError` says what to check). A policy you give
/// applies as given. `{ strategy: "none" }` sends exactly one attempt.
/// (A type for the `.d.ts`: `options` parses the caller's object by hand, which costs the
/// `.wasm` far less than a derived deserializer.)
#[derive(Tsify)]
#[serde(tag = "strategy", rename_all = "camelCase")]
pub enum RetryConfig {
    /// Never retry.
    None,
    /// Retry with exponential backoff.
    #[serde(rename_all = "camelCase")]
    Backoff {
        /// Backoff timings; fields left out keep the API's defaults.
        #[serde(default)]
        #[tsify(optional)]
        backoff: Option<BackoffStrategy>,
        /// Whether refused, reset or otherwise failed connections are retried (default `true`).
        /// Such a request may have reached the server.
        #[serde(default)]
        #[tsify(optional)]
        retry_connection_errors: Option<bool>,
    },
}

/// Backoff timings in milliseconds.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
// Only its `.d.ts` is used: `options` reads the caller's object.
#[allow(dead_code)]
pub struct BackoffStrategy {
    /// Wait before the first retry (default 500).
    #[serde(default)]
    #[tsify(optional)]
    initial_interval: Option<f64>,
    /// Longest single wait (default 60000).
    #[serde(default)]
    #[tsify(optional)]
    max_interval: Option<f64>,
    /// Growth factor of the wait per retry (default 1.5).
    #[serde(default)]
    #[tsify(optional)]
    exponent: Option<f64>,
    /// No retry starts after this long since the call began (default 3600000).
    #[serde(default)]
    #[tsify(optional)]
    max_elapsed_time: Option<f64>,
}

/// The backoff timings a caller may set, by JS name.
pub(crate) const BACKOFF_FIELDS: [&str; 4] = [
    "initialInterval",
    "maxInterval",
    "exponent",
    "maxElapsedTime",
];

/// A backoff policy from the spec's timings with the caller's overrides (`BACKOFF_FIELDS`
/// order); the error names the field that is not a finite number >= 0.
pub(crate) fn backoff_policy(
    overrides: [Option<f64>; 4],
    retry_connection_errors: Option<bool>,
) -> Result<RetryPolicy, (String, String)> {
    let mut backoff = SPEC_BACKOFF;
    let slots = [
        &mut backoff.initial_interval,
        &mut backoff.max_interval,
        &mut backoff.exponent,
        &mut backoff.max_elapsed_time,
    ];
    for ((name, value), slot) in BACKOFF_FIELDS.iter().zip(overrides).zip(slots) {
        if let Some(v) = value {
            if !v.is_finite() || v < 0.0 {
                return Err((
                    ["backoff.", name].concat(),
                    "must be a finite number >= 0".into(),
                ));
            }
            *slot = v;
        }
    }
    Ok(RetryPolicy::Backoff {
        backoff,
        retry_connection_errors: retry_connection_errors.unwrap_or(SPEC_RETRY_CONNECTION_ERRORS),
        browser_bound: false,
    })
}

/// What an attempt came to, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Outcome<'a> {
    /// A response, with its `Retry-After` header if any.
    Response {
        status: u16,
        retry_after: Option<&'a str>,
    },
    /// No complete response: refused, reset, body cut short.
    ConnectionFailed,
    /// Anything else without a response (timeout, abort, a hook that threw): never retried.
    Stopped,
}

/// The attempts of one call so far, and what the call is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Tries {
    /// Retries already made (0 after the first attempt).
    pub retries: u32,
    /// Retries already made after a 5XX or 408.
    pub server_errors: u32,
    /// Retries already made after a connection failure.
    pub connection_failures: u32,
    /// Whether a 401 has already had its one re-authorisation.
    pub reauthorised: bool,
    /// Whether the credentials can be asked for again (an `authHeader` function).
    pub can_reauthorise: bool,
    /// Whether the call carries an `Idempotency-Key`, so that a retry cannot write twice.
    pub keyed: bool,
    /// Whether the operation documents a 409 of its own (then a 409 is its answer, not "the
    /// same key is still in progress").
    pub own_conflict: bool,
    /// Whether the body can be sent only once (a stream, read as it was sent).
    pub once: bool,
}

/// Retries after a 5XX or 408 under an `Idempotency-Key`. Codat caches a 5XX it answered and
/// replays it to every request with that key for 90 minutes, so retrying it only fetches it
/// again; a gateway's 5XX is not cached, and a retry is a fresh attempt that the key keeps from
/// writing twice. A couple of retries get past a gateway's blip without replaying Codat's own
/// answer for the policy's whole hour.
pub(crate) const KEYED_SERVER_ERROR_RETRIES: u32 = 2;

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Decision {
    /// Settle the call with this outcome.
    Done,
    /// Ask for the credentials again and send at once (a 401 with a refreshable token).
    Reauthorise,
    /// Wait this many ms, then retry.
    Wait(f64),
    /// Settle the call with this outcome, which would have been retried (`Reauthorise` or
    /// `Wait`) but for a body that cannot be sent again.
    BodySpent,
}

/// The retry decision. `now_ms` is the clock (for a `Retry-After` date), `elapsed_ms` the
/// time since the call's first attempt, `jitter` a uniform value in [0, 1); nothing is read
/// from outside.
pub(crate) fn decide(
    policy: &RetryPolicy,
    outcome: Outcome<'_>,
    tries: Tries,
    now_ms: f64,
    elapsed_ms: f64,
    jitter: f64,
) -> Decision {
    match policy_decision(policy, outcome, tries, now_ms, elapsed_ms, jitter) {
        Decision::Reauthorise | Decision::Wait(_) if tries.once => Decision::BodySpent,
        decision => decision,
    }
}

/// What the policy asks for, whatever the body.
fn policy_decision(
    policy: &RetryPolicy,
    outcome: Outcome<'_>,
    tries: Tries,
    now_ms: f64,
    elapsed_ms: f64,
    jitter: f64,
) -> Decision {
    match outcome {
        Outcome::Response { status, .. } if (200..300).contains(&status) => return Decision::Done,
        // A short-lived token may have expired between fetching and use: ask once more.
        Outcome::Response { status: 401, .. } if tries.can_reauthorise && !tries.reauthorised => {
            return Decision::Reauthorise
        }
        _ => {}
    }
    let RetryPolicy::Backoff {
        backoff,
        retry_connection_errors,
        browser_bound,
    } = policy
    else {
        return Decision::Done;
    };
    let mut budget = backoff.max_elapsed_time;
    let asked = match outcome {
        // The daily quota, typically: waiting that long is the caller's decision.
        Outcome::Response {
            status: 429,
            retry_after,
        } => match retry_after.and_then(|v| parse_retry_after(v, now_ms)) {
            Some(ms) if ms > backoff.max_interval => return Decision::Done,
            asked => asked,
        },
        // The same key while its first request is still running: wait for it, same key.
        Outcome::Response { status: 409, .. } if tries.keyed && !tries.own_conflict => None,
        Outcome::Response { status, .. }
            if tries.keyed
                && status != 429
                && tries.server_errors >= KEYED_SERVER_ERROR_RETRIES =>
        {
            return Decision::Done
        }
        Outcome::Response {
            status,
            retry_after,
        } if is_retryable_status(status) => retry_after
            .and_then(|v| parse_retry_after(v, now_ms))
            .map(|ms| ms.min(backoff.max_interval)),
        Outcome::ConnectionFailed if *retry_connection_errors => {
            if *browser_bound {
                if tries.connection_failures >= BROWSER_CONNECTION_RETRIES {
                    return Decision::Done;
                }
                budget = budget.min(BROWSER_CONNECTION_WINDOW_MS);
            }
            None
        }
        _ => return Decision::Done,
    };
    let wait = asked.unwrap_or_else(|| backoff_delay(backoff, tries.retries, jitter));
    if elapsed_ms + wait <= budget {
        Decision::Wait(wait)
    } else {
        Decision::Done
    }
}

/// The wait before the next poll of a `waitFor*` (`polls` made so far after the first), on the
/// same backoff as retries but without jitter; `None` when the deadline (`left_ms` away) comes
/// first.
pub(crate) fn next_poll(backoff: &Backoff, polls: u32, left_ms: f64) -> Option<f64> {
    let wait = backoff_delay(backoff, polls, 0.5);
    (wait < left_ms).then_some(wait)
}

/// The wait before retry number `retry` (0 for the first retry). `jitter` in [0, 1) spreads
/// the wait over ±25% so that clients failing together do not retry together.
pub(crate) fn backoff_delay(backoff: &Backoff, retry: u32, jitter: f64) -> f64 {
    let base = backoff.initial_interval * backoff.exponent.powi(retry.min(1000) as i32);
    let spread = base * (0.75 + 0.5 * jitter.clamp(0.0, 1.0));
    spread.min(backoff.max_interval)
}

/// The wait a `Retry-After` header asks for, in ms: delta-seconds or an HTTP date.
/// `None` when the header does not parse; past dates give 0.
pub(crate) fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return decimal(value).map(|s| s * 1000.0);
    }
    parse_http_date(value).map(|date_ms| (date_ms - now_ms).max(0.0))
}

/// A header's number: digits, with an optional fraction (`120`, `1.5`). Read without the
/// standard float parser, which would cost the `.wasm` about 5 KB for what headers never send
/// (exponents, `inf`); the last digits of a long fraction may round differently.
pub(crate) fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = split_once(text, b'.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with(".") {
        return None;
    }
    let value = |s: &str| s.bytes().fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0'));
    Some(value(whole) + value(fraction) / 10f64.powi(fraction.len().min(400) as i32))
}

/// A date field's digits as a number (no sign: `str::parse` would bring its own error code).
fn whole(text: &str) -> Option<i64> {
    let digits = !text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0')))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only form HTTP servers must send, in ms
/// since the Unix epoch.
fn parse_http_date(value: &str) -> Option<f64> {
    let (_, rest) = split_once(value, b',')?;
    let rest = rest.strip_prefix(" ")?;
    let (day, rest) = split_once(rest, b' ')?;
    let (month, rest) = split_once(rest, b' ')?;
    let (year, rest) = split_once(rest, b' ')?;
    let (time, zone) = split_once(rest, b' ')?;
    // "GMT" and nothing after it.
    if zone != "GMT" {
        return None;
    }
    let (day, year) = (whole(day)?, whole(year)?);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    // Exactly three fields: a third colon leaves one that is not a number.
    let (h, rest) = split_once(time, b':')?;
    let (m, s) = split_once(rest, b':')?;
    let (h, m, s) = (whole(h)?, whole(m)?, whole(s)?);
    if !(1..=31).contains(&day)
        || !(0..24).contains(&h)
        || !(0..60).contains(&m)
        || !(0..61).contains(&s)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declared::{fields, sorted};

    const SPEC: RetryPolicy = RetryPolicy::Backoff {
        backoff: SPEC_BACKOFF,
        retry_connection_errors: true,
        browser_bound: false,
    };
    const NOW: f64 = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT

    fn status(status: u16) -> Outcome<'static> {
        Outcome::Response {
            status,
            retry_after: None,
        }
    }

    fn after(tries: u32) -> Tries {
        Tries {
            retries: tries,
            ..Tries::default()
        }
    }

    #[test]
    fn decide_success_and_errors_that_are_not_retried() {
        for s in [200, 201, 204, 207, 400, 401, 404, 409, 422] {
            assert_eq!(
                decide(&SPEC, status(s), after(0), NOW, 0.0, 0.5),
                Decision::Done,
                "{s}"
            );
        }
        assert_eq!(
            decide(&SPEC, Outcome::Stopped, after(0), NOW, 0.0, 0.5),
            Decision::Done
        );
    }

    #[test]
    fn decide_backs_off_on_retryable_statuses() {
        for s in [408, 429, 500, 502, 503, 599] {
            assert_eq!(
                decide(&SPEC, status(s), after(0), NOW, 0.0, 0.5),
                Decision::Wait(500.0),
                "{s}"
            );
        }
        assert_eq!(
            decide(&SPEC, status(503), after(2), NOW, 0.0, 0.5),
            Decision::Wait(1125.0)
        );
        assert_eq!(
            decide(&SPEC, status(503), after(0), NOW, 0.0, 0.0),
            Decision::Wait(375.0)
        );
    }

    #[test]
    fn decide_never_resends_a_body_that_can_be_sent_once() {
        let once = Tries {
            once: true,
            can_reauthorise: true,
            ..Tries::default()
        };
        for outcome in [status(503), status(401), Outcome::ConnectionFailed] {
            let resendable = Tries {
                once: false,
                ..once
            };
            assert_ne!(
                decide(&SPEC, outcome, resendable, NOW, 0.0, 0.5),
                Decision::Done
            );
            assert_eq!(
                decide(&SPEC, outcome, once, NOW, 0.0, 0.5),
                Decision::BodySpent,
                "{outcome:?}"
            );
        }
        // Nothing would have been retried: nothing to explain.
        for outcome in [status(200), status(404), Outcome::Stopped] {
            assert_eq!(decide(&SPEC, outcome, once, NOW, 0.0, 0.5), Decision::Done);
        }
        assert_eq!(
            decide(&RetryPolicy::None, status(503), once, NOW, 0.0, 0.5),
            Decision::Done
        );
    }

    #[test]
    fn decide_reauthorises_a_401_once_when_it_can() {
        let refreshable = Tries {
            can_reauthorise: true,
            ..Tries::default()
        };
        assert_eq!(
            decide(&SPEC, status(401), refreshable, NOW, 0.0, 0.5),
            Decision::Reauthorise
        );
        let again = Tries {
            reauthorised: true,
            ..refreshable
        };
        assert_eq!(
            decide(&SPEC, status(401), again, NOW, 0.0, 0.5),
            Decision::Done
        );
        assert_eq!(
            decide(&SPEC, status(401), after(0), NOW, 0.0, 0.5),
            Decision::Done
        );
        // Even without retries: a fresh token is not a retry of the same request's outcome.
        assert_eq!(
            decide(&RetryPolicy::None, status(401), refreshable, NOW, 0.0, 0.5),
            Decision::Reauthorise
        );
    }

    #[test]
    fn decide_honours_retry_after_in_seconds_and_as_a_date() {
        let seconds = Outcome::Response {
            status: 429,
            retry_after: Some("3"),
        };
        assert_eq!(
            decide(&SPEC, seconds, after(0), NOW, 0.0, 0.5),
            Decision::Wait(3000.0)
        );
        let date = Outcome::Response {
            status: 503,
            retry_after: Some("Sun, 06 Nov 1994 08:49:39 GMT"),
        };
        assert_eq!(
            decide(&SPEC, date, after(0), NOW, 0.0, 0.5),
            Decision::Wait(2000.0)
        );
        let past = Outcome::Response {
            status: 503,
            retry_after: Some("Sun, 06 Nov 1994 08:00:00 GMT"),
        };
        assert_eq!(
            decide(&SPEC, past, after(0), NOW, 0.0, 0.5),
            Decision::Wait(0.0)
        );
        let long = Outcome::Response {
            status: 503,
            retry_after: Some("3600"),
        };
        assert_eq!(
            decide(&SPEC, long, after(0), NOW, 0.0, 0.5),
            Decision::Wait(60_000.0)
        );
        let junk = Outcome::Response {
            status: 429,
            retry_after: Some("soon"),
        };
        assert_eq!(
            decide(&SPEC, junk, after(0), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
    }

    #[test]
    fn decide_stops_when_the_elapsed_budget_is_spent() {
        let hour = SPEC_BACKOFF.max_elapsed_time;
        assert_eq!(
            decide(&SPEC, status(503), after(0), NOW, hour - 500.0, 0.5),
            Decision::Wait(500.0)
        );
        assert_eq!(
            decide(&SPEC, status(503), after(0), NOW, hour - 499.0, 0.5),
            Decision::Done
        );
        assert_eq!(
            decide(&SPEC, Outcome::ConnectionFailed, after(0), NOW, hour, 0.5),
            Decision::Done
        );
    }

    #[test]
    fn decide_retries_connection_errors_only_when_asked() {
        assert_eq!(
            decide(&SPEC, Outcome::ConnectionFailed, after(1), NOW, 0.0, 0.5),
            Decision::Wait(750.0)
        );
        let no = RetryPolicy::Backoff {
            backoff: SPEC_BACKOFF,
            retry_connection_errors: false,
            browser_bound: false,
        };
        assert_eq!(
            decide(&no, Outcome::ConnectionFailed, after(0), NOW, 0.0, 0.5),
            Decision::Done
        );
        assert_eq!(
            decide(&no, status(503), after(0), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
    }

    #[test]
    fn in_a_browser_the_default_policy_retries_a_connection_failure_twice_within_10_s() {
        let browser = RetryPolicy::default_for(true);
        let failed = |connection_failures| Tries {
            retries: connection_failures,
            connection_failures,
            ..Tries::default()
        };
        let failure = Outcome::ConnectionFailed;
        assert_eq!(
            decide(&browser, failure, failed(0), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
        assert_eq!(
            decide(&browser, failure, failed(1), NOW, 0.0, 0.5),
            Decision::Wait(750.0)
        );
        assert_eq!(
            decide(&browser, failure, failed(2), NOW, 0.0, 0.5),
            Decision::Done
        );
        // A slow failure (a connect timeout) is not retried once 10 s have passed.
        assert_eq!(
            decide(&browser, failure, failed(0), NOW, 9_500.0, 0.5),
            Decision::Wait(500.0)
        );
        assert_eq!(
            decide(&browser, failure, failed(0), NOW, 9_600.0, 0.5),
            Decision::Done
        );
        // Other failures keep the policy's hour; outside a browser, connection failures do too.
        assert_eq!(
            decide(&browser, status(503), failed(2), NOW, 60_000.0, 0.5),
            Decision::Wait(1125.0)
        );
        assert_eq!(
            decide(
                &RetryPolicy::default_for(false),
                failure,
                failed(5),
                NOW,
                60_000.0,
                0.5
            ),
            Decision::Wait(500.0 * 1.5f64.powi(5))
        );
        // A policy the caller gave is theirs, in a browser too.
        let given = backoff_policy([None; 4], None).unwrap_or(RetryPolicy::None);
        assert_eq!(
            decide(&given, failure, failed(5), NOW, 60_000.0, 0.5),
            Decision::Wait(500.0 * 1.5f64.powi(5))
        );
    }

    #[test]
    fn polls_grow_by_half_up_to_the_longest_wait_and_stop_at_the_deadline() {
        let polls = Backoff {
            initial_interval: 20.0,
            max_interval: 40.0,
            exponent: 1.5,
            max_elapsed_time: 1000.0,
        };
        assert_eq!(next_poll(&polls, 0, 1000.0), Some(20.0));
        assert_eq!(next_poll(&polls, 1, 1000.0), Some(30.0));
        assert_eq!(next_poll(&polls, 2, 1000.0), Some(40.0));
        assert_eq!(next_poll(&polls, 9, 1000.0), Some(40.0));
        assert_eq!(next_poll(&polls, 0, 20.0), None);
    }

    fn keyed(server_errors: u32) -> Tries {
        Tries {
            keyed: true,
            server_errors,
            ..Tries::default()
        }
    }

    #[test]
    fn a_429_asking_longer_than_the_policy_waits_ends_the_call() {
        let quota = Outcome::Response {
            status: 429,
            retry_after: Some("3600"),
        };
        assert_eq!(
            decide(&SPEC, quota, after(0), NOW, 0.0, 0.5),
            Decision::Done
        );
        let minute = Outcome::Response {
            status: 429,
            retry_after: Some("60"),
        };
        assert_eq!(
            decide(&SPEC, minute, after(0), NOW, 0.0, 0.5),
            Decision::Wait(60_000.0)
        );
        // a 429 is not cached under a key: retried like any other
        assert_eq!(
            decide(&SPEC, status(429), keyed(5), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
    }

    #[test]
    fn under_a_key_a_409_in_progress_is_retried_unless_the_operation_has_its_own() {
        assert_eq!(
            decide(&SPEC, status(409), keyed(0), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
        let own = Tries {
            own_conflict: true,
            ..keyed(0)
        };
        assert_eq!(
            decide(&SPEC, status(409), own, NOW, 0.0, 0.5),
            Decision::Done
        );
        assert_eq!(
            decide(&SPEC, status(409), after(0), NOW, 0.0, 0.5),
            Decision::Done
        );
        assert_eq!(
            decide(&RetryPolicy::None, status(409), keyed(0), NOW, 0.0, 0.5),
            Decision::Done
        );
    }

    #[test]
    fn under_a_key_a_5xx_is_retried_twice_then_ends_the_call() {
        for s in [500, 502, 503, 408] {
            assert_eq!(
                decide(&SPEC, status(s), keyed(0), NOW, 0.0, 0.5),
                Decision::Wait(500.0)
            );
            assert_eq!(
                decide(&SPEC, status(s), keyed(1), NOW, 0.0, 0.5),
                Decision::Wait(500.0)
            );
            assert_eq!(
                decide(&SPEC, status(s), keyed(2), NOW, 0.0, 0.5),
                Decision::Done
            );
        }
        // connection failures are not 5XX answers: always retried under the key
        assert_eq!(
            decide(&SPEC, Outcome::ConnectionFailed, keyed(9), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
        // without a key the policy alone decides
        assert_eq!(
            decide(&SPEC, status(503), after(0), NOW, 0.0, 0.5),
            Decision::Wait(500.0)
        );
    }

    #[test]
    fn the_backoff_fields_are_the_types_fields() {
        assert_eq!(sorted(&BACKOFF_FIELDS), fields::<BackoffStrategy>());
    }

    #[test]
    fn decide_never_retries_under_strategy_none() {
        for outcome in [
            status(503),
            status(429),
            Outcome::ConnectionFailed,
            Outcome::Stopped,
        ] {
            assert_eq!(
                decide(&RetryPolicy::None, outcome, after(0), NOW, 0.0, 0.5),
                Decision::Done
            );
        }
    }

    #[test]
    fn schedule_follows_the_spec_policy() {
        let waits: Vec<f64> = (0..14)
            .map(|n| backoff_delay(&SPEC_BACKOFF, n, 0.5))
            .collect();
        assert_eq!(waits[0], 500.0);
        assert_eq!(waits[1], 750.0);
        assert_eq!(waits[2], 1125.0);
        assert_eq!(waits[3], 1687.5);
        // 500 * 1.5^11 = 43 248 ms, 1.5^12 = 64 873 ms: capped at the 60 s max interval.
        assert!((waits[11] - 43_248.779).abs() < 0.01);
        assert_eq!(waits[12], 60_000.0);
        assert_eq!(waits[13], 60_000.0);
        assert_eq!(backoff_delay(&SPEC_BACKOFF, u32::MAX, 0.5), 60_000.0);
    }

    #[test]
    fn jitter_spreads_a_quarter_either_way() {
        assert_eq!(backoff_delay(&SPEC_BACKOFF, 0, 0.0), 375.0);
        assert_eq!(backoff_delay(&SPEC_BACKOFF, 0, 1.0), 625.0);
        assert_eq!(backoff_delay(&SPEC_BACKOFF, 20, 1.0), 60_000.0);
    }

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 500, 502, 503, 504, 599] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 409, 422, 600] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap_or_default();
        assert_eq!(now, 1_445_412_480_000.0);
        assert_eq!(parse_retry_after("120", now), Some(120_000.0));
        assert_eq!(parse_retry_after(" 0 ", now), Some(0.0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(30_000.0)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(0.0)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600_000.0)
        );
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Wed, 21 Oct 2015 07:28:00",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Wed, 99 Oct 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 25:28:00 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn backoff_overrides_fill_the_specs_timings_and_name_bad_fields() {
        assert_eq!(
            backoff_policy([Some(10.0), None, None, None], None),
            Ok(RetryPolicy::Backoff {
                backoff: Backoff {
                    initial_interval: 10.0,
                    ..SPEC_BACKOFF
                },
                retry_connection_errors: true,
                browser_bound: false
            })
        );
        assert_eq!(
            backoff_policy([None; 4], Some(false)),
            Ok(RetryPolicy::Backoff {
                backoff: SPEC_BACKOFF,
                retry_connection_errors: false,
                browser_bound: false
            })
        );
        let (field, reason) = backoff_policy([None, None, Some(-1.0), None], None).unwrap_err();
        assert_eq!(field, "backoff.exponent");
        assert_eq!(reason, "must be a finite number >= 0");
        assert!(backoff_policy([None, Some(f64::INFINITY), None, None], None).is_err());
    }

    #[test]
    fn header_numbers_without_the_float_parser() {
        for (text, value) in [
            ("120", 120.0),
            ("0", 0.0),
            ("1.5", 1.5),
            ("0.25", 0.25),
            ("007", 7.0),
        ] {
            assert_eq!(decimal(text), Some(value), "{text}");
        }
        for text in [
            "", ".5", "5.", "-1", "1e3", "inf", "NaN", "1.2.3", " 1", "+1",
        ] {
            assert_eq!(decimal(text), None, "{text:?}");
        }
    }
}
