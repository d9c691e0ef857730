//! The `Authorization` value of each attempt: the client's `authHeader` as given (a string, or
//! a function called before every attempt and told why), and the checks on header values.

use js_sys::Function;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::bindings::{auth_value, Deadline};
use crate::error::Error;
use crate::text::split_once;

/// What an `authHeader` function is called with, once per attempt.
#[derive(Tsify)]
pub struct AuthContext {
    /// Why it is called: `"unauthorized"` when the call's last attempt was answered 401 (the
    /// value it gave was refused: refresh it); `"initial"` otherwise (a call's first attempt,
    /// or a retry after another failure: a cached value will do). A function that caches its
    /// token refreshes it on `"unauthorized"` only, once for many calls refused together
    /// (`companyAccessToken` does).
    #[tsify(type = "\"initial\" | \"unauthorized\"")]
    pub reason: String,
    /// The number of the attempt about to be sent: 1 for a call's first.
    pub attempt: u32,
    /// On `"unauthorized"`: the value the 401 refused, so that a function that caches can tell
    /// a value it has already replaced (the new one will do) from the one it holds (refresh it).
    #[tsify(optional)]
    pub refused: Option<String>,
}

/// Why the auth function is called (`AuthContext.reason`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Reason<'a> {
    Initial,
    /// After a 401 that refused this value.
    Unauthorized(&'a str),
}

/// Where the `Authorization` value comes from.
pub(crate) enum Auth {
    Header(String),
    Provider(Function),
    /// None given: the client is built (as `@codat/bank-feeds` allows), its calls refused.
    Missing,
}

impl Auth {
    /// The client's `authHeader` option, or why it is refused.
    pub(crate) fn from_option(value: &JsValue) -> Result<Auth, &'static str> {
        if let Some(f) = value.dyn_ref::<Function>() {
            Ok(Auth::Provider(f.clone()))
        } else if let Some(s) = value.as_string() {
            check_auth_value(&s)?;
            Ok(Auth::Header(s))
        } else if value.is_undefined() {
            Ok(Auth::Missing)
        } else {
            Err("must be a string or a function returning one")
        }
    }

    /// The value for attempt `attempt` of `op`, within the call's deadline. Never echoes the
    /// value in an error.
    pub(crate) async fn header(
        &self,
        op: &'static str,
        reason: Reason<'_>,
        attempt: u32,
        deadline: &Deadline,
    ) -> Result<String, Error> {
        let provider = match self {
            Auth::Header(value) => return Ok(value.clone()),
            Auth::Provider(f) => f,
            Auth::Missing => {
                let reason = "is required to call the API: give new CodatBankFeeds an `authHeader` (`Basic <base64 API key>`, or `Bearer <company access token>`)";
                return Err(Error::invalid(op, "authHeader", reason));
            }
        };
        let called = match reason {
            Reason::Initial => auth_value(provider, "initial", attempt, None),
            Reason::Unauthorized(refused) => {
                auth_value(provider, "unauthorized", attempt, Some(refused))
            }
        };
        let value = deadline
            .wait(called, op, "the authHeader function")
            .await?
            .map_err(|cause| Error::AuthProvider { op, cause })?;
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
    check_header_value(value)?;
    match split_once(value, b' ') {
        Some((scheme, credentials)) if !scheme.is_empty() && !credentials.trim().is_empty() => {
            Ok(())
        }
        _ => Err("must be a scheme and credentials, such as `Basic <base64 API key>` or `Bearer <token>`"),
    }
}

/// Why a header value is refused: a CR or LF would start another header, and fetch refuses
/// a character beyond Latin-1 before sending anything.
pub(crate) fn check_header_value(value: &str) -> Result<(), &'static str> {
    if value.chars().any(|c| c.is_control()) {
        Err("must not contain control characters such as CR or LF")
    } else if value.chars().any(|c| u32::from(c) > 0xFF) {
        Err("must contain only Latin-1 characters (an HTTP header cannot carry others)")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_values() {
        assert!(check_auth_value("Basic abc=").is_ok());
        assert!(check_auth_value("Bearer eyJ.x.y").is_ok());
        assert!(check_auth_value("abc").is_err());
        assert!(check_auth_value("Basic ").is_err());
        assert!(check_auth_value(" abc").is_err());
        assert!(check_auth_value("Basic abc\r\nX-Evil: 1").is_err());
        assert!(check_header_value("my-app/1.0\n").is_err());
        assert!(check_header_value("caf\u{e9}/1.0").is_ok());
        assert!(check_auth_value("Bearer t\u{f6}k\u{e9}n\u{20ac}").is_err());
    }
}
