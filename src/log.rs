//! The debug log: one line per attempt, and with `debugLevel: "verbose"` its headers and
//! bodies, with `Authorization` redacted and credential fields masked (js/log.js).

use std::borrow::Cow;

use crate::bindings::{logged_body, logged_headers, number_text, Attempt, AttemptRequest};
use crate::error::whole_number;
use crate::operation::Operation;
use crate::options::Config;
use crate::retry::Decision;
use crate::text::int_text;

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
        Attempt::Response(response) => ["HTTP ", &int_text(response.status.into())].concat().into(),
        Attempt::Failed(err) => err.parts().0.name().into(),
    };
    let next: Cow<str> = match decision {
        Decision::Wait(ms) => ["retrying in ", &whole_number(ms), " ms"].concat().into(),
        Decision::Reauthorise => "retrying with fresh credentials".into(),
        Decision::Done => "final".into(),
        Decision::BodySpent => {
            "final: the request body was a stream and cannot be sent again".into()
        }
    };
    let quota = remaining.map_or_else(String::new, |n| {
        [", ", &number_text(n), " requests remaining"].concat()
    });
    logger.line(
        &[
            "codat-bank-feeds: ",
            op.name,
            " ",
            sent.method,
            " ",
            sent.url,
            " -> ",
            &result,
            " (attempt ",
            &int_text(number.into()),
            ", ",
            &next,
            ", ",
            &whole_number(elapsed),
            " ms elapsed",
            &quota,
            ")",
        ]
        .concat(),
    );
    if logger.verbose {
        let headers = logged_headers(
            !sent.body.is_undefined(),
            sent.user_agent,
            sent.idempotency_key,
        );
        logger.line(&["  request headers: ", &headers].concat());
        if let Some(body) = logged_body(sent.body) {
            logger.line(&["  request body: ", &body].concat());
        }
        if let Attempt::Response(response) = attempt {
            if let Some(body) = logged_body(&response.text) {
                logger.line(&["  response body: ", &body].concat());
            }
        }
    }
}
