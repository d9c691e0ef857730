//! The validator this crate had before walk.rs: serde_json driven by the same tables. Kept for
//! the host tests only, as the reference walk.rs is checked against (same verdicts, same
//! messages once serde's are put in walk.rs's JavaScript words by `in_js_words`), with
//! serde_json a dev-dependency: none of it reaches the `.wasm`. Its date rule is its own
//! (`reference_date`), written apart from date.rs, so the two check each other.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::value::RawValue;

use super::{Check, Field, Schema, REQUEST};

/// Checks `text` against `schema`; serde_json's error gives the position and the reason.
pub(super) fn check(schema: &'static Schema, text: &str) -> Result<(), serde_json::Error> {
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
            Schema::Str | Schema::Date => d.deserialize_str(Walk(self.0)),
            Schema::Int => i64::deserialize(d).map(drop),
            Schema::Int32 => i32::deserialize(d).map(drop),
            Schema::Num => f64::deserialize(d).map(drop),
            Schema::Bool => bool::deserialize(d).map(drop),
            Schema::Any => IgnoredAny::deserialize(d).map(drop),
            Schema::Object(..) | Schema::Map(_) => d.deserialize_map(Walk(self.0)),
            Schema::List(_) => d.deserialize_seq(Walk(self.0)),
            Schema::Nullable(inner) => d.deserialize_option(OrNull(inner)),
            Schema::OneOf(union) => {
                // Trying each alternative needs the value more than once: keep its text.
                let raw = <&RawValue>::deserialize(d)?;
                let text = raw.get();
                let alternatives: Vec<_> = union.variants.iter().map(|v| v.schema).collect();
                let failure = match variants(&alternatives, text) {
                    None => not_an_object(self.0, text),
                    Some(variants) => {
                        if variants.iter().any(|s| check(s, text).is_ok()) {
                            return Ok(());
                        }
                        match mismatch(variants[0], text) {
                            Ok(()) => return Ok(()),
                            Err(failure) => failure,
                        }
                    }
                };
                // A custom error carries only text: the value's address, to find its path.
                Err(D::Error::custom(format_args!(
                    "{ONE_OF}{}{ONE_OF}{}{ONE_OF}{}",
                    text.as_ptr() as usize,
                    failure.path,
                    failure.reason
                )))
            }
            Schema::Checked(rule, inner) => checked(*rule, inner, d),
        }
    }
}

/// Marks a `oneOf`'s failure passed up as a custom error (see `one_of_failure`).
const ONE_OF: char = '\u{1}';

/// The alternatives a `oneOf` value can be, as `Union` says, decided apart from the
/// generator's table of what decides (from the alternatives' own tables, on the keys serde
/// reads): those declaring a key the value has (not `null`) that no other declares; failing
/// any, those whose required fields it has all; failing any, all. `None` when the value is
/// not an object.
fn variants(alternatives: &[&'static Schema], text: &str) -> Option<Vec<&'static Schema>> {
    let Keys(keys) = serde_json::from_str(text).ok()?;
    let declares = |s: &Schema, key: &str| matches!(s, Schema::Object(_, fields) if fields.iter().any(|f| f.name == key));
    let own = |s: &Schema| {
        (keys.iter())
            .any(|k| declares(s, k) && alternatives.iter().filter(|t| declares(t, k)).count() == 1)
    };
    let complete = |s: &Schema| match s {
        Schema::Object(_, fields) => (fields.iter())
            .filter(|f| f.required)
            .all(|f| keys.iter().any(|k| k == f.name)),
        _ => true,
    };
    for rule in [&own as &dyn Fn(&Schema) -> bool, &complete] {
        let chosen: Vec<_> = alternatives.iter().copied().filter(|s| rule(s)).collect();
        if !chosen.is_empty() {
            return Some(chosen);
        }
    }
    Some(alternatives.to_vec())
}

/// An object's keys whose values are not `null`.
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        d.deserialize_map(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = Keys;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if map.next_value::<Option<IgnoredAny>>()?.is_some() {
                keys.push(key);
            }
        }
        Ok(Keys(keys))
    }
}

