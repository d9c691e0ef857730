//! The validator: one pass over the bytes of a JSON text, led by a schema table, building no
//! tree and keeping nothing. It replaced a serde_json `DeserializeSeed` that cost the `.wasm`
//! about 40 KB (serde_json, and the float parsing and formatting its messages pulled in). It
//! accepts and refuses the same texts as serde_json, and the host tests check both against
//! serde_json itself (schema/oracle.rs). Its messages say what serde_json's say, in the words
//! of the JavaScript that made the body rather than Rust's: `expected a number, got "x"` for
//! serde's `invalid type: string "x", expected f64`, with the value as the JSON text writes it;
//! `missing field `id``, `EOF while parsing a list` as serde_json has them. Its paths name the
//! value at fault, where serde_json's position sometimes fell after it (oracle.rs says when).

use std::borrow::Cow;

use super::date::{is_date, DATE};
use super::{Check, Field, Schema, Union, REQUEST};
use crate::text::{before, int_text};

/// Where a JSON text departs from its schema: `path` (`transactions[3].amount`, empty at the
/// root) and what is wrong there.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub path: String,
    pub reason: String,
}

impl Mismatch {
    /// The offending field's full path under `root` (missing fields name themselves).
    pub fn field(&self, root: &str) -> String {
        let mut field = root.to_string();
        for part in [
            self.path.as_str(),
            missing_field(&self.reason).unwrap_or(""),
        ] {
            if part.is_empty() {
                continue;
            }
            if !field.is_empty() && !part.starts_with("[") {
                field.push('.');
            }
            field.push_str(part);
        }
        field
    }
}

/// The field a reason names itself: serde's "missing field `x`" and the request checks'
/// "field `x` ...", both reported at the enclosing object.
fn missing_field(reason: &str) -> Option<&str> {
    let rest = reason
        .strip_prefix("missing field `")
        .or_else(|| reason.strip_prefix("field `"))?;
    Some(before(rest, b'`'))
}

/// Checks `text` against `schema`.
pub fn check(schema: &'static Schema, text: &str) -> Result<(), Mismatch> {
    let mut walker = Walker::new(text, 0, REQUEST.get());
    walker.document(schema).map_err(|reason| Mismatch {
        path: walker.path_text(),
        reason: *reason,
    })
}

/// The reason a text does not fit.
/// Why a text does not fit, boxed: a walk step then returns its outcome in one register
/// rather than through memory, on every value.
type Reason = Box<String>;

type Walk<T = ()> = Result<T, Reason>;

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const INVALID_NUMBER: &str = "invalid number";
const INVALID_ESCAPE: &str = "invalid escape";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const KEY_NOT_STRING: &str = "key must be a string";

/// serde_json's nesting limit for the values it reads into types.
const MAX_DEPTH: u32 = 127;

/// A step of the path to the value being read: an object key (its bytes as written) or an
/// array index.
enum Step {
    Key(usize, usize),
    Index(usize),
}

struct Walker<'a> {
    text: &'a str,
    at: usize,
    /// The path of the value being read. A failed value leaves its steps in place, so the
    /// path at the error is the path of the error.
    path: Vec<Step>,
    depth: u32,
    /// Checking a request body (see `strictly`).
    strict: bool,
    /// The fields the last object read had with a value (not `null`), a bit each (`one_of`
    /// reads them).
    seen: u64,
}

/// A number as read: within `u64`, a negative within `i64`, or anything else (serde_json
/// reads those as floats).
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float,
}

impl<'a> Walker<'a> {
    fn new(text: &'a str, depth: u32, strict: bool) -> Walker<'a> {
        Walker {
            text,
            at: 0,
            path: Vec::new(),
            depth,
            strict,
            seen: 0,
        }
    }

    fn document(&mut self, schema: &'static Schema) -> Walk {
        self.value(schema)?;
        self.skip_space();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(fail("trailing characters")),
        }
    }

