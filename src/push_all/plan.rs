//! The date rule of a `transactions.pushAll` run's order, as a pure function: the local
//! date-time each transaction is ordered by (`crate::schema::is_date` says which `date`s are
//! taken). The order itself, the chunks and each chunk's `Idempotency-Key` are js/push.js's.

/// The local date-time of a transaction's `date`, as Codat reads it: the spec says an offset is
/// ignored, so `2023-08-22T10:21:00-05:00` is `2023-08-22T10:21:00`.
pub(super) fn local_date_time(date: &str) -> &str {
    let Some(t) = date.bytes().position(|b| b == b'T') else {
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
}