/// A value that is not an object where a `oneOf` is expected: the type error serde gives a
/// map, naming the union.
fn not_an_object(schema: &'static Schema, text: &str) -> super::Mismatch {
    let mut de = serde_json::Deserializer::from_str(text);
    let reason = match de.deserialize_map(Expecting(schema)) {
        Ok(()) => String::new(),
        Err(e) => in_js_words(&without_position(e.to_string())),
    };
    super::Mismatch {
        path: String::new(),
        reason,
    }
}

/// A visitor that takes nothing, expecting `schema`.
struct Expecting(&'static Schema);

impl<'de> Visitor<'de> for Expecting {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", Expected(self.0))
    }
}

/// A `oneOf`'s failure as the seed passed it up: the path of the value (at its address in
/// `text`) joined to the path within it.
fn one_of_failure(text: &str, reason: &str) -> Option<super::Mismatch> {
    let mut parts = reason.strip_prefix(ONE_OF)?.splitn(3, ONE_OF);
    let address = parts.next()?.parse::<usize>().ok()?;
    let (inner, reason) = (parts.next()?, parts.next()?);
    let mut path = path_at(text, address.checked_sub(text.as_ptr() as usize)?);
    if !path.is_empty() && !inner.is_empty() && !inner.starts_with('[') {
        path.push('.');
    }
    path.push_str(inner);
    Some(super::Mismatch {
        path,
        reason: reason.to_string(),
    })
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
            Schema::Date => f.write_str(DATE_WORDS),
            _ => f.write_str("a string"),
        }
    }

    // Only reached through `deserialize_str`, for `Schema::Str` and `Schema::Date`.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        if matches!(self.0, Schema::Date) && REQUEST.get() && !reference_date(text) {
            return Err(E::invalid_value(de::Unexpected::Str(text), &self));
        }
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
            Schema::OneOf(union) => Expected(union.fields).fmt(f),
            Schema::Checked(_, inner) => Expected(inner).fmt(f),
            other => Walk(other).expecting(f),
        }
    }
}

/// What a request's date fields take, as walk.rs words it (spelled out again here, so a change
/// of either is noticed).
const DATE_WORDS: &str = r#"a date such as "2025-01-31" or "2025-01-31T00:00:00Z""#;

/// The date rule, written apart from date.rs: the shape by a template, the day by a round trip
/// through a count of days (a day the calendar lacks comes back as another).
fn reference_date(text: &str) -> bool {
    let template = |s: &str, t: &str| {
        s.len() == t.len()
            && s.chars().zip(t.chars()).all(|(c, t)| match t {
                'd' => c.is_ascii_digit(),
                _ => c == t,
            })
    };
    let n = |s: &str| s.parse::<i64>().unwrap_or(-1);
    let (date, time) = text.split_at(text.len().min(10));
    if !template(date, "dddd-dd-dd") {
        return false;
    }
    let (y, m, d) = (n(&date[..4]), n(&date[5..7]), n(&date[8..]));
    if y < 1
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || civil(days(y, m, d)) != (y, m, d)
    {
        return false;
    }
    if time.is_empty() {
        return true;
    }
    if time.len() < 9 || !template(&time[..9], "Tdd:dd:dd") {
        return false;
    }
    let (hh, mm, ss) = (n(&time[1..3]), n(&time[4..6]), n(&time[7..9]));
    if hh > 23 || mm > 59 || ss > 59 {
        return false;
    }
    let mut zone = &time[9..];
    if let Some(rest) = zone.strip_prefix('.') {
        let fraction = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if fraction == 0 {
            return false;
        }
        zone = &rest[fraction..];
    }
    if zone.is_empty() || zone == "Z" {
        return true;
    }
    let offset = &zone[zone.len().min(1)..];
    zone.starts_with(['+', '-'])
        && template(offset, "dd:dd")
        && n(&offset[..2]) < 24
        && n(&offset[3..]) < 60
}

/// Days since 0000-03-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`, from
/// an era of 400 years), and back.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let (era, yoe) = (y.div_euclid(400), y.rem_euclid(400));
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
}

fn civil(days: i64) -> (i64, i64, i64) {
    let (era, doe) = (days.div_euclid(146_097), days.rem_euclid(146_097));
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (era * 400 + yoe + i64::from(m <= 2), m, d)
}