    fn value(&mut self, schema: &'static Schema) -> Walk {
        match schema {
            Schema::Str => match self.start()? {
                b'"' => self.string(true).map(drop),
                _ => Err(self.invalid_type(schema)),
            },
            Schema::Date => match self.start()? {
                b'"' => self.date(),
                _ => Err(self.invalid_type(schema)),
            },
            Schema::Int | Schema::Int32 | Schema::Num => self.number_value(schema),
            Schema::Bool => match self.start()? {
                b't' => self.word("true"),
                b'f' => self.word("false"),
                _ => Err(self.invalid_type(schema)),
            },
            Schema::Any => self.skip_value(),
            Schema::Object(_, fields) => self.object(schema, fields),
            Schema::Map(inner) => self.map(schema, inner),
            Schema::List(inner) => self.list(schema, inner).map(drop),
            Schema::Nullable(inner) => self.or_null(inner).map(drop),
            Schema::OneOf(union) => self.one_of(schema, union),
            Schema::Checked(rule, inner) => self.checked(*rule, inner),
        }
    }

    /// `null`, or the inner schema; whether it was not `null`.
    #[inline(always)]
    fn or_null(&mut self, inner: &'static Schema) -> Walk<bool> {
        self.skip_space();
        match self.peek() {
            Some(b'n') => self.word("null").map(|()| false),
            _ => self.value(inner).map(|()| true),
        }
    }

    /// An optional field's value: `null`, or its schema; in a request, a number field takes
    /// `null` only where it is nullable. Whether it was not `null`.
    #[inline(always)]
    fn optional(&mut self, schema: &'static Schema) -> Walk<bool> {
        match schema {
            Schema::Nullable(inner) => self.or_null(inner),
            Schema::Num | Schema::Int | Schema::Int32 if self.strict => {
                self.value(schema).map(|()| true)
            }
            other => self.or_null(other),
        }
    }

    fn object(&mut self, schema: &'static Schema, fields: &'static [Field]) -> Walk {
        if self.start()? != b'{' {
            return Err(self.invalid_type(schema));
        }
        self.enter()?;
        // The generator keeps every object under 64 fields.
        let mut seen = 0u64;
        let mut first = true;
        // Where the last field was found: senders mostly write the fields in the spec's order,
        // so the next one is looked for after it first.
        let mut last = 0;
        while self.next_key(&mut first)? {
            let (start, end, i) = match self.expected_key(fields, last) {
                Some(hit) => hit,
                None => {
                    let (start, end, key) = self.key(true)?;
                    let found = (last..fields.len())
                        .chain(0..last)
                        .find(|&i| fields[i].name == key);
                    let Some(i) = found else {
                        self.skip_value()?;
                        continue;
                    };
                    (start, end, i)
                }
            };
            last = i + 1;
            let field = &fields[i];
            self.path.push(Step::Key(start, end));
            let valued = if field.required {
                self.value(field.schema).map(|()| true)?
            } else {
                self.optional(field.schema)?
            };
            self.path.pop();
            seen |= u64::from(valued) << i;
        }
        if let Some(missing) = (fields.iter().enumerate())
            .find(|(i, f)| f.required && seen & (1 << i) == 0)
            .map(|(_, f)| f.name)
        {
            return Err(["missing field `", missing, "`"].concat().into());
        }
        self.leave();
        self.seen = seen;
        Ok(())
    }

    /// An object whose values are each `inner`.
    fn map(&mut self, schema: &'static Schema, inner: &'static Schema) -> Walk {
        if self.start()? != b'{' {
            return Err(self.invalid_type(schema));
        }
        self.enter()?;
        let mut first = true;
        while self.next_key(&mut first)? {
            let (start, end, _) = self.key(true)?;
            self.path.push(Step::Key(start, end));
            self.value(inner)?;
            self.path.pop();
        }
        self.leave();
        Ok(())
    }

