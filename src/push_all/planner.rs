//! The checks and the order of a `transactions.pushAll` run, a slice at a time: each slice is a
//! few ms of work, and the caller lets the event loop run between slices.

use js_sys::Array;

use super::checks;
use super::plan::{first_duplicate, Key, MergeSort};
use crate::error::Error;

/// Transactions checked per slice (about 5 ms per 1,000 on a laptop's Node: schema and dates).
const CHECKED_PER_SLICE: u32 = 1000;
/// Indices a sort moves per slice (a merge pass moves each once; far cheaper than a check).
const MOVED_PER_SLICE: usize = 200_000;

enum Phase {
    /// Checking the transactions from this index on.
    Check(u32),
    /// Sorting those with an `id` by it, to find one given twice.
    ById(MergeSort),
    /// Sorting them all into the run's order.
    Order(MergeSort),
}

/// A run's checks and order, in progress.
pub(super) struct Planner {
    items: Array,
    keys: Vec<Key>,
    phase: Phase,
}

impl Planner {
    pub(super) fn new(items: Array) -> Planner {
        Planner {
            keys: Vec::with_capacity(items.length() as usize),
            items,
            phase: Phase::Check(0),
        }
    }

    /// Does a slice of the work: the transactions' indices in the run's order once it is all
    /// done (at most 2^32 - 1 items in a JS array, so every index fits a `u32`).
    pub(super) fn slice(&mut self) -> Result<Option<Vec<u32>>, Error> {
        let keys = &self.keys;
        match &mut self.phase {
            Phase::Check(start) => {
                let len = self.items.length();
                let end = len.min(*start + CHECKED_PER_SLICE);
                checks::slice(&self.items, *start..end, &mut self.keys)?;
                self.phase = if end < len {
                    Phase::Check(end)
                } else {
                    let with_id = (0..len as usize).filter(|&i| self.keys[i].id.is_some());
                    Phase::ById(MergeSort::of(with_id.collect()))
                };
            }
            Phase::ById(sort) => {
                if !passes(sort, &|a, b| keys[a].id < keys[b].id) {
                    if let Some(repeat) = first_duplicate(keys, sort.order()) {
                        return Err(checks::repeated_id(keys, repeat));
                    }
                    self.phase = Phase::Order(MergeSort::of((0..keys.len()).collect()));
                }
            }
            Phase::Order(sort) => {
                if !passes(sort, &|a, b| keys[a] < keys[b]) {
                    return Ok(Some(sort.order().iter().map(|&i| i as u32).collect()));
                }
            }
        }
        Ok(None)
    }

    /// What the batch's id is the digest of: `prefix`, then the transactions in `order` as JSON,
    /// as they are sent.
    pub(super) fn batch_name(&self, mut name: Vec<u8>, order: &[u32]) -> Vec<u8> {
        name.push(b'[');
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                name.push(b',');
            }
            name.extend_from_slice(&self.keys[i as usize].json);
        }
        name.push(b']');
        name
    }
}

/// A slice's worth of `sort`'s passes: whether it has more to do.
fn passes(sort: &mut MergeSort, less: &dyn Fn(usize, usize) -> bool) -> bool {
    let mut moved = 0;
    while moved < MOVED_PER_SLICE {
        if !sort.pass(less) {
            return false;
        }
        moved += sort.len();
    }
    true
}
