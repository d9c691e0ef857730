//! The third stage of a call: attempts through one `fetch` each, the retry decision after
//! every one (`retry::decide`, given the clock and the jitter), the waits between them on JS
//! timers, the call's deadline and signal, and one debug line per attempt (`log`).

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::bindings::{
    aborted, call_hook, fetch_once, get, grant, into_js, now, number_text, random, sleep, Attempt,
    AttemptRequest, SlotWait,
};
use crate::error::Error;
use crate::limiter::Limiter;
use crate::log::log_attempt;
use crate::operation::Operation;
use crate::options::{CallOptions, Config};
use crate::rate_limit::RateLimitSeen;
use crate::request::Prepared;
use crate::response::{decode_success, error_from};
use crate::retry::{decide, Decision, Outcome, Tries};

/// Sends `request`, retrying per the call's policy, and decodes the outcome.
pub(crate) async fn send(
    config: &Config,
    op: &'static Operation,
    request: &Prepared,
    call: &CallOptions,
) -> Result<JsValue, Error> {
    let start = now();
    let deadline = call.timeout_ms.map(|t| start + t);
    let mut tries = Tries {
        can_reauthorise: config.auth.can_refresh(),
        keyed: request.idempotency_key.is_some(),
        own_conflict: op.documents(409),
        once: request.stream,
        ..Tries::default()
    };
    let mut number = 0;
    loop {
        number += 1;
        let auth = config.auth.header(op.name).await?;
        let left = || deadline.map_or(-1.0, |d| (d - now()).max(0.0));
        let slot = match &request.company {
            Some(company) if config.max_per_company.is_finite() => {
                let max = config.max_per_company;
                take_slot(&config.limiter, company, max, &call.signal, left()).await?;
                Some(company)
            }
            _ => None,
        };
        let sent = AttemptRequest {
            fetch: &config.fetch,
            url: &request.url,
            method: op.method.as_str(),
            auth: &auth,
            user_agent: config.user_agent.as_deref(),
            idempotency_key: request.idempotency_key.as_deref(),
            body: &request.body,
            json: request.json,
            timeout_ms: left(),
            signal: &call.signal,
            hooks: &config.hooks,
        };
        let attempt = fetch_once(&sent).await;
        if let Some(company) = slot {
            config.limiter.release(company, grant);
        }
        let seen = match &attempt {
            Attempt::Response(r) => {
                let [limit, remaining, reset] = r.rate_limit.each_ref().map(Option::as_deref);
                RateLimitSeen::from_headers(limit, remaining, reset)
            }
            Attempt::Failed(_) => None,
        };
        if let Some(seen) = &seen {
            *config.rate_limit.borrow_mut() = Some(seen.clone());
        }
        after_error(config, request, &attempt).await?;
        let at = now();
        let decision = decide(
            &call.retry,
            outcome(&attempt),
            tries,
            at,
            at - start,
            random(),
        );
        log_attempt(
            config,
            &sent,
            op,
            &attempt,
            number,
            decision,
            seen.and_then(|s| s.remaining),
            at - start,
        );
        match decision {
            Decision::Done => return settle(op, attempt),
            Decision::BodySpent => {
                return settle(op, attempt).map_err(|err| Error::NotResent(Box::new(err)))
            }
            Decision::Reauthorise => tries.reauthorised = true,
            Decision::Wait(ms) => {
                tries.retries += 1;
                if let Attempt::Response(r) = &attempt {
                    if r.status >= 500 || r.status == 408 {
                        tries.server_errors += 1;
                    }
                }
                pause(ms, deadline, call, op).await?;
            }
        }
    }
}

/// The call's result: its last attempt's.
fn settle(op: &'static Operation, attempt: Attempt) -> Result<JsValue, Error> {
    match attempt {
        Attempt::Response(r) if (200..300).contains(&r.status) => decode_success(op, &r),
        Attempt::Response(r) => Err(error_from(op, &r)),
        Attempt::Failed(err) => Err(err),
    }
}

/// Takes a slot of `company` (at most `max` at once), waiting in line when there is none;
/// the signal and the deadline end the wait with their error, nothing taken.
async fn take_slot(
    limiter: &Limiter<Function>,
    company: &str,
    max: f64,
    signal: &JsValue,
    timeout_ms: f64,
) -> Result<(), Error> {
    if limiter.try_take(company, max) {
        return Ok(());
    }
    if aborted(signal) {
        return Err(Error::Aborted {
            cause: get(signal, "reason"),
        });
    }
    let wait = SlotWait::new(signal, timeout_ms);
    limiter.wait(company, wait.grant.clone());
    wait.outcome(company).await
}

/// What the retry decision needs to know of an attempt.
fn outcome(attempt: &Attempt) -> Outcome<'_> {
    match attempt {
        Attempt::Response(r) => Outcome::Response {
            status: r.status,
            retry_after: r.retry_after.as_deref(),
        },
        Attempt::Failed(err) if err.is_connection() => Outcome::ConnectionFailed,
        Attempt::Failed(_) => Outcome::Stopped,
    }
}

/// `afterError` for an attempt that failed without a response (js/fetch.js calls it for
/// responses); a hook that throws ends the call.
async fn after_error(config: &Config, request: &Prepared, attempt: &Attempt) -> Result<(), Error> {
    let Attempt::Failed(err) = attempt else {
        return Ok(());
    };
    if matches!(err, Error::Hook { .. }) || !config.has_hook("afterError") {
        return Ok(());
    }
    let seen = config.rate_limit.borrow().clone();
    let error = into_js(err, request.idempotency_key.as_deref(), seen.as_ref());
    call_hook(&config.hooks, "afterError", &error).await
}

/// Waits before the next attempt; the call's signal or deadline cuts the wait short.
async fn pause(
    wait: f64,
    deadline: Option<f64>,
    call: &CallOptions,
    op: &Operation,
) -> Result<(), Error> {
    let remaining = deadline.map_or(f64::INFINITY, |d| d - now());
    if wait < remaining {
        return sleep(wait, &call.signal).await;
    }
    sleep(remaining.max(0.0), &call.signal).await?;
    let timeout = number_text(call.timeout_ms.unwrap_or_default());
    Err(Error::Timeout {
        message: format!(
            "{}: the call timed out after {timeout} ms while waiting to retry",
            op.name
        ),
        cause: JsValue::UNDEFINED,
    })
}
