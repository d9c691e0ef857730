//! A call's deadline (js/deadline.js): made once per call from its `timeoutMs` and `signal`,
//! and raced against every promise the call waits on, so that nothing of the caller's (an auth
//! function, a hook, a fetch, a body) outlasts it. Its end is the call's `RequestTimeoutError`,
//! naming the configured timeout and what the call was waiting for, or `RequestAbortedError`.
//! A call with neither makes no JS object and pays for none of it.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{get, number_text, settled};
use crate::error::Error;

#[wasm_bindgen(module = "/js/deadline.js")]
extern "C" {
    #[wasm_bindgen(js_name = deadline)]
    fn new_deadline(timeout_ms: f64, signal: &JsValue) -> JsValue;

    type JsDeadline;
    #[wasm_bindgen(method)]
    fn over(this: &JsDeadline) -> bool;
    #[wasm_bindgen(method)]
    fn race(this: &JsDeadline, promise: &Promise) -> Promise;
    #[wasm_bindgen(method)]
    fn close(this: &JsDeadline);
}

#[wasm_bindgen(module = "/js/timers.js")]
extern "C" {
    fn sleep(ms: f64, deadline: &JsValue) -> Promise;
}

/// One call's end: after its `timeoutMs`, or when its `signal` aborts.
pub(crate) struct Deadline {
    /// The JS deadline, or `undefined` for a call with neither.
    js: JsValue,
    /// As configured, for the message; negative for none.
    timeout_ms: f64,
}

impl Deadline {
    pub(crate) fn new(timeout_ms: Option<f64>, signal: &JsValue) -> Deadline {
        let timeout_ms = timeout_ms.unwrap_or(-1.0);
        let js = if timeout_ms < 0.0 && signal.is_undefined() {
            JsValue::UNDEFINED
        } else {
            new_deadline(timeout_ms, signal)
        };
        Deadline { js, timeout_ms }
    }

    /// The JS deadline for `fetchOnce` (`undefined` for none).
    pub(crate) fn js(&self) -> &JsValue {
        &self.js
    }

    fn get(&self) -> Option<&JsDeadline> {
        (!self.js.is_undefined()).then(|| self.js.unchecked_ref())
    }

    /// The deadline's error if the call's time is already over (an aborted signal, say), before
    /// anything of the caller's is called.
    pub(crate) fn check(&self, op: &'static str, what: &str) -> Result<(), Error> {
        match self.get() {
            Some(deadline) if deadline.over() => Err(self.error(op, what)),
            _ => Ok(()),
        }
    }

    /// What `promise` settles to, or the deadline's error (`what` names what the call waited
    /// for) when the call's time is over first.
    pub(crate) async fn wait(
        &self,
        promise: Promise,
        op: &'static str,
        what: &str,
    ) -> Result<Result<JsValue, JsValue>, Error> {
        let Some(deadline) = self.get() else {
            return Ok(settled(promise).await);
        };
        match settled(deadline.race(&promise)).await {
            Err(ended) if ended == self.js => Err(self.error(op, what)),
            outcome => Ok(outcome),
        }
    }

    /// Waits `ms` on a JS timer, within the deadline.
    pub(crate) async fn sleep(&self, ms: f64, op: &'static str, what: &str) -> Result<(), Error> {
        self.wait(sleep(ms, &self.js), op, what).await.map(drop)
    }

    /// The error of a deadline that is over: `what` the call was waiting for when it timed
    /// out, or what the attempt was (js/fetch.js notes it) when `what` is empty.
    #[cold]
    pub(crate) fn error(&self, op: &'static str, what: &str) -> Error {
        if get(&self.js, "outcome").as_string().as_deref() == Some("aborted") {
            return Error::Aborted {
                cause: get(&self.js, "reason"),
            };
        }
        let step = get(&self.js, "step").as_string().unwrap_or_default();
        let what = if what.is_empty() { &step } else { what };
        let message = [
            op,
            ": the call timed out after ",
            &number_text(self.timeout_ms),
            " ms (timeoutMs) while waiting for ",
            what,
        ];
        Error::Timeout {
            message: message.concat(),
            cause: JsValue::UNDEFINED,
        }
    }
}

impl Drop for Deadline {
    /// The call settled: the deadline's timer and its listener on the caller's signal go.
    fn drop(&mut self) {
        if let Some(deadline) = self.get() {
            deadline.close();
        }
    }
}
