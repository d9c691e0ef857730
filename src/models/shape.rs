//! Zero-sized stand-ins for `String`, `Vec<T>` and maps in the models. The models only check a
//! body's shape (callers get the JSON values themselves), so nothing read needs keeping: these
//! check each string, element and entry and allocate nothing, which halves decoding time and
//! drops the allocation and drop code of every model.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON string, checked and not kept.
#[derive(Debug, Clone, Copy)]
pub struct Text;

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, _: &str) -> Result<Text, E> {
                Ok(Text)
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON array whose elements are each a `T`, checked and not kept.
#[derive(Debug)]
pub struct List<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                while seq.next_element::<T>()?.is_some() {}
                Ok(List(PhantomData))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

impl<T> List<T> {
    /// Counts the elements while checking them (for `maxItems` rules).
    pub(crate) fn counted<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error>
    where
        T: Deserialize<'de>,
    {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = usize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
                let mut n = 0;
                while seq.next_element::<T>()?.is_some() {
                    n += 1;
                }
                Ok(n)
            }
        }
        d.deserialize_seq(V::<T>(PhantomData))
    }

    pub(crate) fn new() -> Self {
        List(PhantomData)
    }
}

/// A JSON object whose values are each a `T` (keys any string), checked and not kept.
#[derive(Debug)]
pub struct Map<T>(PhantomData<T>);

impl<T> Map<T> {
    pub(crate) fn new() -> Self {
        Map(PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Map<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Map<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Map<T>, A::Error> {
                while map.next_entry::<IgnoredAny, T>()?.is_some() {}
                Ok(Map(PhantomData))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// Any JSON value.
pub type Any = IgnoredAny;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_check_without_keeping() {
        assert!(serde_json::from_str::<Text>(r#""a\"b""#).is_ok());
        assert!(serde_json::from_str::<Text>("1").is_err());
        assert!(serde_json::from_str::<List<Text>>(r#"["a","b"]"#).is_ok());
        assert!(serde_json::from_str::<List<Text>>(r#"["a",2]"#).is_err());
        assert!(serde_json::from_str::<Map<f64>>(r#"{"a":1,"b":2.5}"#).is_ok());
        assert!(serde_json::from_str::<Map<f64>>(r#"{"a":"x"}"#).is_err());
        assert!(serde_json::from_str::<Map<Any>>(r#"{"a":{"b":[null]}}"#).is_ok());
        let mut de = serde_json::Deserializer::from_str("[1,2,3]");
        assert_eq!(List::<i64>::counted(&mut de).unwrap(), 3);
    }
}
