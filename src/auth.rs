//! The `Authorization` value of each attempt: the client's `authHeader` as given (a string, or
//! a function called before every attempt), and the checks on header values.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::bindings::settled;
use crate::error::Error;

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
    check_header_value(value)?;
    match value.split_once(' ') {
        Some((scheme, credentials)) if !scheme.is_empty() && !credentials.trim().is_empty() => {
            Ok(())
        }
        _ => Err("must be a scheme and credentials, such as `Basic <base64 API key>` or `Bearer <token>`"),
    }
}

/// Why a header value is refused: a CR or LF would start another header.
pub(crate) fn check_header_value(value: &str) -> Result<(), &'static str> {
    if value.chars().any(|c| c.is_control()) {
        Err("must not contain control characters such as CR or LF")
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
    }
}