/// serde's `invalid type: string "x", expected f64` as walk.rs words it: `expected a number,
/// got "x"` (a string as `serde_json` writes it, a number as written, a kind by its JS name).
fn in_js_words(reason: &str) -> String {
    let (range, rest) = match (
        reason.strip_prefix("invalid type: "),
        reason.strip_prefix("invalid value: "),
    ) {
        (Some(rest), _) => (false, rest),
        (_, Some(rest)) => (true, rest),
        _ => return reason.to_string(),
    };
    let Some((got, expected)) = rest.rsplit_once(", expected ") else {
        return reason.to_string();
    };
    let got = match got {
        "sequence" => "an array".to_string(),
        "map" => "an object".to_string(),
        "null" => "null".to_string(),
        "boolean `true`" => "true".to_string(),
        "boolean `false`" => "false".to_string(),
        _ => match (got.strip_prefix("string "), got.split_once('`')) {
            (Some(debug), _) => serde_json::to_string(&from_debug(debug)).unwrap_or_default(),
            (None, Some((_, number))) => number.trim_end_matches('`').to_string(),
            _ => got.to_string(),
        },
    };
    let expected = match expected {
        "f64" => "a number",
        "i64" if range => "a whole number from -9223372036854775808 to 9223372036854775807",
        "i32" if range => "a whole number from -2147483648 to 2147483647",
        "i64" | "i32" => "a whole number",
        "a boolean" => "true or false",
        "a map" => "an object",
        other => other,
    };
    format!("expected {expected}, got {got}")
}

