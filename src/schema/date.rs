//! The one rule for the dates a request sends: every field the spec types as a date (its
//! `DateTime`, a bank transaction's local date-time, a `Date`), in every operation, and
//! `transactions.pushAll`'s dates. Codat reads ISO 8601; a text it cannot read, or a day the
//! calendar lacks (`2025-02-30`), is refused before sending instead of reaching the API (where
//! a bank transaction's bad date blocks the account's later pushes).

/// What a date field takes, for messages.
pub const DATE: &str = r#"a date such as "2025-01-31" or "2025-01-31T00:00:00Z""#;

/// Whether `text` is a date as the spec's examples write one: `2025-01-31`, or that day at a
/// time, `T09:30:00`, with any fraction of a second (`.000`; Codat's own have seven digits) and
/// then `Z` or an offset (`+01:00`), or neither (a local time, what the spec recommends for a
/// bank transaction). The day must exist (years 0001 to 9999), as must the time.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (date, time) = bytes.split_at(bytes.len().min(10));
    fits(date, b"0000-00-00")
        && is_day(number(date, 0), number(date, 5), number(date, 8))
        && (time.is_empty() || is_time(time))
}

/// `T09:30:00`, a fraction, then `Z`, an offset or nothing.
fn is_time(time: &[u8]) -> bool {
    let Some((clock, mut zone)) = time.split_at_checked(9) else {
        return false;
    };
    if !fits(clock, b"T00:00:00") || !is_clock(number(clock, 1), number(clock, 4)) {
        return false;
    }
    if number(clock, 7) > 59 {
        return false;
    }
    if let Some(fraction) = zone.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        zone = fraction.get(digits..).unwrap_or_default();
    }
    match zone {
        [] | [b'Z'] => true,
        [b'+' | b'-', offset @ ..] => {
            fits(offset, b"00:00") && is_clock(number(offset, 0), number(offset, 3))
        }
        _ => false,
    }
}

/// Hours 00 to 23, minutes 00 to 59.
fn is_clock(hours: u32, minutes: u32) -> bool {
    hours < 24 && minutes < 60
}

fn is_day(year: u32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 => 28 + u32::from(leap),
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    year > 0 && (1..=days).contains(&day)
}

/// Whether `bytes` has the pattern's length, a digit where it has `0` and its other bytes.
fn fits(bytes: &[u8], pattern: &[u8]) -> bool {
    bytes.len() == pattern.len()
        && (bytes.iter().zip(pattern)).all(|(&b, &p)| b == p || p == b'0' && b.is_ascii_digit())
}

/// The number the digits from `at` up to the next non-digit spell (a pattern has placed them).
fn number(bytes: &[u8], at: usize) -> u32 {
    let digits = bytes.get(at..).unwrap_or_default().iter();
    (digits.take_while(|b| b.is_ascii_digit())).fold(0, |n, &d| n * 10 + u32::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn the_forms_the_spec_shows() {
        for good in [
            "2022-10-23",
            "2022-10-23T00:00:00Z",
            "2022-10-23T00:00:00.000Z",
            "2023-01-09T14:14:14.1057478Z",
            "2023-08-22T10:21:00",
            "2023-08-22T10:21:00.5",
            "2021-11-15T01:00:00-05:00",
            "2023-08-22T10:21:00.5+01:00",
            "2023-08-22T23:59:59+14:00",
            "0001-01-01",
            "9999-12-31T23:59:59.9999999Z",
        ] {
            assert!(is_date(good), "{good}");
        }
    }

    #[test]
    fn other_text_is_refused() {
        for bad in [
            "",
            "yesterday",
            "11/01/2026",
            "22/08/2023",
            "2023-8-22",
            "2023-08-2x",
            "20230822",
            "2023-08-22 10:21:00",
            "2023-08-22 10:21",
            "2023-08-22T",
            "2023-08-22T10:21",
            "2023-08-22T10:21:00.",
            "2023-08-22T10:21:00.Z",
            "2023-08-22T10:21:00z",
            "2023-08-22T10:21:00+01",
            "2023-08-22T10:21:00+0100",
            "2023-08-22T10:21:00+01:00Z",
            "2023-08-22T10:21:00ZZ",
            "2023-08-22t10:21:00",
            " 2023-08-22",
            "2023-08-22 ",
            "+2023-08-22",
            "2023-08-22T10:21:00.5 ",
            "２０２３-08-22",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn a_real_calendar_day() {
        for good in [
            "2024-02-29",
            "2000-02-29",
            "2400-02-29",
            "2025-02-28",
            "2025-01-31",
            "2025-04-30",
            "2025-12-31",
        ] {
            assert!(is_date(good), "{good}");
            assert!(is_date(&format!("{good}T12:00:00")), "{good}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2100-02-29",
            "2025-02-30",
            "2025-04-31",
            "2025-06-31",
            "2025-09-31",
            "2025-11-31",
            "2025-01-32",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "0000-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
            assert!(!is_date(&format!("{bad}T12:00:00")), "{bad}");
        }
    }

    #[test]
    fn a_real_time_and_offset() {
        for bad in [
            "2025-01-31T24:00:00",
            "2025-01-31T23:60:00",
            "2025-01-31T23:59:60",
            "2025-01-31T23:59:99Z",
            "2025-01-31T12:00:00+24:00",
            "2025-01-31T12:00:00-05:60",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    /// Every day of 2000 to 2100 against the count of days a year has.
    #[test]
    fn every_day_of_a_century() {
        for year in 2000..=2100u32 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let mut days = 0;
            for month in 1..=12 {
                for day in 1..=31 {
                    days += u32::from(is_date(&format!("{year:04}-{month:02}-{day:02}")));
                }
            }
            assert_eq!(days, if leap { 366 } else { 365 }, "{year}");
        }
    }
}
