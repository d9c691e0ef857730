//! The `.wasm`'s allocator: power-of-two size classes, each with a free list, carved from pages
//! the memory grows by. Rust's default on wasm32, dlmalloc, cost 7 KB of code (3 KB gzip) for
//! splitting and merging this client does not need: its allocations are small and short-lived
//! (a request, a response, a message), or one body at a time. A freed block is kept for the
//! next allocation of its class and never merged, so what the heap holds is at most the peak
//! use of each class, under twice the bytes asked; a wasm memory never shrinks anyway.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;

const PAGE: usize = 64 * 1024;
/// The smallest block, 16 bytes: room for the free list's link, and wasm's largest alignment.
const MIN_CLASS: u32 = 4;
const CLASSES: usize = usize::BITS as usize;

/// Where new pages come from: `memory.grow` in wasm, a buffer in the host tests.
pub(crate) trait Pages {
    /// Grows by `pages` pages; the address of the first new byte, or `None` when refused.
    fn grow(&self, pages: usize) -> Option<usize>;
}

pub(crate) struct Heap<P> {
    state: UnsafeCell<State>,
    pages: P,
}

struct State {
    /// The first free block of each class (0: none); a free block's first word links the next.
    free: [usize; CLASSES],
    /// The part of the last pages grown not yet carved into blocks.
    next: usize,
    end: usize,
}

// wasm32 without threads: one thread ever touches the heap.
unsafe impl<P> Sync for Heap<P> {}

impl<P: Pages> Heap<P> {
    pub(crate) const fn new(pages: P) -> Heap<P> {
        Heap {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
            pages,
        }
    }
}

/// The class of a layout: its block is 2^class bytes, aligned to its size (up to a page), so
/// any alignment up to the size is met.
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    Some(size.checked_next_power_of_two()?.trailing_zeros() as usize)
}

impl State {
    fn take(&mut self, class: usize, pages: &impl Pages) -> Option<usize> {
        let head = self.free[class];
        if head != 0 {
            // SAFETY: a free block's first word is the link `give` wrote.
            self.free[class] = unsafe { *(head as *const usize) };
            return Some(head);
        }
        let size = 1usize << class;
        // `end` is a page boundary and `align` divides a page: `start` is at most `end`.
        let align = size.min(PAGE);
        let mut start = self.next.checked_add(align - 1)? & !(align - 1);
        if start.checked_add(size)? > self.end {
            let count = size.div_ceil(PAGE);
            let base = pages.grow(count)?;
            if base != self.end {
                // Not after the last pages (the first growth, or another grower in between):
                // carve from the new ones, which start on a page boundary.
                start = base;
            }
            self.end = base + count * PAGE;
        }
        self.next = start + size;
        Some(start)
    }

    fn give(&mut self, block: usize, class: usize) {
        // SAFETY: the block is at least 16 bytes, aligned, and no longer in use.
        unsafe { *(block as *mut usize) = self.free[class] };
        self.free[class] = block;
    }
}

