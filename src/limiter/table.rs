//! The limiter's map from a company id to its line: open addressing with linear probing over an
//! FNV-1a hash. Constant time per call however many companies are in flight, for a fraction of
//! what std's `HashMap` (SipHash, its seeding, SwissTable groups) costs the `.wasm`.

/// A map keyed by strings, at most half full so that a probe always ends at an empty slot.
pub(super) struct Table<V> {
    /// A power of two of slots, or none before the first insert and once the map is empty.
    slots: Vec<Option<(String, V)>>,
    len: usize,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            len: 0,
        }
    }
}

#[inline(never)]
fn fnv(key: &str) -> usize {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    // The high bits mix in every byte; the low ones index the slots.
    (hash ^ (hash >> 32)) as usize
}

impl<V> Table<V> {
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Where `key` is (`Ok`), or the empty slot where it would go (`Err`); the table has slots.
    #[inline(never)]
    fn find(&self, key: &str) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = fnv(key) & mask;
        loop {
            match &self.slots[i] {
                None => return Err(i),
                Some((k, _)) if k == key => return Ok(i),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        if self.len == 0 {
            return None;
        }
        let at = self.find(key).ok()?;
        self.slots[at].as_mut().map(|(_, v)| v)
    }

    /// The value of `key`, `make`'s when it has none (always `Some`).
    pub(super) fn get_or_insert(&mut self, key: &str, make: impl FnOnce() -> V) -> Option<&mut V> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        match self.find(key) {
            Ok(at) => self.slots[at].as_mut().map(|(_, v)| v),
            Err(at) => {
                self.len += 1;
                Some(&mut self.slots[at].insert((key.to_string(), make())).1)
            }
        }
    }

    /// Doubles the slots (8 at first) and puts every entry back.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(8);
        let old = std::mem::replace(&mut self.slots, Vec::with_capacity(size));
        self.slots.resize_with(size, || None);
        for (key, value) in old.into_iter().flatten() {
            if let Err(at) = self.find(&key) {
                self.slots[at] = Some((key, value));
            }
        }
    }

    /// Removes `key`; the entries after it in its run move back, so that no probe stops early.
    pub(super) fn remove(&mut self, key: &str) {
        if self.len == 0 {
            return;
        }
        let Ok(mut hole) = self.find(key) else {
            return;
        };
        self.slots[hole] = None;
        self.len -= 1;
        if self.len == 0 {
            // Memory for the busiest moment is not kept once every company is idle.
            self.slots = Vec::new();
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = hole;
        loop {
            i = (i + 1) & mask;
            let Some((k, _)) = &self.slots[i] else {
                return;
            };
            // The entry may fill the hole when the hole lies between its home slot and it.
            let home = fnv(k) & mask;
            if i.wrapping_sub(home) & mask >= i.wrapping_sub(hole) & mask {
                self.slots[hole] = self.slots[i].take();
                hole = i;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_after_others_are_removed() {
        let mut table = Table::<usize>::default();
        let key = |i: usize| format!("company-{i}");
        for i in 0..1000 {
            *table.get_or_insert(&key(i), || 0).unwrap() += i;
        }
        assert_eq!(table.len(), 1000);
        for i in (0..1000).step_by(3) {
            table.remove(&key(i));
        }
        for i in 0..1000 {
            assert_eq!(
                table.get_mut(&key(i)).copied(),
                (i % 3 != 0).then_some(i),
                "{i}"
            );
        }
        for i in 0..1000 {
            table.remove(&key(i));
        }
        assert_eq!(table.len(), 0);
        assert!(table.slots.is_empty());
        assert_eq!(table.get_mut(&key(1)), None);
    }
}
