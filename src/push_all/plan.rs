//! The decisions of a `transactions.pushAll` run, as pure functions: the order the
//! transactions go in, the chunks they go in, and which `id` repeats. (Each chunk's
//! `Idempotency-Key` is a WebCrypto digest, made in js/push.js.)

use std::ops::Range;

/// The local date-time of a transaction's `date`, as Codat reads it: the spec says an offset is
/// ignored, so `2023-08-22T10:21:00-05:00` is `2023-08-22T10:21:00`.
fn local_date_time(date: &str) -> &str {
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

/// Indices of `dates` earliest first, ties in the caller's order. ISO 8601 local date-times of
/// one form sort as text; a date alone (`2023-08-22`) is a prefix of its day's times and sorts
/// before them.
pub(super) fn order(dates: &[&str]) -> Vec<usize> {
    let local: Vec<&str> = dates.iter().map(|d| local_date_time(d)).collect();
    sorted(&local)
}

/// Indices of `keys` in key order, ties in index order: a bottom-up merge sort, stable by
/// construction, that `order` and `first_duplicate` share (each instance of the standard
/// library's sorts costs the `.wasm` about 4 KB).
fn sorted(keys: &[&str]) -> Vec<usize> {
    let len = keys.len();
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // From the right run only when strictly earlier: ties keep their order.
                if right < end && (left >= mid || keys[order[right]] < keys[order[left]]) {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// `len` items in chunks of at most `size` (at least 1), in order.
pub(super) fn chunks(len: usize, size: usize) -> Vec<Range<usize>> {
    let size = size.max(1);
    (0..len.div_ceil(size))
        .map(|k| k * size..((k + 1) * size).min(len))
        .collect()
}

/// The first id seen twice, as (first index, second index): of the ids that repeat, the one
/// whose second sighting comes first.
pub(super) fn first_duplicate(ids: &[Option<String>]) -> Option<(usize, usize)> {
    let present: Vec<(usize, &str)> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| id.as_deref().map(|id| (i, id)))
        .collect();
    let keys: Vec<&str> = present.iter().map(|&(_, id)| id).collect();
    sorted(&keys)
        .windows(2)
        .filter(|w| keys[w[0]] == keys[w[1]])
        .map(|w| (present[w[0]].0, present[w[1]].0))
        .min_by_key(|&(_, again)| again)
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
    fn order_is_by_local_date_time_and_stable() {
        let dates = [
            "2023-08-23T09:00:00",
            "2023-08-22T10:21:00-05:00",
            "2023-08-22",
            "2023-08-22T10:21:00Z",
            "2023-08-22T08:00:00+09:00",
        ];
        assert_eq!(order(&dates), vec![2, 4, 1, 3, 0]);
        assert_eq!(order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn chunks_of_at_most_the_size() {
        assert_eq!(chunks(2500, 1000), vec![0..1000, 1000..2000, 2000..2500]);
        assert_eq!(chunks(1000, 1000), vec![0..1000]);
        assert_eq!(chunks(0, 1000), Vec::<Range<usize>>::new());
        assert_eq!(chunks(3, 0), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn duplicates_are_found_with_both_places() {
        let ids = |v: &[Option<&str>]| v.iter().map(|s| s.map(String::from)).collect::<Vec<_>>();
        assert_eq!(
            first_duplicate(&ids(&[Some("a"), None, Some("b"), None, Some("a")])),
            Some((0, 4))
        );
        assert_eq!(
            first_duplicate(&ids(&[Some("b"), Some("a"), Some("a"), Some("b")])),
            Some((1, 2))
        );
        assert_eq!(first_duplicate(&ids(&[Some("a"), None, None])), None);
    }

    #[test]
    fn the_merge_sort_agrees_with_the_standard_stable_sort() {
        // Few distinct keys, so most comparisons are ties; lengths around the powers of two.
        let mut seed = 7u32;
        for len in [0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1000, 2500] {
            let keys: Vec<String> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    format!("2023-08-{:02}", (seed >> 16) % 13)
                })
                .collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(sorted(&keys), expected, "{len} keys");
        }
    }
}
