//! The shape of every model as static data, and one validator that walks a JSON text against
//! it. A derived `Deserialize` per model compiled ~90 copies of the same parsing logic into the
//! `.wasm`; a table per model and a single generic walker check the same things in a fraction
//! of the bytes. Nothing read is kept: callers get the JSON values themselves.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::value::RawValue;

/// What a JSON value must be.
#[derive(Debug)]
pub enum Schema {
    /// A string (dates, ids and enums too: an enum value added later still passes).
    Str,
    /// An integer that fits `i64`.
    Int,
    /// An integer that fits `i32` (`format: int32`).
    Int32,
    /// Any number.
    Num,
    Bool,
    /// Any JSON value.
    Any,
    /// An object with these known fields (named, for messages); other fields are ignored.
    Object(&'static str, &'static [Field]),
    /// An array whose elements are each the inner schema.
    List(&'static Schema),
    /// An object whose values are each the inner schema (keys any string).
    Map(&'static Schema),
    /// `null`, or the inner schema.
    Nullable(&'static Schema),
    /// The first of these that fits (a `oneOf` without discriminator), named for messages.
    OneOf(&'static str, &'static [&'static Schema]),
    /// The inner schema plus a request-side rule the spec states beyond types.
    Checked(Check, &'static Schema),
}

/// A known field of an object.
#[derive(Debug)]
pub struct Field {
    /// The JSON name.
    pub name: &'static str,
    pub schema: &'static Schema,
    /// Must be present and not `null`. Optional fields, and required nullable ones, may be
    /// absent or `null`.
    pub required: bool,
}

/// Request-side rules beyond types (lengths, counts, the platform-key pattern), checked before
/// sending. Responses are not held to them: the server's data is what it is. serde_json places
/// custom errors after the enclosing value, so each message names its field (`field `x` ...`),
/// as serde's own "missing field" does.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// A company `name`: `minLength: 1`, and not only spaces.
    NonEmptyName,
    /// `platformKey`: exactly four lower-case letters (`minLength`/`maxLength` 4, `[a-z]{4}`).
    PlatformKey,
    /// Company `tags`: at most 10, names of 1 to 27 characters, values of at most 100.
    Tags,
    /// `transactions` of one push: `maxItems: 1000`.
    AtMost1000Transactions,
}

/// A type whose JSON shape is known: the models, and arrays of them.
pub trait Model {
    const SCHEMA: &'static Schema;
}

impl<T: Model> Model for Vec<T> {
    const SCHEMA: &'static Schema = &Schema::List(T::SCHEMA);
}

// Scalar bodies: an operation of a later spec may answer a bare string, number or boolean.
impl Model for super::shape::Text {
    const SCHEMA: &'static Schema = &Schema::Str;
}

impl Model for super::shape::Any {
    const SCHEMA: &'static Schema = &Schema::Any;
}

impl Model for i64 {
    const SCHEMA: &'static Schema = &Schema::Int;
}

impl Model for i32 {
    const SCHEMA: &'static Schema = &Schema::Int32;
}

impl Model for f64 {
    const SCHEMA: &'static Schema = &Schema::Num;
}

impl Model for bool {
    const SCHEMA: &'static Schema = &Schema::Bool;
}

thread_local! {
    /// Whether the text being checked is a request body (see `strictly`).
    static REQUEST: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` checking request bodies: there a number field takes `null` only where the spec
/// says nullable, so what `JSON.stringify` makes of `NaN` and `Infinity` is refused. (Other
/// optional fields take `null` as before, a PUT's way to clear one; and a response's may be
/// `null` whatever the spec says: the API sends it so.)
pub fn strictly<R>(f: impl FnOnce() -> R) -> R {
    REQUEST.set(true);
    let result = f();
    REQUEST.set(false);
    result
}

/// Checks `text` against `schema`; serde_json's error gives the position and the reason.
pub fn check(schema: &'static Schema, text: &str) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    Seed(schema).deserialize(&mut de)?;
    de.end()
}

#[derive(Clone, Copy)]
struct Seed(&'static Schema);

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0 {
            Schema::Str => d.deserialize_str(Walk(self.0)),
            Schema::Int => i64::deserialize(d).map(drop),
            Schema::Int32 => i32::deserialize(d).map(drop),
            Schema::Num => f64::deserialize(d).map(drop),
            Schema::Bool => bool::deserialize(d).map(drop),
            Schema::Any => IgnoredAny::deserialize(d).map(drop),
            Schema::Object(..) | Schema::Map(_) => d.deserialize_map(Walk(self.0)),
            Schema::List(_) => d.deserialize_seq(Walk(self.0)),
            Schema::Nullable(inner) => d.deserialize_option(OrNull(inner)),
            Schema::OneOf(name, alternatives) => {
                // Trying each alternative needs the value more than once: keep its text.
                let raw = <&RawValue>::deserialize(d)?;
                if alternatives.iter().any(|s| check(s, raw.get()).is_ok()) {
                    return Ok(());
                }
                Err(D::Error::custom(format_args!(
                    "the value matches none of the variants of {name}"
                )))
            }
            Schema::Checked(rule, inner) => checked(*rule, inner, d),
        }
    }
}

/// The visitor for composite and string schemas: one type for all, so one copy of the code.
#[derive(Clone, Copy)]
struct Walk(&'static Schema);

impl<'de> Visitor<'de> for Walk {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Schema::Object(name, _) => write!(f, "{} {name} object", article(name)),
            Schema::Map(_) => f.write_str("an object"),
            Schema::List(_) => f.write_str("an array"),
            _ => f.write_str("a string"),
        }
    }

    // Only reached through `deserialize_str`, for `Schema::Str`.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Schema::List(item) = self.0 else {
            return Err(A::Error::invalid_type(de::Unexpected::Seq, &self));
        };
        while seq.next_element_seed(Seed(item))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.0 {
            Schema::Map(value) => {
                while map.next_key::<IgnoredAny>()?.is_some() {
                    map.next_value_seed(Seed(value))?;
                }
                Ok(())
            }
            Schema::Object(_, fields) => object(fields, map),
            _ => Err(A::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

/// The known fields are checked; unknown ones are skipped; a required one missing is named.
fn object<'de, A: MapAccess<'de>>(fields: &'static [Field], mut map: A) -> Result<(), A::Error> {
    // The generator keeps every object under 64 fields.
    let mut seen = 0u64;
    while let Some(index) = map.next_key_seed(Key(fields))? {
        let Some(i) = index else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        let field = &fields[i];
        if field.required {
            map.next_value_seed(Seed(field.schema))?;
        } else {
            map.next_value_seed(Optional(field.schema))?;
        }
        seen |= 1 << i;
    }
    match fields
        .iter()
        .enumerate()
        .find(|(i, f)| f.required && seen & (1 << i) == 0)
    {
        Some((_, f)) => Err(A::Error::missing_field(f.name)),
        None => Ok(()),
    }
}

/// An object key, looked up among the known fields without being kept.
struct Key(&'static [Field]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|f| f.name == key))
    }
}

/// An optional field's value: `null`, or its schema.
struct Optional(&'static Schema);

impl<'de> DeserializeSeed<'de> for Optional {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let inner = match self.0 {
            Schema::Nullable(inner) => inner,
            number @ (Schema::Num | Schema::Int | Schema::Int32) if REQUEST.get() => {
                return Seed(number).deserialize(d)
            }
            other => other,
        };
        d.deserialize_option(OrNull(inner))
    }
}

/// `null`, or the inner schema.
struct OrNull(&'static Schema);

impl<'de> Visitor<'de> for OrNull {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "null or {}", Expected(self.0))
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        Seed(self.0).deserialize(d)
    }
}

/// How a schema reads in an "expected ..." message.
struct Expected(&'static Schema);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Schema::Int => f.write_str("i64"),
            Schema::Int32 => f.write_str("i32"),
            Schema::Num => f.write_str("f64"),
            Schema::Bool => f.write_str("a boolean"),
            Schema::Any => f.write_str("any value"),
            Schema::OneOf(name, _) => write!(f, "{} {name}", article(name)),
            Schema::Checked(_, inner) => Expected(inner).fmt(f),
            other => Walk(other).expecting(f),
        }
    }
}

fn article(name: &str) -> &'static str {
    if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn checked<'de, D: Deserializer<'de>>(
    rule: Check,
    inner: &'static Schema,
    d: D,
) -> Result<(), D::Error> {
    match rule {
        Check::NonEmptyName => {
            let s = String::deserialize(d)?;
            if s.trim().is_empty() {
                return Err(D::Error::custom("field `name` must not be empty"));
            }
        }
        Check::PlatformKey => {
            let s = String::deserialize(d)?;
            if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(D::Error::custom(
                    "field `platformKey` must be four lower-case letters, such as `gbol`",
                ));
            }
        }
        Check::Tags => {
            let tags = std::collections::BTreeMap::<String, String>::deserialize(d)?;
            if tags.len() > 10 {
                return Err(D::Error::custom(format_args!(
                    "field `tags` has {} tags; at most 10 are allowed",
                    tags.len()
                )));
            }
            for (name, value) in &tags {
                let n = name.chars().count();
                if n == 0 || n > 27 {
                    return Err(D::Error::custom(format_args!(
                        "field `tags`: tag name `{name}` must be 1 to 27 characters"
                    )));
                }
                if value.chars().count() > 100 {
                    return Err(D::Error::custom(format_args!(
                        "field `tags`: tag `{name}` is longer than 100 characters"
                    )));
                }
            }
        }
        Check::AtMost1000Transactions => {
            let Schema::List(item) = inner else {
                return Seed(inner).deserialize(d);
            };
            let count = d.deserialize_seq(Count(item))?;
            if count > 1000 {
                return Err(D::Error::custom(format_args!(
                    "field `transactions` has {count} transactions; at most 1000 can be pushed at once"
                )));
            }
        }
    }
    Ok(())
}

/// An array checked element by element, and counted (for `maxItems` rules).
struct Count(&'static Schema);

impl<'de> Visitor<'de> for Count {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while seq.next_element_seed(Seed(self.0))?.is_some() {
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ITEM: Schema = Schema::Object(
        "Item",
        &[
            Field {
                name: "id",
                schema: &Schema::Str,
                required: true,
            },
            Field {
                name: "n",
                schema: &Schema::Int32,
                required: false,
            },
        ],
    );
    static ITEMS: Schema = Schema::List(&Schema::Nullable(&ITEM));

    #[test]
    fn walks_the_table() {
        assert!(check(
            &ITEMS,
            r#"[{"id":"a"},null,{"id":"b","n":null,"x":[1,{"y":2}]}]"#
        )
        .is_ok());
        let err = check(&ITEMS, r#"[{"n":1}]"#).unwrap_err().to_string();
        assert!(err.starts_with("missing field `id`"), "{err}");
        let err = check(&ITEMS, r#"[{"id":"a","n":3000000000}]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected i32"), "{err}");
        let err = check(&ITEMS, r#"{"id":"a"}"#).unwrap_err().to_string();
        assert!(err.contains("expected an array"), "{err}");
        let err = check(&ITEMS, r#"["a"]"#).unwrap_err().to_string();
        assert!(err.contains("expected an Item object"), "{err}");
        assert!(check(&ITEM, r#"{"id":null}"#).is_err());
        assert!(check(&Schema::Map(&Schema::Str), r#"{"a":"b","c":null}"#).is_err());
        assert!(check(&Schema::Any, r#"{"a":[null,{"b":1.5}]}"#).is_ok());
        assert!(check(&ITEM, r#"{"id":"a"} x"#).is_err());
    }

    #[test]
    fn a_request_has_null_numbers_only_where_nullable() {
        let text = r#"[{"id":"a","n":null},null]"#;
        assert!(check(&ITEMS, text).is_ok(), "a response may");
        let err = strictly(|| check(&ITEMS, text)).unwrap_err().to_string();
        assert!(err.contains("invalid type: null, expected i32"), "{err}");
        assert!(strictly(|| check(&ITEMS, r#"[{"id":"a"},null]"#)).is_ok());
        assert!(check(&ITEMS, text).is_ok(), "strictness ends with the call");
        static TEXT: Schema = Schema::Object(
            "T",
            &[Field {
                name: "s",
                schema: &Schema::Str,
                required: false,
            }],
        );
        assert!(
            strictly(|| check(&TEXT, r#"{"s":null}"#)).is_ok(),
            "a string may be cleared"
        );
    }
}
