//! Whole numbers as decimal text, written here rather than by `core::fmt`: with no
//! `format!` left in the crate, a build whose panics carry no message links no formatting
//! machinery (about 4 KB of `.wasm`).

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

#[cfg(test)]
mod tests {
    use super::int_text;

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
}
