//! Text primitives written for the `.wasm`'s size: whole numbers as decimal text, rather than
//! by `core::fmt` (with no `format!` left in the crate, a build whose panics carry no message
//! links no formatting machinery, about 4 KB), and splits at an ASCII byte, rather than by a
//! `char` pattern (whose searcher and `Split` iterator cost about 1 KB).

/// `n` in decimal, as `n.to_string()` writes it.
pub(crate) fn int_text(n: i64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n.unsigned_abs();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        start -= 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut text = String::with_capacity(digits.len() + 1);
    if n < 0 {
        text.push('-');
    }
    text.extend(digits.iter().skip(start).map(|&d| char::from(d)));
    text
}

/// `text` split around its first `byte`, an ASCII one (so both sides are whole text): what
/// `text.split_once(byte as char)` gives.
pub(crate) fn split_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` up to its first `byte` (an ASCII one), or all of it: `text.split(byte as char).next()`.
pub(crate) fn before(text: &str, byte: u8) -> &str {
    split_once(text, byte).map_or(text, |(head, _)| head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_to_string_writes_them() {
        for n in [
            0,
            7,
            -7,
            10,
            404,
            -2147483648,
            9_007_199_254_740_991,
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(int_text(n), n.to_string());
        }
    }

    #[test]
    fn splits_as_the_char_patterns_do() {
        for text in ["a:b:c", ":", "", "abc", "ab:", ":ab", "é:ü"] {
            assert_eq!(split_once(text, b':'), text.split_once(':'), "{text}");
            assert_eq!(Some(before(text, b':')), text.split(':').next(), "{text}");
        }
    }
}
