//! The rate-limit headers of a response (`X-Rate-Limit-Limit`, `-Remaining`, `-Reset`): read
//! from each response, kept as the client's last seen, and typed for `sdk.rateLimit`.

use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::retry::decimal;

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

/// The rate-limit headers of a response (`X-Rate-Limit-Limit`, `-Remaining`, `-Reset`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RateLimitSeen {
    pub limit: Option<f64>,
    pub remaining: Option<f64>,
    /// When the quota resets, as the header gives it.
    pub reset: Option<String>,
}

impl RateLimitSeen {
    /// The headers' values, or `None` when the response carried none of them.
    pub(crate) fn from_headers(
        limit: Option<&str>,
        remaining: Option<&str>,
        reset: Option<&str>,
    ) -> Option<RateLimitSeen> {
        let number = |v: Option<&str>| v.and_then(|s| decimal(s.trim()));
        let seen = RateLimitSeen {
            limit: number(limit),
            remaining: number(remaining),
            reset: reset
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        };
        (seen.limit.is_some() || seen.remaining.is_some() || seen.reset.is_some()).then_some(seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_headers() {
        assert_eq!(RateLimitSeen::from_headers(None, None, None), None);
        let seen =
            RateLimitSeen::from_headers(Some("1000"), Some(" 998"), Some("2026-12-02T00:00:00Z"))
                .unwrap();
        assert_eq!(seen.limit, Some(1000.0));
        assert_eq!(seen.remaining, Some(998.0));
        assert_eq!(seen.reset.as_deref(), Some("2026-12-02T00:00:00Z"));
        let partial = RateLimitSeen::from_headers(Some("x"), Some("5"), Some("")).unwrap();
        assert_eq!(
            (partial.limit, partial.remaining, partial.reset),
            (None, Some(5.0), None)
        );
    }

    #[test]
    fn header_numbers_are_read_around_spaces() {
        let seen = RateLimitSeen::from_headers(Some(" 100 "), Some("99"), None);
        assert_eq!(
            seen.map(|s| (s.limit, s.remaining)),
            Some((Some(100.0), Some(99.0)))
        );
    }
}
