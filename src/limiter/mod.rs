//! The requests in flight per company, and the calls waiting for a slot, in order. Counted
//! here so that a free slot costs no call into JS; only a wait does (`attempts` makes it).
//! Companies are kept by a hash of their id (table.rs), so that a call costs the same with 20,000
//! companies in flight as with one. Generic over what a waiting call is, so the counting has
//! host tests.

use std::cell::RefCell;
use std::collections::VecDeque;

use table::Table;

mod table;

/// Per-company slots: `W` is how a waiting call is given its slot.
pub(crate) struct Limiter<W> {
    queues: RefCell<Table<Queue<W>>>,
}

struct Queue<W> {
    active: f64,
    waiting: VecDeque<W>,
}

impl<W> Default for Limiter<W> {
    fn default() -> Self {
        Limiter {
            queues: RefCell::new(Table::default()),
        }
    }
}

impl<W> Limiter<W> {
    /// Takes a slot of `company` when one of `max` is free and nobody is waiting for one.
    pub(crate) fn try_take(&self, company: &str, max: f64) -> bool {
        let mut queues = self.queues.borrow_mut();
        let Some(queue) = queues.get_or_insert(company, || Queue {
            active: 0.0,
            waiting: VecDeque::new(),
        }) else {
            return false;
        };
        let free = queue.active < max && queue.waiting.is_empty();
        if free {
            queue.active += 1.0;
        }
        free
    }

    /// Puts `waiter` last in `company`'s line (after `try_take` found no slot).
    pub(crate) fn wait(&self, company: &str, waiter: W) {
        if let Some(queue) = self.queues.borrow_mut().get_mut(company) {
            queue.waiting.push_back(waiter);
        }
    }

    /// Gives back a slot of `company`: the first call still waiting takes it (`grant` gives it
    /// and says whether that call was still waiting).
    pub(crate) fn release(&self, company: &str, grant: impl Fn(&W) -> bool) {
        let mut queues = self.queues.borrow_mut();
        let Some(queue) = queues.get_mut(company) else {
            return;
        };
        while let Some(next) = queue.waiting.pop_front() {
            if grant(&next) {
                return;
            }
        }
        queue.active -= 1.0;
        if queue.active <= 0.0 {
            queues.remove(company);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    #[test]
    fn slots_are_counted_per_company() {
        let limiter = Limiter::<u32>::default();
        assert!(limiter.try_take("a", 2.0));
        assert!(limiter.try_take("a", 2.0));
        assert!(!limiter.try_take("a", 2.0));
        assert!(limiter.try_take("b", 2.0));
        limiter.release("a", |_| unreachable!("nobody waits"));
        assert!(limiter.try_take("a", 2.0));
    }

    #[test]
    fn a_released_slot_goes_to_the_first_call_still_waiting() {
        let limiter = Limiter::<u32>::default();
        assert!(limiter.try_take("a", 1.0));
        assert!(!limiter.try_take("a", 1.0));
        limiter.wait("a", 1);
        limiter.wait("a", 2);
        limiter.wait("a", 3);
        let offered = RefCell::new(Vec::new());
        // 1 gave up waiting (its signal, its deadline): 2 takes the slot.
        limiter.release("a", |w| {
            offered.borrow_mut().push(*w);
            *w != 1
        });
        assert_eq!(*offered.borrow(), vec![1, 2]);
        // A waiter is ahead: a new call waits its turn even when a slot is given back.
        assert!(!limiter.try_take("a", 5.0));
        limiter.release("a", |w| *w == 3);
        limiter.release("a", |_| unreachable!("nobody waits"));
        // The company's line is gone with its last slot.
        assert_eq!(limiter.queues.borrow().len(), 0);
    }

    #[test]
    fn many_companies_are_counted_apart() {
        const N: usize = 20_000;
        let limiter = Limiter::<usize>::default();
        let id = |i: usize| format!("{i:08x}-9b53-4396-a412-4f2f5983b0a2");
        for i in 0..N {
            assert!(limiter.try_take(&id(i), 1.0));
        }
        for i in 0..N {
            assert!(!limiter.try_take(&id(i), 1.0));
            limiter.wait(&id(i), i);
        }
        assert_eq!(limiter.queues.borrow().len(), N);
        // Each company's slot goes to its own waiter, then the company is forgotten.
        for i in 0..N {
            limiter.release(&id(i), |w| *w == i);
            limiter.release(&id(i), |_| unreachable!("nobody waits"));
        }
        assert_eq!(limiter.queues.borrow().len(), 0);
    }
}
