//! The shape of every model as static data, and one validator (walk.rs) that walks a JSON text
//! against it. A derived `Deserialize` per model compiled ~90 copies of the same parsing logic
//! into the `.wasm`; a table per model and a single generic walker check the same things in a
//! fraction of the bytes. Nothing read is kept: callers get the JSON values themselves.

use std::cell::Cell;

// Host-only, as its dev-dependencies are.
mod date;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod oracle;
mod shape;
mod walk;

pub use date::is_date;
pub use shape::{Any, IsoDate, List, Map, Text};
pub use walk::{check, Mismatch};

/// What a JSON value must be.
#[derive(Debug)]
pub enum Schema {
    /// A string (ids and enums too: an enum value added later still passes).
    Str,
    /// A string the spec types as a date: in a request, one `is_date` takes (date.rs); in a
    /// response any string, as Codat may write forms a request need not send.
    Date,
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
    /// One of some objects (a `oneOf` without discriminator): a value is checked as the
    /// variant its fields make it, and fails naming the field at fault, not the union.
    OneOf(&'static Union),
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

/// A `oneOf` of objects and what tells its variants apart, as the generator read them from
/// the spec. A value is the variants declaring a field it has (not `null`) that no other
/// declares (`accountInfo` makes a source account version 2, though version 1 would ignore
/// it); failing any, those whose required fields it has all; failing any, all of them. It fits
/// when one of those does, and otherwise fails as the first of them does.
#[derive(Debug)]
pub struct Union {
    /// The fields that decide, as an object named for the union (the name its `.d.ts` type
    /// has, for messages): each one only one variant declares, or one some variant requires.
    /// Their schemas are `Any`: whether a value has them is all that is read.
    pub fields: &'static Schema,
    pub variants: &'static [Variant],
}

/// A variant of a [`Union`]: its schema, and which of the union's `fields` (a bit each; the
/// generator keeps them under 32) only it declares and which it requires.
#[derive(Debug)]
pub struct Variant {
    pub schema: &'static Schema,
    pub own: u32,
    pub required: u32,
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
impl Model for shape::Text {
    const SCHEMA: &'static Schema = &Schema::Str;
}

impl Model for shape::Any {
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
        let err = check(&ITEMS, r#"[{"n":1}]"#).unwrap_err().reason;
        assert!(err.starts_with("missing field `id`"), "{err}");
        let err = check(&ITEMS, r#"[{"id":"a","n":3000000000}]"#)
            .unwrap_err()
            .reason;
        assert!(
            err.contains("expected a whole number from -2147483648 to 2147483647, got 3000000000"),
            "{err}"
        );
        let err = check(&ITEMS, r#"{"id":"a"}"#).unwrap_err().reason;
        assert!(err.contains("expected an array"), "{err}");
        let err = check(&ITEMS, r#"["a"]"#).unwrap_err().reason;
        assert!(err.contains("expected an Item object"), "{err}");
        assert!(check(&ITEM, r#"{"id":null}"#).is_err());
        assert!(check(&Schema::Map(&Schema::Str), r#"{"a":"b","c":null}"#).is_err());
        assert!(check(&Schema::Any, r#"{"a":[null,{"b":1.5}]}"#).is_ok());
        assert!(check(&ITEM, r#"{"id":"a"} x"#).is_err());
    }

    #[test]
    fn a_request_date_is_a_real_iso_8601_date_and_a_response_date_any_string() {
        static DAY: Schema = Schema::Object(
            "Day",
            &[Field {
                name: "day",
                schema: &Schema::Nullable(&Schema::Date),
                required: false,
            }],
        );
        for good in [
            r#"{"day":"2024-02-29"}"#,
            r#"{"day":"2022-10-23T00:00:00.000Z"}"#,
            r#"{"day":"2023-08-22T10:21:00-05:00"}"#,
            r#"{"day":null}"#,
            "{}",
        ] {
            assert!(strictly(|| check(&DAY, good)).is_ok(), "{good}");
        }
        for (bad, got) in [
            (r#"{"day":"2025-02-30"}"#, r#""2025-02-30""#),
            (r#"{"day":"yesterday"}"#, r#""yesterday""#),
            (r#"{"day":"11\/01\/2026"}"#, r#""11\/01\/2026""#),
        ] {
            let err = strictly(|| check(&DAY, bad)).unwrap_err();
            assert_eq!(err.path, "day");
            assert_eq!(
                err.reason,
                format!(
                    r#"expected a date such as "2025-01-31" or "2025-01-31T00:00:00Z", got {got}"#
                )
            );
            assert!(
                check(&DAY, bad).is_ok(),
                "a response's date may be any string"
            );
        }
        let err = check(&DAY, r#"{"day":20250131}"#).unwrap_err().reason;
        assert!(
            err.ends_with("\"2025-01-31T00:00:00Z\", got 20250131"),
            "{err}"
        );
    }

    /// Two variants as the spec's source accounts are: `WIDE` (version 2) requires more and has
    /// a field of its own, `info`; `NARROW` (version 1) ignores it.
    static INFO: Schema = Schema::Object(
        "Info",
        &[Field {
            name: "day",
            schema: &Schema::Date,
            required: false,
        }],
    );
    static WIDE: Schema = Schema::Object(
        "Wide",
        &[
            Field {
                name: "id",
                schema: &Schema::Str,
                required: true,
            },
            Field {
                name: "name",
                schema: &Schema::Str,
                required: true,
            },
            Field {
                name: "when",
                schema: &Schema::Date,
                required: false,
            },
            Field {
                name: "info",
                schema: &INFO,
                required: false,
            },
        ],
    );
    static NARROW: Schema = Schema::Object(
        "Narrow",
        &[
            Field {
                name: "id",
                schema: &Schema::Str,
                required: true,
            },
            Field {
                name: "name",
                schema: &Schema::Str,
                required: false,
            },
            Field {
                name: "when",
                schema: &Schema::Date,
                required: false,
            },
        ],
    );
    /// As the generator writes it: `info` only `WIDE` declares; `id` both require, `name`
    /// only `WIDE`.
    static EITHER: Schema = Schema::OneOf(&Union {
        fields: &Schema::Object(
            "Either",
            &[
                Field {
                    name: "id",
                    schema: &Schema::Any,
                    required: false,
                },
                Field {
                    name: "name",
                    schema: &Schema::Any,
                    required: false,
                },
                Field {
                    name: "info",
                    schema: &Schema::Any,
                    required: false,
                },
            ],
        ),
        variants: &[
            Variant {
                schema: &WIDE,
                own: 0b100,
                required: 0b011,
            },
            Variant {
                schema: &NARROW,
                own: 0,
                required: 0b001,
            },
        ],
    });
    static EITHERS: Schema = Schema::List(&EITHER);

    #[test]
    fn a_one_of_is_the_variant_its_fields_make_it() {
        fn at(schema: &'static Schema, text: &str) -> (String, String) {
            let err = strictly(|| check(schema, text)).unwrap_err();
            (err.field(""), err.reason)
        }
        let date = |got: &str| format!("expected {}, got {got}", date::DATE);
        // A field only `WIDE` declares makes it `WIDE`, though `NARROW` would ignore it.
        let text = r#"{"id":"a","info":{"day":"2024-13-45"}}"#;
        assert_eq!(
            at(&EITHER, text),
            ("info.day".into(), date(r#""2024-13-45""#))
        );
        assert_eq!(
            at(&EITHERS, &format!(r#"[{{"id":"a"}},{{"id":"b"}},{text}]"#)),
            ("[2].info.day".into(), date(r#""2024-13-45""#))
        );
        assert_eq!(
            at(&EITHER, r#"{"id":"a","info":{}}"#),
            ("name".into(), "missing field `name`".into())
        );
        // Unless it is `null`: then the required fields decide.
        assert!(strictly(|| check(&EITHER, r#"{"id":"a","info":null}"#)).is_ok());
        // Only `NARROW` has its required fields: it fails as `NARROW` does.
        assert_eq!(
            at(&EITHER, r#"{"id":"a","when":"yesterday"}"#),
            ("when".into(), date(r#""yesterday""#))
        );
        assert_eq!(
            at(&EITHER, r#"{"id":"a","name":null,"when":"yesterday"}"#),
            ("when".into(), date(r#""yesterday""#))
        );
        // Both have theirs, neither fits: the first one's failure.
        assert_eq!(
            at(&EITHER, r#"{"id":"a","name":"n","when":"2025-02-30"}"#),
            ("when".into(), date(r#""2025-02-30""#))
        );
        // Neither has: the first one's failure.
        assert_eq!(
            at(&EITHER, r#"{"name":"n"}"#),
            ("id".into(), "missing field `id`".into())
        );
        // Not an object: the type error names the union.
        for (text, got) in [
            ("5", "5"),
            ("null", "null"),
            (r#"[{"id":"a"}]"#, "an array"),
        ] {
            assert_eq!(
                at(&EITHER, text),
                (
                    String::new(),
                    format!("expected an Either object, got {got}")
                )
            );
        }
        for good in [
            r#"{"id":"a","name":"n","info":{"day":"2024-02-29"},"x":1}"#,
            r#"{"id":"a","name":"n","when":"2024-02-29"}"#,
            r#"{"id":"a","name":null}"#,
            r#"{"id":"a"}"#,
        ] {
            assert!(strictly(|| check(&EITHER, good)).is_ok(), "{good}");
        }
        // A response is held to its variant as well, its dates to no form.
        assert!(check(
            &EITHER,
            r#"{"id":"a","name":"n","info":{"day":"yesterday"}}"#
        )
        .is_ok());
        let err = check(&EITHER, r#"{"id":"a","name":"n","info":{"day":5}}"#).unwrap_err();
        assert_eq!((err.field(""), err.reason), ("info.day".into(), date("5")));
    }

    #[test]
    fn a_request_has_null_numbers_only_where_nullable() {
        let text = r#"[{"id":"a","n":null},null]"#;
        assert!(check(&ITEMS, text).is_ok(), "a response may");
        let err = strictly(|| check(&ITEMS, text)).unwrap_err().reason;
        assert!(err.contains("expected a whole number, got null"), "{err}");
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
