//! Request-side rules the spec states beyond types (lengths, counts, the platform-key pattern),
//! checked before sending. Responses are not held to them: the server's data is what it is.
//! serde_json places custom errors after the enclosing object, so each message names its
//! field (`field `x` ...`), as serde's own "missing field" does.

use std::collections::HashMap;

use serde::de::{Deserialize, Deserializer, Error};

use super::shape::{List, Map, Text};
use super::BankTransaction;

/// `name` of a company: `minLength: 1`.
pub(crate) fn non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(D::Error::custom("field `name` must not be empty"));
    }
    Ok(Text)
}

pub(crate) fn non_empty_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    non_empty(d).map(Some)
}

/// `platformKey`: exactly four lower-case letters (`minLength`/`maxLength` 4, `[a-z]{4}`).
pub(crate) fn platform_key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    let s = String::deserialize(d)?;
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(D::Error::custom(
            "field `platformKey` must be four lower-case letters, such as `gbol`",
        ));
    }
    Ok(Some(Text))
}

/// Company `tags`: at most 10, names of 1 to 27 characters, values of at most 100.
pub(crate) fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Map<Text>>, D::Error> {
    let tags = HashMap::<String, String>::deserialize(d)?;
    if tags.len() > 10 {
        return Err(D::Error::custom(format!(
            "field `tags` has {} tags; at most 10 are allowed",
            tags.len()
        )));
    }
    for (name, value) in &tags {
        let n = name.chars().count();
        if n == 0 || n > 27 {
            return Err(D::Error::custom(format!(
                "field `tags`: tag name `{name}` must be 1 to 27 characters"
            )));
        }
        if value.chars().count() > 100 {
            return Err(D::Error::custom(format!(
                "field `tags`: tag `{name}` is longer than 100 characters"
            )));
        }
    }
    Ok(Some(Map::new()))
}

/// `transactions` of one push: `maxItems: 1000`.
pub(crate) fn at_most_1000<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<List<BankTransaction>, D::Error> {
    let count = List::<BankTransaction>::counted(d)?;
    if count > 1000 {
        return Err(D::Error::custom(format!(
            "field `transactions` has {} transactions; at most 1000 can be pushed at once",
            count
        )));
    }
    Ok(List::new())
}

#[cfg(test)]
mod tests {
    use crate::models::{CompanyRequestBody, CreateConnectionRequestBody};
    use crate::operation::validate;

    #[test]
    fn request_rules() {
        assert!(validate::<CreateConnectionRequestBody>(r#"{"platformKey":"gbol"}"#).is_ok());
        assert!(validate::<CreateConnectionRequestBody>(r#"{}"#).is_ok());
        let err =
            validate::<CreateConnectionRequestBody>(r#"{"platformKey":"toolong"}"#).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.platformKey");
        assert!(validate::<CreateConnectionRequestBody>(r#"{"platformKey":"GBOL"}"#).is_err());
        assert!(validate::<CompanyRequestBody>(r#"{"name":""}"#).is_err());
        let eleven: Vec<String> = (0..11).map(|i| format!(r#""t{i}":"v""#)).collect();
        let body = format!(r#"{{"name":"x","tags":{{{}}}}}"#, eleven.join(","));
        assert_eq!(
            validate::<CompanyRequestBody>(&body).unwrap_err().field(""),
            "tags"
        );
    }
}
