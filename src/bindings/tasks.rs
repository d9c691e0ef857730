//! The crate's own executor, in place of wasm-bindgen-futures. A task is polled at once when
//! spawned, and again when the one JS promise it waits on settles (the call pipeline awaits
//! one thing at a time); its outcome settles the promise its caller holds. A call costs four
//! crossings this way where wasm-bindgen-futures made about a dozen: its `Promise` executor,
//! two closures per awaited promise (each registered for finalisation), two microtask hops.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/tasks.js")]
extern "C" {
    fn started(id: u32) -> Promise;
    fn settle(id: u32, ok: bool, value: &JsValue);
    fn watch(promise: &Promise, id: u32, wake: &Function);
}

type Outcome = Result<JsValue, JsValue>;
type Task = Pin<Box<dyn Future<Output = Outcome>>>;

/// A task in flight: its future (out of the slot while it is polled) and what the promise it
/// waits on settled to, until the task reads it.
#[derive(Default)]
struct Slot {
    task: Option<Task>,
    settled: Option<Outcome>,
}

/// No task is being polled.
const NONE: usize = usize::MAX;

thread_local! {
    /// Tasks by id; a finished task's slot is reused.
    static SLOTS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
    static FREE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// The task being polled, which an awaited promise reports back to.
    static CURRENT: Cell<usize> = const { Cell::new(NONE) };
    /// The one callback every watched promise calls (made once, kept for the instance's life).
    static WAKE: Closure<dyn Fn(u32, bool, JsValue)> = Closure::new(wake);
}

/// Runs `task`; the returned promise settles with its outcome.
pub(crate) fn spawn(task: impl Future<Output = Outcome> + 'static) -> Promise {
    let id = FREE.with(|free| free.borrow_mut().pop());
    let id = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let slot = Slot {
            task: Some(Box::pin(task)),
            settled: None,
        };
        match id.filter(|&id| id < slots.len()) {
            Some(id) => {
                slots[id] = slot;
                id
            }
            None => {
                slots.push(slot);
                slots.len() - 1
            }
        }
    });
    match poll(id) {
        // Bad input fails before anything is awaited: no caller to look up later.
        Some(Ok(value)) => Promise::resolve(&value),
        Some(Err(error)) => Promise::reject(&error),
        None => started(id as u32),
    }
}

/// The outcome of a JS promise, awaited inside a task.
pub(crate) async fn settled(promise: Promise) -> Outcome {
    let mut promise = Some(promise);
    poll_fn(move |_| {
        let id = CURRENT.get();
        if let Some(promise) = promise.take() {
            WAKE.with(|wake| watch(&promise, id as u32, wake.as_ref().unchecked_ref()));
            return Poll::Pending;
        }
        let outcome = SLOTS.with(|slots| slots.borrow_mut().get_mut(id)?.settled.take());
        outcome.map_or(Poll::Pending, Poll::Ready)
    })
    .await
}

/// A watched promise of task `id` settled: the task reads it and runs on.
fn wake(id: u32, ok: bool, value: JsValue) {
    let id = id as usize;
    let outcome = if ok { Ok(value) } else { Err(value) };
    let known = SLOTS.with(|slots| match slots.borrow_mut().get_mut(id) {
        Some(slot) => slot.settled.replace(outcome).is_none(),
        None => false,
    });
    if !known {
        return;
    }
    if let Some(outcome) = poll(id) {
        settle(
            id as u32,
            outcome.is_ok(),
            outcome.as_ref().unwrap_or_else(|e| e),
        );
    }
}

/// Polls task `id` once: its outcome when it has finished (its slot freed then). The future
/// is out of its slot meanwhile, so that a call it makes into the client can spawn another.
fn poll(id: usize) -> Option<Outcome> {
    let mut task = SLOTS.with(|slots| slots.borrow_mut().get_mut(id)?.task.take())?;
    let outer = CURRENT.replace(id);
    let waker = noop_waker();
    let polled = task.as_mut().poll(&mut Context::from_waker(&waker));
    CURRENT.set(outer);
    match polled {
        Poll::Ready(outcome) => {
            drop(task);
            SLOTS.with(|slots| slots.borrow_mut().get_mut(id).map(|s| s.settled = None));
            FREE.with(|free| free.borrow_mut().push(id));
            Some(outcome)
        }
        Poll::Pending => {
            SLOTS.with(|slots| slots.borrow_mut().get_mut(id).map(|s| s.task = Some(task)));
            None
        }
    }
}

/// Tasks are woken by `wake`, never through the `Waker`.
fn noop_waker() -> Waker {
    const VTABLE: RawWakerVTable = RawWakerVTable::new(|_| RAW, |_| {}, |_| {}, |_| {});
    const RAW: RawWaker = RawWaker::new(std::ptr::null(), &VTABLE);
    // SAFETY: every function of the vtable ignores the data pointer.
    unsafe { Waker::from_raw(RAW) }
}
