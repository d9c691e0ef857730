//! The date rules of a `transactions.pushAll` run, as pure functions: which `date`s sort, and
//! the local date-time each is ordered by. (The order itself, the chunks and each chunk's
//! `Idempotency-Key` are js/push.js's, which orders by these.)

/// The local date-time of a transaction's `date`, as Codat reads it: the spec says an offset is
/// ignored, so `2023-08-22T10:21:00-05:00` is `2023-08-22T10:21:00`.
pub(super) fn local_date_time(date: &str) -> &str {
    let Some(t) = date.find('T') else {
        return date;
    };
    // `get`, not an index: the offsets are at ASCII characters, but an index brings the
    // panic's message formatting into the `.wasm`.
    let time = date.get(t..).unwrap_or_default();
    let end = time
        .bytes()
        .position(|b| matches!(b, b'Z' | b'z' | b'+' | b'-'))
        .map_or(date.len(), |i| t + i);
    date.get(..end).unwrap_or(date)
}

/// Whether `date` starts as an ISO 8601 date does (`2023-08-22`), then ends or goes on with a
/// time (`T...`): the forms that sort as text.
pub(super) fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (b.len() == 10 || b[10] == b'T')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_ignored() {
        assert_eq!(
            local_date_time("2023-08-22T10:21:00-05:00"),
            "2023-08-22T10:21:00"
        );
        assert_eq!(
            local_date_time("2023-08-22T10:21:00Z"),
            "2023-08-22T10:21:00"
        );
        assert_eq!(
            local_date_time("2023-08-22T10:21:00.5+01:00"),
            "2023-08-22T10:21:00.5"
        );
        assert_eq!(local_date_time("2023-08-22"), "2023-08-22");
        assert_eq!(
            local_date_time("2023-08-22T10:21:00"),
            "2023-08-22T10:21:00"
        );
    }

    #[test]
    fn iso_dates_are_told_from_other_text() {
        for good in [
            "2023-08-22",
            "2023-08-22T10:21:00",
            "2023-08-22T10:21:00-05:00",
        ] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "",
            "22/08/2023",
            "2023-8-22",
            "2023-08-22 10:21",
            "2023-08-2x",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
