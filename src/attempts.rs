//! The third stage of a call: attempts through one `fetch` each, the retry decision after
//! every one (`retry::decide`, given the clock and the jitter), the waits between them on JS
//! timers, and one debug line per attempt (`log`); all within the call's deadline, which ends
//! the call whatever it is waiting on.

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::auth::Reason;
use crate::bindings::{
    call_hook, fetch_once, grant, into_js, new_guid, notify_hook, now, random, Attempt,
    AttemptRequest, Deadline, SlotWait,
};
use crate::error::Error;
use crate::limiter::Limiter;
use crate::log::log_attempt;
use crate::operation::Operation;
use crate::options::{CallOptions, Config};
use crate::rate_limit::RateLimitSeen;
use crate::request::{IdempotencyKey, Prepared};
use crate::response::{decode_success, error_from};
use crate::retry::{decide, Decision, Outcome, Tries};

/// Sends `request` under `key`, retrying per the call's policy, and decodes the outcome;
/// `deadline` ends it. `key` is left as the last attempt sent it: a retry after a 401 has a
/// key of its own when the client made the key.
pub(crate) async fn send(
    config: &Config,
    op: &'static Operation,
    request: &Prepared,
    call: &CallOptions,
    key: &mut Option<IdempotencyKey>,
    deadline: &Deadline,
) -> Result<JsValue, Error> {
    let start = now();
    let mut tries = Tries {
        can_reauthorise: config.auth.can_refresh(),
        keyed: key.is_some(),
        own_conflict: op.documents(409),
        once: request.stream,
        ..Tries::default()
    };
    let mut number = 0;
    // The `Authorization` value the last attempt's 401 refused.
    let mut refused: Option<String> = None;
    // Whether an attempt under the current key may have written (it was retried on a failure
    // other than a 401): then only that key can get the kept answer, and is never replaced.
    let mut key_may_have_written = false;
    loop {
        number += 1;
        // An aborted signal calls nothing of the caller's, not even the auth function.
        deadline.check(op.name, "the next attempt")?;
        let slot = take_slot(config, request, deadline, op.name).await?;
        // Read last, just before sending: a call that waited for its slot sends a fresh value.
        let auth = config
            .auth
            .header(op.name, reason(refused.as_deref()), number, deadline)
            .await?;
        let sent = AttemptRequest {
            fetch: &config.fetch,
            url: &request.url,
            method: op.method.as_str(),
            auth: &auth,
            user_agent: config.user_agent.as_deref(),
            idempotency_key: key.as_ref().map(|k| k.value.as_str()),
            body: &request.body,
            json: request.json,
            deadline: deadline.js(),
            hooks: &config.hooks,
        };
        let attempt = fetch_once(&sent, deadline, op.name).await;
        drop(slot);
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
        after_error(config, sent.idempotency_key, &attempt, deadline, op.name).await?;
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
        refused = None;
        match decision {
            Decision::Done => return settle(op, attempt),
            Decision::BodySpent => {
                return settle(op, attempt).map_err(|err| Error::NotResent(Box::new(err)))
            }
            Decision::Reauthorise => {
                tries.reauthorised = true;
                refused = Some(auth);
                // A 401 wrote nothing under the key: the retry sends a new one, unless an
                // earlier attempt under it may have written.
                if !key_may_have_written {
                    if let Some(key) = key.as_mut().filter(|k| k.renewable) {
                        key.value = new_guid();
                    }
                }
            }
            Decision::Wait(ms) => {
                tries.retries += 1;
                key_may_have_written = true;
                match &attempt {
                    Attempt::Response(r) if r.status >= 500 || r.status == 408 => {
                        tries.server_errors += 1;
                    }
                    Attempt::Failed(_) => tries.connection_failures += 1,
                    Attempt::Response(_) => {}
                }
                // Not kept across the wait: the task holds less, and drops less, while it sleeps.
                drop(attempt);
                deadline.sleep(ms, op.name, "the next attempt").await?;
            }
        }
    }
}

/// Why the auth function is called: after a 401, with the value it refused.
fn reason(refused: Option<&str>) -> Reason<'_> {
    refused.map_or(Reason::Initial, Reason::Unauthorized)
}

/// The call's result: its last attempt's.
fn settle(op: &'static Operation, attempt: Attempt) -> Result<JsValue, Error> {
    match attempt {
        Attempt::Response(r) if (200..300).contains(&r.status) => decode_success(op, &r),
        Attempt::Response(r) => Err(error_from(op, &r)),
        Attempt::Failed(err) => Err(err),
    }
}

/// A request slot of a company, given back when dropped: after the attempt, or the moment the
/// call ends any other way (its deadline, say).
struct Slot<'a> {
    limiter: &'a Limiter<Function>,
    company: &'a str,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.limiter.release(self.company, grant);
    }
}

/// Takes a slot of the request's company (at most `maxConcurrentPerCompany` at once), waiting
/// in line when there is none; the deadline ends the wait with its error, nothing taken.
/// `None` when the request has no company or the client no limit.
async fn take_slot<'a>(
    config: &'a Config,
    request: &'a Prepared,
    deadline: &Deadline,
    op: &'static str,
) -> Result<Option<Slot<'a>>, Error> {
    let Some(company) = request.company.as_deref() else {
        return Ok(None);
    };
    let max = config.max_per_company;
    if !max.is_finite() {
        return Ok(None);
    }
    let limiter = &config.limiter;
    if !limiter.try_take(company, max) {
        let wait = SlotWait::new(deadline);
        limiter.wait(company, wait.grant.clone());
        wait.granted(deadline, op, company).await?;
    }
    Ok(Some(Slot { limiter, company }))
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
async fn after_error(
    config: &Config,
    key: Option<&str>,
    attempt: &Attempt,
    deadline: &Deadline,
    op: &'static str,
) -> Result<(), Error> {
    let Attempt::Failed(err) = attempt else {
        return Ok(());
    };
    if matches!(err, Error::Hook { .. }) || !config.has_hook("afterError") {
        return Ok(());
    }
    let seen = config.rate_limit.borrow().clone();
    let error = into_js(err, key, seen.as_ref());
    if matches!(err, Error::Timeout { .. } | Error::Aborted { .. }) {
        // The call's time is over: the hook hears of it; the call does not wait for it.
        notify_hook(&config.hooks, "afterError", &error);
        return Ok(());
    }
    call_hook(&config.hooks, "afterError", &error, deadline, op).await
}
