//! The debug log: one line per attempt, and with `debugLevel: "verbose"` its headers and
//! bodies, with `Authorization` redacted and credential fields masked (js/log.js).

use std::borrow::Cow;

use crate::bindings::{logged_body, logged_headers, number_text, Attempt, AttemptRequest};
use crate::error::whole_number;
use crate::operation::Operation;
use crate::options::Config;
use crate::retry::Decision;

/// One debug line per attempt; bodies and headers only when verbose, `Authorization` never.
#[allow(clippy::too_many_arguments)]
pub(crate) fn log_attempt(
    config: &Config,
    sent: &AttemptRequest,
    op: &Operation,
    attempt: &Attempt,
    number: u32,
    decision: Decision,
    remaining: Option<f64>,
    elapsed: f64,
) {
    let Some(logger) = &config.logger else { return };
    let result: Cow<str> = match attempt {
        Attempt::Response(response) => format!("HTTP {}", response.status).into(),
        Attempt::Failed(err) => err.parts().0.name().into(),
    };
    let next: Cow<str> = match decision {
        Decision::Wait(ms) => format!("retrying in {} ms", whole_number(ms)).into(),
        Decision::Reauthorise => "retrying with fresh credentials".into(),
        Decision::Done => "final".into(),
        Decision::BodySpent => {
            "final: the request body was a stream and cannot be sent again".into()
        }
    };
    let quota = remaining.map_or_else(String::new, |n| {
        format!(", {} requests remaining", number_text(n))
    });
    let elapsed = whole_number(elapsed);
    logger.line(&format!(
        "codat-bank-feeds: {} {} {} -> {result} (attempt {number}, {next}, {elapsed} ms elapsed{quota})",
        op.name,
        sent.method,
        sent.url,
    ));
    if logger.verbose {
        let headers = logged_headers(
            !sent.body.is_undefined(),
            sent.user_agent,
            sent.idempotency_key,
        );
        logger.line(&format!("  request headers: {headers}"));
        if let Some(body) = logged_body(sent.body) {
            logger.line(&format!("  request body: {body}"));
        }
        if let Attempt::Response(response) = attempt {
            if let Some(body) = logged_body(&response.text) {
                logger.line(&format!("  response body: {body}"));
            }
        }
    }
}