/// The string a Rust `{:?}` wrote (serde's messages quote strings so).
fn from_debug(debug: &str) -> String {
    let inner = &debug[1..debug.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
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

/// The old validator's verdict as walk.rs gives one: serde_json's position turned into a path.
pub(super) fn mismatch(schema: &'static Schema, text: &str) -> Result<(), super::Mismatch> {
    check(schema, text).map_err(|e| {
        if let Some(failure) = one_of_failure(text, &without_position(e.to_string())) {
            return failure;
        }
        let offset = byte_offset(text, e.line(), e.column());
        super::Mismatch {
            path: path_at(text, offset),
            reason: in_js_words(&without_position(e.to_string())),
        }
    })
}

/// serde_json counts lines and columns from 1; column 0 means "before the line".
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

enum Frame<'a> {
    Object {
        key: Option<&'a str>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The JSON path (`transactions[3].amount`) of the value being read at byte `offset` of
/// `text`; empty at the root. Tolerates malformed JSON: it only tracks nesting.
fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = text.get(start..i.min(bytes.len()));
                        *expect_key = false;
                    }
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// serde_json appends the text position; the path already says where.
fn without_position(mut reason: String) -> String {
    if let Some(at) = reason.rfind(" at line ") {
        reason.truncate(at);
    }
    reason
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{check as walk, is_date, strictly, Mismatch, Model, Schema};
    use super::{mismatch as reference, reference_date};
    use crate::models::tests::EXAMPLES;
    use crate::models::*;

    const SCHEMAS: &[&Schema] = &[
        Company::SCHEMA,
        Companies::SCHEMA,
        CompanyAccessToken::SCHEMA,
        Connection::SCHEMA,
        Connections::SCHEMA,
        SourceAccountV2OrV1::SCHEMA,
        <Vec<SourceAccountV2OrV1>>::SCHEMA,
        SourceAccountPrototypeV2OrV1::SCHEMA,
        <Vec<SourceAccountPrototypeV2OrV1>>::SCHEMA,
        SourceAccount::SCHEMA,
        <Vec<SourceAccountBatchResult>>::SCHEMA,
        BankAccountCredentials::SCHEMA,
        GenerateOtpResponse::SCHEMA,
        <Vec<BankFeedMapping>>::SCHEMA,
        BankFeedAccountMappingResponse::SCHEMA,
        BankFeedAccountMapping::SCHEMA,
        CompanyInformation::SCHEMA,
        BankAccounts::SCHEMA,
        PushOption::SCHEMA,
        BankAccountCreateResponse::SCHEMA,
        CreateBankTransactionsResponse::SCHEMA,
        PushOperation::SCHEMA,
        PushOperations::SCHEMA,
        SyncStatusResult::SCHEMA,
        StartScheduledSyncResult::SCHEMA,
        ErrorMessageData::SCHEMA,
        CompanyRequestBody::SCHEMA,
        CompanyUpdateRequest::SCHEMA,
        CreateBankTransactions::SCHEMA,
        <Vec<BankTransaction>>::SCHEMA,
        <i64>::SCHEMA,
        <i32>::SCHEMA,
        <f64>::SCHEMA,
        <bool>::SCHEMA,
        Text::SCHEMA,
        Any::SCHEMA,
    ];

    /// What a JSON text can be spliced with: each kind of value, and broken grammar.
    const TOKENS: &[&str] = &[
        "1",
        "-1",
        "0",
        "-0",
        "1.5",
        "2.50",
        "1e3",
        "1e999",
        "-1e999",
        "01",
        "1.",
        "1e",
        "-",
        "18446744073709551616",
        "9223372036854775808",
        "-9223372036854775809",
        "2147483648",
        "\"x\"",
        "\"\"",
        "\"  \"",
        "\"a\\\"b\"",
        "\"\\u00e9\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"\\ud83d\\ude00\"",
        "\"\\q\"",
        "\"\\u12\"",
        "\"\t\"",
        "\"2024-02-29\"",
        "\"2025-02-29\"",
        "\"2025-02-30T10:21:00\"",
        "\"2023-08-22T10:21:00.5+01:00\"",
        "\"2022-10-23T00:00:00.000Z\"",
        "\"11/01/2026\"",
        "\"\\u0032023-08-22\"",
        "null",
        "nul",
        "true",
        "tru",
        "false",
        "[]",
        "[1,]",
        "{}",
        "{\"a\":1,}",
        "{1:2}",
        "[",
        "{",
        "]",
        "}",
        ",",
        ":",
        "x",
        " ",
    ];

    /// The value a type error names (`expected a number, got <value>`) as both can be
    /// compared: a number taken out, to be compared as one (serde printed a float as Rust's
    /// `Display` does, walk.rs as the text has it), and a string as serde_json writes the text
    /// it holds (walk.rs shows it with the escapes the JSON text has).
    fn values_apart(reason: &str) -> (String, Option<f64>) {
        let Some((head, got)) = reason.split_once(", got ") else {
            return (reason.to_string(), None);
        };
        if let Ok(number) = got.parse::<f64>() {
            return (format!("{head}, got _"), Some(number));
        }
        match serde_json::from_str::<String>(got) {
            Ok(text) => (
                format!("{head}, got {}", serde_json::to_string(&text).unwrap()),
                None,
            ),
            Err(_) => (reason.to_string(), None),
        }
    }

    /// A type error (`expected a number, got "x"`, a date refused) or a missing field: where
    /// serde_json's position was the value's.
    fn names_the_value(reason: &str) -> bool {
        reason.starts_with("expected ") && reason.contains(", got ")
            || reason.starts_with("missing field")
    }

    /// serde_json's own parse is not always correctly rounded.
    fn close(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a == b || ((a - b) / a).abs() < 1e-12,
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    /// The two agree on the verdict and the reason, and on the path where serde_json's
    /// position was the value's: a type error (a date refused too) or a missing field, a
    /// `oneOf`'s variant's too. Elsewhere its path was where its reader stopped, which walk.rs
    /// does not copy: for a syntax error (walk.rs names the last value it entered), and for the
    /// custom errors of the field rules (serde_json places them after the enclosing container's
    /// closing bracket, or, when more follows, after the value: `{"name":"","x":1}` was
    /// `name.name`). walk.rs names their enclosing object: `the_paths_of_custom_errors` pins them.
    fn same(schema: &'static Schema, text: &str) -> Result<(), String> {
        let normal = |r: Result<(), Mismatch>| {
            r.map_err(|m| {
                let path = if names_the_value(&m.reason) {
                    m.path
                } else {
                    "(syntax)".to_string()
                };
                (path, values_apart(&m.reason))
            })
        };
        for strict in [false, true] {
            let run = |f: &dyn Fn() -> Result<(), Mismatch>| {
                if strict {
                    strictly(f)
                } else {
                    f()
                }
            };
            let ours = normal(run(&|| walk(schema, text)));
            let theirs = normal(run(&|| reference(schema, text)));
            let agree = match (&ours, &theirs) {
                (Err((p, (r, a))), Err((q, (s, b)))) => p == q && r == s && close(*a, *b),
                _ => ours == theirs,
            };
            if !agree {
                return Err(format!(
                    "{text}\n  walk.rs:    {ours:?}\n  serde_json: {theirs:?} (strict: {strict})"
                ));
            }
        }
        Ok(())
    }

    fn splice(text: &str, at: usize, cut: usize, token: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + cut).min(chars.len());
        chars[..at]
            .iter()
            .chain(token.chars().collect::<Vec<_>>().iter())
            .chain(chars[end..].iter())
            .collect()
    }

    #[test]
    fn the_spec_examples_as_serde_json_judges_them() {
        for (label, _, _, json) in EXAMPLES {
            for schema in SCHEMAS {
                if let Err(e) = same(schema, json) {
                    panic!("{label}: {e}");
                }
            }
        }
    }

    #[test]
    fn the_paths_of_custom_errors() {
        let pairs = [
            r#"[{"id":"a","accountName":"n","accountType":"checking","currency":1}]"#,
            r#"[{"id":"a","accountName":"n","accountType":"checking","currency":1},{}]"#,
        ];
        // A `oneOf`'s failure is its variant's, naming the field, whatever follows the value
        // (the reference finds the value by its address).
        for text in pairs {
            let err = walk(<Vec<SourceAccountV2OrV1>>::SCHEMA, text).unwrap_err();
            assert_eq!(err.path, "[0].currency");
            assert_eq!(err.reason, "expected a string, got 1");
            assert_eq!(
                reference(<Vec<SourceAccountV2OrV1>>::SCHEMA, text),
                Err(err)
            );
        }
        for text in [r#"{"name":" "}"#, r#"{"name":"","tags":{}}"#] {
            let err = walk(CompanyRequestBody::SCHEMA, text).unwrap_err();
            assert_eq!((err.path.as_str(), err.field("")), ("", "name".to_string()));
        }
        let text = r#"{"name":"n","tags":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8","i":"9","j":"10","k":"11"},"x":1}"#;
        let err = walk(CompanyRequestBody::SCHEMA, text).unwrap_err();
        assert_eq!(err.field("requestBody"), "requestBody.tags");
        assert!(err.reason.contains("has 11 tags"), "{}", err.reason);
    }

    #[test]
    fn every_token_alone_and_in_a_field() {
        for token in TOKENS {
            for text in [
                token.to_string(),
                format!("{{\"id\":{token}}}"),
                format!("[{token}]"),
                format!("{{\"name\":{token},\"tags\":{{\"a\":{token}}}}}"),
                format!("{{\"accountId\":\"a\",\"transactions\":[{{\"amount\":{token}}}]}}"),
                format!("{{\"accountId\":\"a\",\"transactions\":[{{\"date\":{token}}}]}}"),
                format!("{{\"sourceAccountId\":\"a\",\"feedStartDate\":{token}}}"),
                format!("[{{\"id\":\"a\",\"accountInfo\":{{\"accountOpenDate\":{token}}}}}]"),
                format!("{{\"id\":\"a\",\"accountName\":{token},\"accountType\":\"loan\",\"accountNumber\":\"1\",\"currency\":\"GBP\",\"balance\":1,\"modifiedDate\":{token}}}"),
            ] {
                for schema in SCHEMAS {
                    if let Err(e) = same(schema, &text) {
                        panic!("{e}");
                    }
                }
            }
        }
    }

    /// date.rs's rule as the reference judges it: every day of the years 1 to 2500 (and
    /// months and days past either end), then times and zones about their limits.
    #[test]
    fn the_date_rule_as_the_reference_judges_it() {
        for y in (0..=2500).chain([9999]) {
            for m in 0..=13 {
                for d in 0..=32 {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(is_date(&text), reference_date(&text), "{text}");
                }
            }
        }
        for clock in [
            "00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "9:00:00",
        ] {
            for fraction in ["", ".", ".5", ".1057478", ".x"] {
                for zone in [
                    "", "Z", "z", "+01:00", "-05:30", "+24:00", "-00:60", "+0100", "+01",
                ] {
                    let text = format!("2024-02-29T{clock}{fraction}{zone}");
                    assert_eq!(is_date(&text), reference_date(&text), "{text}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn date_like_text_as_the_reference_judges_it(
            chars in proptest::collection::vec(proptest::sample::select(
                vec!['0', '1', '2', '3', '9', '-', 'T', ':', '.', 'Z', '+', ' '],
            ), 0..32),
            base in proptest::sample::select(vec!["", "2024-02-29", "2023-08-22T10:21:00"]),
        ) {
            let text: String = base.chars().chain(chars).collect();
            prop_assert_eq!(is_date(&text), reference_date(&text), "{}", text);
        }

        #[test]
        fn spliced_examples_as_serde_json_judges_them(
            example in 0..EXAMPLES.len(), schema in 0..SCHEMAS.len(), at in any::<usize>(),
            cut in 0usize..4, token in 0..TOKENS.len(), times in 1usize..3,
        ) {
            let mut text = EXAMPLES[example].3.to_string();
            for k in 0..times {
                text = splice(&text, at.wrapping_mul(k + 1), cut, TOKENS[(token + k) % TOKENS.len()]);
            }
            if let Err(e) = same(SCHEMAS[schema], &text) {
                prop_assert!(false, "{}", e);
            }
        }

        #[test]
        fn generated_json_as_serde_json_judges_it(
            text in crate::proptests::jsonish(), schema in 0..SCHEMAS.len(),
        ) {
            if let Err(e) = same(SCHEMAS[schema], &text) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}

/// The walker against serde_json on the bench's three bodies, in one process: prints each
/// median and the ratio. `cargo test --release -- --ignored --nocapture walker_speed`.
#[cfg(test)]
mod timing {
    use super::super::{check as walk, strictly, Model, Schema};
    use super::check as reference;
    use crate::models::*;

    fn company(i: usize) -> String {
        format!(
            r#"{{"id":"0498e921-9b53-4396-a412-{i:012}","name":"Toft stores {i}","description":"Requested early access to the new financing scheme.","redirect":"https://link.codat.io/company/0498e921","lastSync":"2022-01-01T12:00:00.000Z","created":"2022-01-01T12:00:00","createdByUserName":"Arthur Dent","products":["bank-feeds"],"tags":{{"region":"us","uid":"f21b6b0e"}},"referenceSubsidiaryCompanies":[],"dataConnections":[]}}"#
        )
    }

    fn transaction(i: usize) -> String {
        format!(
            r#"{{"id":"txn-{i}","date":"2023-08-22T10:21:00","description":"Debit for Payment Id sdp-1-57379a43-c4b8-49f5-bd7c-{i:012}","counterparty":"ACME INC","reference":"ref-{i}","reconciled":false,"amount":-{i}.99,"balance":{},"transactionType":"Debit"}}"#,
            10_000 - i
        )
    }

    fn median_us(f: &dyn Fn() -> bool) -> f64 {
        let mut times: Vec<f64> = (0..301)
            .map(|_| {
                let t = std::time::Instant::now();
                assert!(f());
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[150]
    }

    #[test]
    #[ignore]
    fn walker_speed() {
        let companies: Vec<String> = (0..100).map(company).collect();
        let transactions: Vec<String> = (0..1000).map(transaction).collect();
        let cases: [(&str, String, &'static Schema, bool); 3] = [
            ("a company", company(0), Company::SCHEMA, false),
            (
                "100 companies",
                format!(
                    r#"{{"results":[{}],"pageNumber":1,"pageSize":100,"totalResults":100,"_links":{{"self":{{"href":"/companies"}},"current":{{"href":"/companies"}}}}}}"#,
                    companies.join(",")
                ),
                Companies::SCHEMA,
                false,
            ),
            (
                "1,000 transactions (strict)",
                format!(
                    r#"{{"accountId":"a","transactions":[{}]}}"#,
                    transactions.join(",")
                ),
                CreateBankTransactions::SCHEMA,
                true,
            ),
        ];
        for (name, text, schema, strict) in cases {
            let run = |f: &dyn Fn() -> bool| if strict { strictly(f) } else { f() };
            let ours = median_us(&|| run(&|| walk(schema, &text).is_ok()));
            let theirs = median_us(&|| run(&|| reference(schema, &text).is_ok()));
            println!(
                "{name}: walk.rs {ours:.1} us, serde_json {theirs:.1} us, ratio {:.2}",
                ours / theirs
            );
        }
    }
}