    /// An array whose elements are each `inner`; their count.
    fn list(&mut self, schema: &'static Schema, inner: &'static Schema) -> Walk<usize> {
        if self.start()? != b'[' {
            return Err(self.invalid_type(schema));
        }
        self.enter()?;
        let mut count = 0;
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err(fail(EOF_LIST)),
                Some(b']') => break,
                Some(b',') if count > 0 => {
                    self.at += 1;
                    self.skip_space();
                    match self.peek() {
                        Some(b']') => return Err(fail(TRAILING_COMMA)),
                        Some(_) => {}
                        None => return Err(fail(EOF_VALUE)),
                    }
                }
                Some(_) if count == 0 => {}
                Some(_) => return Err(fail("expected `,` or `]`")),
            }
            self.path.push(Step::Index(count));
            self.value(inner)?;
            self.path.pop();
            count += 1;
        }
        self.leave();
        Ok(count)
    }

    /// Before a key: whether there is one (serde_json's `MapAccess::next_key`).
    #[inline(always)]
    fn next_key(&mut self, first: &mut bool) -> Walk<bool> {
        self.skip_space();
        let next = match self.peek() {
            None => return Err(fail(EOF_OBJECT)),
            Some(b'}') => return Ok(false),
            Some(b'"') if *first => b'"',
            Some(_) if *first => return Err(fail(KEY_NOT_STRING)),
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                match self.peek() {
                    Some(next) => next,
                    None => return Err(fail(EOF_VALUE)),
                }
            }
            Some(_) => return Err(fail("expected `,` or `}`")),
        };
        *first = false;
        match next {
            b'"' => Ok(true),
            b'}' => Err(fail(TRAILING_COMMA)),
            _ => Err(fail(KEY_NOT_STRING)),
        }
    }

    /// The key here and its colon, when they are exactly `"<the field after the last one>":`
    /// (the common case: no escapes, no spaces): where the key is and which field, read with
    /// one comparison. Anything else is left to `key`.
    fn expected_key(&mut self, fields: &[Field], next: usize) -> Option<(usize, usize, usize)> {
        let name = fields.get(next)?.name.as_bytes();
        let start = self.at + 1;
        let end = start + name.len();
        let bytes = self.text.as_bytes();
        let colon = bytes.get(end) == Some(&b'"') && bytes.get(end + 1) == Some(&b':');
        if !colon || !same(bytes.get(start..end)?, name) {
            return None;
        }
        self.at = end + 2;
        Some((start, end, next))
    }

    /// A key and its colon: where its text is, and (when `decode`) what it says.
    #[inline(always)]
    fn key(&mut self, decode: bool) -> Walk<(usize, usize, Cow<'a, str>)> {
        let start = self.at + 1;
        let key = self.text(decode)?;
        let end = self.at - 1;
        self.skip_space();
        match self.peek() {
            Some(b':') => self.at += 1,
            Some(_) => return Err(fail("expected `:`")),
            None => return Err(fail(EOF_OBJECT)),
        }
        Ok((start, end, key))
    }

    /// A `oneOf` value, checked as the variant it is (`Union`). It fits when one of those
    /// does; otherwise it fails as the first of them does, read in place, so the failure names
    /// its field (`accountInfo.accountOpenDate`), not the union. The value is read once for
    /// its extent, once for the fields that decide, then once per variant.
    fn one_of(&mut self, schema: &'static Schema, union: &'static Union) -> Walk {
        self.skip_space();
        let start = self.at;
        self.skip_value()?;
        let end = self.at;
        let text = self.slice(start, end);
        self.at = start;
        // Not an object: the type error names the union.
        let mut probe = Walker::new(text, self.depth, self.strict);
        probe.value(union.fields)?;
        // The generator keeps the deciding fields, and the variants, under 32.
        let has = probe.seen as u32;
        let (mut own, mut complete) = (0u32, 0u32);
        for (i, variant) in union.variants.iter().enumerate() {
            own |= u32::from(variant.own & has != 0) << i;
            complete |= u32::from(variant.required & !has == 0) << i;
        }
        let chosen = match (own, complete) {
            (0, 0) => u32::MAX,
            (0, complete) => complete,
            (own, _) => own,
        };
        let first = chosen.trailing_zeros() as usize;
        for (i, variant) in union.variants.iter().enumerate() {
            if i != first
                && chosen >> i & 1 == 1
                && (Walker::new(text, self.depth, self.strict).document(variant.schema)).is_ok()
            {
                self.at = end;
                return Ok(());
            }
        }
        match union.variants.get(first) {
            Some(variant) => self.value(variant.schema),
            None => Err(self.invalid_type(schema)),
        }
    }

    /// The request-side rules. A rule broken is reported at the enclosing object, naming its
    /// field (`field `tags` ...`), as serde's "missing field" is.
    fn checked(&mut self, rule: Check, inner: &'static Schema) -> Walk {
        let broken = match rule {
            Check::NonEmptyName => {
                let name = self.text_value()?;
                name.trim()
                    .is_empty()
                    .then(|| "field `name` must not be empty".to_string())
            }
            Check::PlatformKey => {
                let key = self.text_value()?;
                (key.len() != 4 || !key.bytes().all(|b| b.is_ascii_lowercase())).then(|| {
                    "field `platformKey` must be four lower-case letters, such as `gbol`"
                        .to_string()
                })
            }
            Check::Tags => self.tags()?,
            Check::AtMost1000Transactions => {
                let Schema::List(item) = inner else {
                    return self.value(inner);
                };
                let count = self.list(inner, item)?;
                (count > 1000).then(|| {
                    let count = int_text(count as i64);
                    let at_most = " transactions; at most 1000 can be pushed at once";
                    ["field `transactions` has ", &count, at_most].concat()
                })
            }
        };
        match broken {
            Some(reason) => {
                self.path.pop();
                Err(reason.into())
            }
            None => Ok(()),
        }
    }

    /// A string value, decoded, where a rule reads it; anything else is the type error
    /// serde's `String` gives.
    fn text_value(&mut self) -> Walk<Cow<'a, str>> {
        match self.start()? {
            b'"' => self.text(true),
            _ => Err(self.unexpected("a string")),
        }
    }

    /// A date, at its opening quote: in a request, one `is_date` takes (any string in a
    /// response).
    fn date(&mut self) -> Walk {
        let start = self.at;
        if is_date(&self.text(true)?) || !self.strict {
            return Ok(());
        }
        self.at = start;
        Err(self.unexpected(DATE))
    }

    /// Company `tags`: at most 10, names of 1 to 27 characters, values of at most 100. Read as
    /// serde reads a map of strings to strings: a repeated name counts once, its last value
    /// stands.
    fn tags(&mut self) -> Walk<Option<String>> {
        if self.start()? != b'{' {
            return Err(self.unexpected("an object"));
        }
        self.enter()?;
        let mut tags: Vec<(Cow<'a, str>, Cow<'a, str>)> = Vec::new();
        let mut first = true;
        while self.next_key(&mut first)? {
            let (start, end, name) = self.key(true)?;
            self.path.push(Step::Key(start, end));
            let value = self.text_value()?;
            self.path.pop();
            match tags.iter_mut().find(|(n, _)| *n == name) {
                Some(tag) => tag.1 = value,
                None => tags.push((name, value)),
            }
        }
        self.leave();
        if tags.len() > 10 {
            let count = int_text(tags.len() as i64);
            let at_most = " tags; at most 10 are allowed";
            return Ok(Some(["field `tags` has ", &count, at_most].concat()));
        }
        // serde's map is ordered by name: the offending tag named is the first in that order.
        let broken = |(name, value): &&(Cow<'a, str>, Cow<'a, str>)| {
            let n = chars(name);
            n == 0 || n > 27 || chars(value) > 100
        };
        let first = tags.iter().filter(broken).min_by(|a, b| a.0.cmp(&b.0));
        Ok(first.map(|(name, _)| {
            let n = chars(name);
            if n == 0 || n > 27 {
                let rule = "` must be 1 to 27 characters";
                ["field `tags`: tag name `", name, rule].concat()
            } else {
                let rule = "` is longer than 100 characters";
                ["field `tags`: tag `", name, rule].concat()
            }
        }))
    }

    fn number_value(&mut self, schema: &'static Schema) -> Walk {
        match self.start()? {
            b'-' | b'0'..=b'9' => {}
            _ => return Err(self.invalid_type(schema)),
        }
        let start = self.at;
        let number = self.number(true)?;
        let (min, max, range) = match schema {
            Schema::Int32 => (i64::from(i32::MIN), i32::MAX as u64, I32_RANGE),
            Schema::Int => (i64::MIN, i64::MAX as u64, I64_RANGE),
            _ => return Ok(()),
        };
        let expected = match number {
            Number::Unsigned(n) if n > max => range,
            Number::Signed(n) if n < min => range,
            Number::Float => WHOLE,
            _ => return Ok(()),
        };
        Err(expected_got(expected, self.slice(start, self.at)))
    }

    /// A number, at a digit or `-`. `exact` reads it as serde_json reads a number into a type
    /// (its kind, and its range: a float past `f64::MAX` is refused); else only its grammar
    /// is checked, as serde_json does for a value it skips.
    fn number(&mut self, exact: bool) -> Walk<Number> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut magnitude: Option<u64> = Some(0);
        match self.bump() {
            None if exact => return Err(fail(EOF_VALUE)),
            Some(b'0') if matches!(self.peek(), Some(b'0'..=b'9')) => {
                return Err(fail(INVALID_NUMBER))
            }
            Some(b'0') => {}
            Some(first @ b'1'..=b'9') => {
                magnitude = Some(u64::from(first - b'0'));
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    self.at += 1;
                    magnitude = magnitude.and_then(|m| times_ten_plus(m, digit - b'0'));
                }
            }
            _ => return Err(fail(INVALID_NUMBER)),
        }
        let mut float = magnitude.is_none();
        if self.peek() == Some(b'.') {
            self.at += 1;
            float = true;
            self.digits(exact)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            float = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            // serde_json reads the exponent's first digit before looking.
            match self.peek() {
                Some(b'0'..=b'9') => self.digits(exact)?,
                None if exact => return Err(fail(EOF_VALUE)),
                _ => {
                    self.at += usize::from(self.peek().is_some());
                    return Err(fail(INVALID_NUMBER));
                }
            }
        }
        let text = self.slice(start, self.at);
        match (magnitude, negative) {
            (Some(m), false) if !float => Ok(Number::Unsigned(m)),
            // `-0`, and magnitudes past `i64::MIN`, are floats to serde_json.
            (Some(m @ 1..=0x8000_0000_0000_0000), true) if !float => {
                Ok(Number::Signed((m as i64).wrapping_neg()))
            }
            _ if exact && past_f64_max(text) => Err(fail("number out of range")),
            _ => Ok(Number::Float),
        }
    }

    /// At least one digit, then any more.
    fn digits(&mut self, exact: bool) -> Walk {
        match self.peek() {
            Some(b'0'..=b'9') => {}
            None if exact => return Err(fail(EOF_VALUE)),
            _ => return Err(fail(INVALID_NUMBER)),
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(())
    }

    /// A string, at its opening quote, as text.
    fn text(&mut self, decode: bool) -> Walk<Cow<'a, str>> {
        let start = self.at + 1;
        Ok(match self.string(decode)? {
            Some(decoded) => Cow::Owned(decoded),
            None => Cow::Borrowed(self.slice(start, self.at - 1)),
        })
    }

    /// A string, at its opening quote. `decode` reads it as serde_json reads a string into a
    /// type, with escapes of surrogates required to pair up; otherwise only its grammar is
    /// checked. Its text when it had escapes (else it is the bytes between the quotes).
    fn string(&mut self, decode: bool) -> Walk<Option<String>> {
        self.at += 1;
        let bytes = self.text.as_bytes();
        let mut decoded: Option<String> = None;
        let mut run = self.at;
        loop {
            self.at += plain_run(bytes.get(self.at..).unwrap_or_default());
            let Some(&byte) = bytes.get(self.at) else {
                return Err(fail(EOF_STRING));
            };
            match byte {
                b'"' => {
                    if let Some(text) = &mut decoded {
                        text.push_str(self.slice(run, self.at));
                    }
                    self.at += 1;
                    return Ok(decoded);
                }
                b'\\' => {
                    let text = decoded.get_or_insert_with(String::new);
                    text.push_str(self.slice(run, self.at));
                    self.at += 1;
                    self.escape(decode, text)?;
                    run = self.at;
                }
                _ => {
                    self.at += 1;
                    return Err(fail(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self, decode: bool, text: &mut String) -> Walk {
        let Some(byte) = self.bump() else {
            return Err(fail(EOF_STRING));
        };
        let plain = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(decode, text),
            _ => return Err(fail(INVALID_ESCAPE)),
        };
        text.push(plain);
        Ok(())
    }

    /// After `\u`: the code point, or a surrogate pair when `decode` (else lone surrogates
    /// pass, as serde_json lets them pass in a value it skips).
    fn unicode_escape(&mut self, decode: bool, text: &mut String) -> Walk {
        let first = self.hex4()?;
        if !decode {
            return Ok(());
        }
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(fail(LONE_SURROGATE));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            text.extend(char::from_u32(first));
            return Ok(());
        }
        for expected in [b'\\', b'u'] {
            match self.bump() {
                None => return Err(fail(EOF_STRING)),
                Some(byte) if byte != expected => return Err(fail("unexpected end of hex escape")),
                Some(_) => {}
            }
        }
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(fail(LONE_SURROGATE));
        }
        text.extend(char::from_u32(
            0x1_0000 + ((first - 0xD800) << 10 | (second - 0xDC00)),
        ));
        Ok(())
    }

    fn hex4(&mut self) -> Walk<u32> {
        let Some(digits) = self.text.as_bytes().get(self.at..self.at + 4) else {
            self.at = self.text.len();
            return Err(fail(EOF_STRING));
        };
        let mut n = 0;
        for &digit in digits {
            let value = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(fail(INVALID_ESCAPE)),
            };
            n = n << 4 | u32::from(value);
            self.at += 1;
        }
        Ok(n)
    }

    /// Any value, its grammar checked, with a stack of the open brackets instead of
    /// recursion (serde_json's `ignore_value`: no depth limit, the same messages).
    fn skip_value(&mut self) -> Walk {
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.skip_space();
            let opened = match self.peek() {
                None => return Err(fail(EOF_VALUE)),
                Some(b'n') => self.word("null").map(|()| None)?,
                Some(b't') => self.word("true").map(|()| None)?,
                Some(b'f') => self.word("false").map(|()| None)?,
                Some(b'-' | b'0'..=b'9') => self.number(false).map(|_| None)?,
                Some(b'"') => self.string(false).map(|_| None)?,
                Some(bracket @ (b'[' | b'{')) => {
                    self.at += 1;
                    Some(bracket)
                }
                Some(_) => return Err(fail("expected value")),
            };
            // After a value: close what it ends, up to the next comma.
            let (mut after_value, mut frame) = match opened {
                Some(bracket) => (false, bracket),
                None => match open.pop() {
                    Some(bracket) => (true, bracket),
                    None => return Ok(()),
                },
            };
            loop {
                self.skip_space();
                match self.peek() {
                    Some(b',') if after_value => {
                        self.at += 1;
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    Some(_) if after_value => {
                        return Err(fail(if frame == b'[' {
                            "expected `,` or `]`"
                        } else {
                            "expected `,` or `}`"
                        }))
                    }
                    Some(_) => break,
                    None => return Err(fail(if frame == b'[' { EOF_LIST } else { EOF_OBJECT })),
                }
                self.at += 1;
                match open.pop() {
                    Some(bracket) => frame = bracket,
                    None => return Ok(()),
                }
                after_value = true;
            }
            if frame == b'{' {
                self.skip_space();
                match self.peek() {
                    Some(b'"') => {}
                    Some(_) => return Err(fail(KEY_NOT_STRING)),
                    None => return Err(fail(EOF_OBJECT)),
                }
                self.key(false)?;
            }
            open.push(frame);
        }
    }

    /// `null`, `true` or `false`, at its first letter.
    fn word(&mut self, word: &str) -> Walk {
        self.at += 1;
        for &expected in word.as_bytes().iter().skip(1) {
            match self.bump() {
                None => return Err(fail(EOF_VALUE)),
                Some(byte) if byte != expected => return Err(fail("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The first byte of a value.
    #[inline(always)]
    fn start(&mut self) -> Walk<u8> {
        self.skip_space();
        self.peek().ok_or_else(|| fail(EOF_VALUE))
    }

    fn enter(&mut self) -> Walk {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(fail("recursion limit exceeded"));
        }
        self.at += 1;
        Ok(())
    }

    /// Past the closing bracket, where the loops before stop (so serde_json's `end_map` and
    /// `end_seq` checks always pass here).
    fn leave(&mut self) {
        self.depth -= 1;
        self.at += 1;
    }

    /// The type error for the value here, which is read to name it.
    #[cold]
    #[inline(never)]
    fn invalid_type(&mut self, schema: &'static Schema) -> Reason {
        self.unexpected(&expected(schema))
    }

    /// `expected <what>, got <the value here>`: a scalar as the text writes it (a string with
    /// its quotes and escapes, as `JSON.stringify` wrote it), else its kind. The value is read
    /// first, so a malformed one is the syntax error serde_json gives.
    #[cold]
    #[inline(never)]
    fn unexpected(&mut self, expected: &str) -> Reason {
        let start = self.at;
        let read = match self.peek() {
            Some(b'n') => self.word("null"),
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'-' | b'0'..=b'9') => self.number(true).map(drop),
            Some(b'"') => self.string(true).map(drop),
            Some(b'[') => return expected_got(expected, "an array"),
            Some(b'{') => return expected_got(expected, "an object"),
            _ => Err(fail("expected value")),
        };
        match read {
            Ok(()) => expected_got(expected, self.slice(start, self.at)),
            Err(syntax) => syntax,
        }
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    #[inline(always)]
    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    /// Text between two offsets the walk has passed, which are on character boundaries: a
    /// `get` rather than an index, which would bring the panic's message formatting.
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn path_text(&self) -> String {
        let mut path = String::new();
        for step in &self.path {
            match *step {
                Step::Key(start, end) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(self.slice(start, end));
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&int_text(i as i64));
                    path.push(']');
                }
            }
        }
        path
    }
}

/// The length of the plain run at the start of a string's bytes, up to the next quote,
/// backslash or control character: eight bytes at a time while none is among them (as
/// serde_json's reader does), then byte by byte.
#[inline(always)]
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let mut n = 0;
    while let Some(word) = bytes.get(n..n + 8) {
        // SAFETY: `word` is 8 bytes long; an unaligned read of them (copying them out would be
        // a call per word in wasm).
        let w = u64::from_le(unsafe { std::ptr::read_unaligned(word.as_ptr().cast::<u64>()) });
        if has_zero_byte(w ^ (ONES * u64::from(b'"')))
            || has_zero_byte(w ^ (ONES * u64::from(b'\\')))
            || w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0
        {
            break;
        }
        n += 8;
    }
    let rest = bytes.get(n..).unwrap_or_default();
    n + (rest.iter())
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// `m * 10 + digit`, `None` past `u64::MAX`. Wasm has no widening multiply: `checked_mul`
/// is a call to a 128-bit multiply per digit, which the common case does not need.
#[inline(always)]
fn times_ten_plus(m: u64, digit: u8) -> Option<u64> {
    if m < u64::MAX / 10 {
        return Some(m * 10 + u64::from(digit));
    }
    m.checked_mul(10)?.checked_add(u64::from(digit))
}

/// Whether two slices hold the same bytes, compared inline: field names are short, and the
/// `.wasm`'s `memcmp` is a call and a byte loop per key.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A reason as its own text: out of line, so the hot paths carry one call, not the copy.
#[cold]
#[inline(never)]
fn fail(reason: &str) -> Reason {
    Box::new(reason.to_string())
}

/// A whole number of any size, and of the two sizes the spec has (`int64`, `int32`).
const WHOLE: &str = "a whole number";
const I64_RANGE: &str = "a whole number from -9223372036854775808 to 9223372036854775807";
const I32_RANGE: &str = "a whole number from -2147483648 to 2147483647";

fn expected_got(expected: &str, got: &str) -> Reason {
    Box::new(["expected ", expected, ", got ", got].concat())
}

/// How a schema reads in an "expected ..." message, in JavaScript's words (a model by the
/// name its `.d.ts` type has).
fn expected(schema: &'static Schema) -> Cow<'static, str> {
    match schema {
        Schema::Str => "a string".into(),
        Schema::Date => DATE.into(),
        Schema::Int | Schema::Int32 => WHOLE.into(),
        Schema::Num => "a number".into(),
        Schema::Bool => "true or false".into(),
        Schema::Any => "any value".into(),
        Schema::Object(name, _) => [article(name), " ", name, " object"].concat().into(),
        Schema::Map(_) => "an object".into(),
        Schema::List(_) => "an array".into(),
        Schema::Nullable(inner) | Schema::Checked(_, inner) => expected(inner),
        Schema::OneOf(Union { fields, .. }) => expected(fields),
    }
}

/// The characters in `text`, counted as the bytes that start one (the standard count is a
/// kilobyte of vectorised code in the `.wasm`; tags are short).
fn chars(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

fn article(name: &str) -> &'static str {
    if matches!(name.bytes().next(), Some(b'A' | b'E' | b'I' | b'O' | b'U')) {
        "an"
    } else {
        "a"
    }
}

/// Whether a JSON number's value rounds past `f64::MAX`, decided on its digits, with no
/// float arithmetic: at or above 2^1024 - 2^970, the midpoint between `f64::MAX` and the
/// next power of two, it rounds to infinity.
fn past_f64_max(text: &str) -> bool {
    // Without an exponent, a number of fewer than 309 digits is in range.
    if text.len() < 309 && !text.bytes().any(|b| b == b'e' || b == b'E') {
        return false;
    }
    // 2^1024 - 2^970: 309 digits, trailing zeros dropped.
    const MIDPOINT: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
    let bytes = text.as_bytes();
    let e = (bytes.iter()).position(|&b| b == b'e' || b == b'E');
    let mantissa = bytes.get(..e.unwrap_or(bytes.len())).unwrap_or_default();
    let exponent = e.and_then(|e| bytes.get(e + 1..)).unwrap_or_default();
    let digits = || mantissa.iter().copied().filter(u8::is_ascii_digit);
    let whole = (mantissa.iter())
        .take_while(|&&b| b != b'.')
        .filter(|b| b.is_ascii_digit());
    let zeros = digits().take_while(|&d| d == b'0').count();
    if zeros == digits().count() {
        return false;
    }
    // The value is 0.<digits after the zeros> x 10^magnitude.
    let magnitude = (whole.count() as i64 - zeros as i64).saturating_add(exponent_value(exponent));
    match magnitude.cmp(&309) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            let mut ours = digits().skip(zeros);
            for &m in MIDPOINT {
                match ours.next() {
                    Some(d) if d == m => {}
                    Some(d) => return d > m,
                    // What is left of the midpoint is not all zeros: below it.
                    None => return false,
                }
            }
            true
        }
    }
}

/// An exponent's value, saturating: past ±10^18 only its sign matters.
fn exponent_value(text: &[u8]) -> i64 {
    let negative = text.first() == Some(&b'-');
    let digits = text.iter().filter(|b| b.is_ascii_digit());
    let value = digits.fold(0i64, |n, &d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_accumulate_up_to_u64_max_and_no_further() {
        use super::times_ten_plus;
        let top = u64::MAX / 10; // 1844674407370955161
        assert_eq!(times_ten_plus(0, 7), Some(7));
        assert_eq!(times_ten_plus(top - 1, 9), Some((top - 1) * 10 + 9));
        assert_eq!(times_ten_plus(top, 5), Some(u64::MAX));
        assert_eq!(times_ten_plus(top, 6), None);
        assert_eq!(times_ten_plus(top + 1, 0), None);
        assert_eq!(times_ten_plus(u64::MAX, 0), None);
    }

    #[test]
    fn keys_compare_byte_for_byte() {
        use super::same;
        assert!(same(b"transactions", b"transactions"));
        assert!(same(b"", b""));
        assert!(!same(b"transactionz", b"transactions"));
        assert!(!same(b"id", b"ids"));
    }

    use super::past_f64_max;

    #[test]
    fn the_f64_range_on_digits_alone() {
        let midpoint = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
        let below = midpoint.replace("4497792", "4497791");
        for text in [
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "-1e999",
            "0e999",
            "0.0000e400",
            "17.976931348623157e307",
            "0.00017976931348623159e312",
            midpoint,
            &below,
            &format!("{midpoint}.5"),
            &format!("{below}.9"),
            "1",
            "-0",
            "123.456e-999999999999999999999",
        ] {
            let infinite = text.parse::<f64>().map(f64::is_infinite);
            assert_eq!(Ok(past_f64_max(text)), infinite, "{text}");
        }
    }
}
