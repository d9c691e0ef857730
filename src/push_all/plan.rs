//! The decisions of a `transactions.pushAll` run, as pure functions: the order the
//! transactions go in (a function of the set of transactions, whatever order they came in),
//! the chunks they go in, and which `id` repeats. (Each chunk's `Idempotency-Key` is a
//! WebCrypto digest, made in js/push.js.)

use std::ops::Range;

/// What a transaction is ordered by: its local date-time, then its `id`, then (for those with
/// no `id`) its JSON as sent, in UTF-8 (kept for every transaction: the batch's digest reads it). Every field is a function of the transaction alone, so the order is one
/// of the set: the same transactions in any order give the same chunks, keys and batch. Same-
/// dated transactions thus go in `id` order, not the caller's (see `PushAllRequest`). ISO 8601
/// local date-times of one form sort as text; a date alone (`2023-08-22`) is a prefix of its
/// day's times and sorts before them.
#[derive(PartialEq, PartialOrd)]
pub(super) struct Key {
    pub date: String,
    pub id: Option<String>,
    pub json: Vec<u8>,
}

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

/// A bottom-up merge sort of indices, stable by construction, run one pass at a time so that
/// its caller can let the event loop run between passes. The order and the search for a
/// repeated `id` share it (each instance of the standard library's sorts costs the `.wasm`
/// about 4 KB).
pub(super) struct MergeSort {
    order: Vec<usize>,
    merged: Vec<usize>,
    width: usize,
}

impl MergeSort {
    /// A sort of `indices`, in the order `pass`'s `less` gives them; ties keep this order.
    pub(super) fn of(indices: Vec<usize>) -> MergeSort {
        MergeSort {
            merged: indices.clone(),
            order: indices,
            width: 1,
        }
    }

    /// How many indices are sorted: the work of one pass.
    pub(super) fn len(&self) -> usize {
        self.order.len()
    }

    /// Merges runs of `width` into runs of twice that; false, doing nothing, once sorted.
    pub(super) fn pass(&mut self, less: &dyn Fn(usize, usize) -> bool) -> bool {
        let len = self.order.len();
        let width = self.width;
        if width >= len {
            return false;
        }
        let order = &self.order;
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in &mut self.merged[start..end] {
                // From the right run only when strictly earlier: ties keep their order.
                if right < end && (left >= mid || less(order[right], order[left])) {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut self.order, &mut self.merged);
        self.width *= 2;
        true
    }

    /// The indices, sorted once `pass` has returned false.
    pub(super) fn order(&self) -> &[usize] {
        &self.order
    }
}

/// `len` items in chunks of at most `size` (at least 1), in order.
pub(super) fn chunks(len: usize, size: usize) -> Vec<Range<usize>> {
    let size = size.max(1);
    (0..len.div_ceil(size))
        .map(|k| k * size..((k + 1) * size).min(len))
        .collect()
}

/// The first `id` seen twice, as (first index, second index), given the indices of the keys
/// that have an `id` sorted by it (ties in index order): of the ids that repeat, the one whose
/// second sighting comes first.
pub(super) fn first_duplicate(keys: &[Key], by_id: &[usize]) -> Option<(usize, usize)> {
    by_id
        .windows(2)
        .filter(|w| keys[w[0]].id == keys[w[1]].id)
        .map(|w| (w[0], w[1]))
        .min_by_key(|&(_, again)| again)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(indices: Vec<usize>, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
        let mut sort = MergeSort::of(indices);
        while sort.pass(less) {}
        sort.order().to_vec()
    }

    fn key(date: &str, id: Option<&str>, json: &str) -> Key {
        Key {
            date: local_date_time(date).to_string(),
            id: id.map(String::from),
            json: json.as_bytes().to_vec(),
        }
    }

    fn order(keys: &[Key]) -> Vec<usize> {
        sorted((0..keys.len()).collect(), &|a, b| keys[a] < keys[b])
    }

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

    #[test]
    fn order_is_by_local_date_time_then_id_then_content() {
        let keys = [
            key("2023-08-23T09:00:00", Some("a"), "{}"),
            key("2023-08-22T10:21:00-05:00", Some("z"), "{}"),
            key("2023-08-22", Some("m"), "{}"),
            key("2023-08-22T10:21:00Z", Some("b"), "{}"),
            key("2023-08-22T08:00:00+09:00", Some("y"), "{}"),
            key("2023-08-22", None, r#"{"amount":2}"#),
            key("2023-08-22", None, r#"{"amount":1}"#),
        ];
        // Same date: no id first, by content; then by id. 10:21 (offsets ignored) ties: by id.
        assert_eq!(order(&keys), vec![6, 5, 2, 4, 3, 1, 0]);
        assert_eq!(order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn order_is_a_function_of_the_set() {
        let keys: Vec<Key> = (0..300)
            .map(|i| {
                key(
                    &format!("2023-08-{:02}", 1 + i % 7),
                    Some(&format!("t-{i}")),
                    "{}",
                )
            })
            .collect();
        let sent = |keys: &[Key]| -> Vec<Option<String>> {
            order(keys)
                .into_iter()
                .map(|i| keys[i].id.clone())
                .collect()
        };
        let mut reversed: Vec<Key> = keys
            .iter()
            .rev()
            .map(|k| key(&k.date, k.id.as_deref(), "{}"))
            .collect();
        assert_eq!(sent(&keys), sent(&reversed));
        reversed.rotate_left(123);
        assert_eq!(sent(&keys), sent(&reversed));
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
        let first = |ids: &[Option<&str>]| {
            let keys: Vec<Key> = ids.iter().map(|id| key("2023-08-22", *id, "{}")).collect();
            let with_id = (0..keys.len()).filter(|&i| keys[i].id.is_some()).collect();
            let by_id = sorted(with_id, &|a, b| keys[a].id < keys[b].id);
            first_duplicate(&keys, &by_id)
        };
        assert_eq!(
            first(&[Some("a"), None, Some("b"), None, Some("a")]),
            Some((0, 4))
        );
        assert_eq!(
            first(&[Some("b"), Some("a"), Some("a"), Some("b")]),
            Some((1, 2))
        );
        assert_eq!(first(&[Some("a"), None, None]), None);
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
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| &keys[i]);
            assert_eq!(
                sorted((0..len).collect(), &|a, b| keys[a] < keys[b]),
                expected,
                "{len} keys"
            );
        }
    }
}