unsafe impl<P: Pages> GlobalAlloc for Heap<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class(layout) else {
            return std::ptr::null_mut();
        };
        // SAFETY: single-threaded, and no call here re-enters the allocator.
        let state = unsafe { &mut *self.state.get() };
        state
            .take(class, &self.pages)
            .map_or(std::ptr::null_mut(), |block| block as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class(layout) {
            // SAFETY: as in `alloc`.
            unsafe { &mut *self.state.get() }.give(ptr as usize, class);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return std::ptr::null_mut();
        };
        if class(new) == class(layout) {
            return ptr;
        }
        // SAFETY: the caller's contract for `realloc` is `alloc`'s and `dealloc`'s.
        unsafe {
            let moved = self.alloc(new);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            moved
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{Heap, Pages, PAGE};

    pub(crate) struct MemoryGrow;

    impl Pages for MemoryGrow {
        fn grow(&self, pages: usize) -> Option<usize> {
            let before = core::arch::wasm32::memory_grow(0, pages);
            (before != usize::MAX).then(|| before * PAGE)
        }
    }

    #[global_allocator]
    static HEAP: Heap<MemoryGrow> = Heap::new(MemoryGrow);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Pages from one buffer, as `memory.grow` hands them out: contiguous, from its end.
    struct Buffer {
        base: usize,
        used: Cell<usize>,
        size: usize,
        grown: Cell<usize>,
    }

    impl Pages for Buffer {
        fn grow(&self, pages: usize) -> Option<usize> {
            let at = self.used.get();
            if at + pages * PAGE > self.size {
                return None;
            }
            self.used.set(at + pages * PAGE);
            self.grown.set(self.grown.get() + pages);
            Some(self.base + at)
        }
    }

    fn heap(pages: usize) -> (Heap<Buffer>, Vec<u8>) {
        let mut memory = vec![0u8; (pages + 1) * PAGE];
        let base = (memory.as_mut_ptr() as usize).next_multiple_of(PAGE);
        let buffer = Buffer {
            base,
            used: Cell::new(0),
            size: pages * PAGE,
            grown: Cell::new(0),
        };
        (Heap::new(buffer), memory)
    }

    #[test]
    fn blocks_are_aligned_apart_and_kept_on_realloc() {
        let (heap, _memory) = heap(512);
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        let mut seed = 7u64;
        for step in 0..4000u32 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (seed >> 33) as usize;
            // At most 100 blocks live, so that the buffer suffices and the checks stay quick.
            match if live.len() >= 100 { 2 } else { r % 4 } {
                0 | 1 => {
                    let size = [1, 8, 15, 16, 17, 100, 1000, 5000, 70_000][r / 4 % 9];
                    let align = [1, 4, 8, 16, 64][r / 64 % 5];
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let p = unsafe { heap.alloc(layout) };
                    assert!(!p.is_null(), "step {step}");
                    assert_eq!(p as usize % align, 0);
                    let mark = step as u8;
                    unsafe { std::ptr::write_bytes(p, mark, size) };
                    live.push((p as usize, layout, mark));
                }
                2 if !live.is_empty() => {
                    let (p, layout, _) = live.swap_remove(r / 4 % live.len());
                    unsafe { heap.dealloc(p as *mut u8, layout) };
                }
                _ if !live.is_empty() => {
                    let i = r / 4 % live.len();
                    let (p, layout, mark) = live[i];
                    let new_size = [2, 40, 3000, 20_000][r / 16 % 4];
                    let q = unsafe { heap.realloc(p as *mut u8, layout, new_size) };
                    assert!(!q.is_null());
                    let kept = layout.size().min(new_size);
                    let bytes = unsafe { std::slice::from_raw_parts(q, kept) };
                    assert!(bytes.iter().all(|&b| b == mark), "realloc kept the bytes");
                    unsafe { std::ptr::write_bytes(q, mark, new_size) };
                    live[i] = (
                        q as usize,
                        Layout::from_size_align(new_size, layout.align()).unwrap(),
                        mark,
                    );
                }
                _ => {}
            }
            // Every live block holds its own mark: none overlaps another.
            for &(p, layout, mark) in live.iter().filter(|_| step % 50 == 0) {
                let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, layout.size()) };
                assert!(
                    bytes.iter().all(|&b| b == mark),
                    "step {step}: a block was overwritten"
                );
            }
        }
    }

    #[test]
    fn freed_blocks_are_reused_not_grown_again() {
        let (heap, _memory) = heap(64);
        let layout = Layout::from_size_align(200_000, 8).unwrap();
        for _ in 0..100 {
            let p = unsafe { heap.alloc(layout) };
            assert!(!p.is_null());
            unsafe { heap.dealloc(p, layout) };
        }
        assert_eq!(heap.pages.grown.get(), 4, "one 256 KiB block, reused");
        let small = Layout::new::<[u64; 3]>();
        let a = unsafe { heap.alloc(small) };
        unsafe { heap.dealloc(a, small) };
        assert_eq!(unsafe { heap.alloc(small) }, a);
    }

    #[test]
    fn refusals_are_null_not_a_panic() {
        let (heap, _memory) = heap(2);
        let big = Layout::from_size_align(3 * PAGE, 8).unwrap();
        assert!(unsafe { heap.alloc(big) }.is_null());
        let odd = Layout::from_size_align(8, 2 * PAGE).unwrap();
        assert!(unsafe { heap.alloc(odd) }.is_null());
        assert!(!unsafe { heap.alloc(Layout::new::<u8>()) }.is_null());
    }
}
