//! The call pipeline's entry, which the group methods call: options checked, the request
//! built, the attempts run, and at the end the one edge where an `Error` becomes its JS class.
//! `waitFor*` polls run the same pipeline with the same backoff as retries.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::attempts::send;
use crate::bindings::{aborted, get, into_js, now, sleep};
use crate::error::Error;
use crate::operation::Operation;
use crate::options::{CallOptions, Config, WaitSettings};
use crate::request::prepare;
use crate::retry::{next_poll, Backoff};

/// The one edge: a call's outcome as a promise, its `Error` as the JS class. One
/// `future_to_promise` for every kind of call (each copy of it costs the `.wasm` ~3 KB).
fn promise(call: Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>) -> Promise {
    future_to_promise(async move { call.await.map_err(|e| into_js(&e)) })
}

/// The client's settled configuration, shared by every group object.
pub(crate) struct Client {
    config: Config,
}

impl Client {
    /// Checks the client's options (`new CodatBankFeeds(options)`).
    pub(crate) fn new(options: &JsValue) -> Result<Client, JsValue> {
        let config = Config::from_options(options).map_err(|e| into_js(&e))?;
        Ok(Client { config })
    }

    /// Runs `op`: every failure rejects the promise with one of the client's error classes.
    pub(crate) fn call(
        self: &Rc<Self>,
        op: &'static Operation,
        request: JsValue,
        options: JsValue,
    ) -> Promise {
        let client = Rc::clone(self);
        promise(Box::pin(async move {
            let call = client.config.call_options(op, &options)?;
            client.run(op, &request, &call).await
        }))
    }

    /// Polls `op` while the result's `status` is one of `in_progress`, and resolves to the
    /// first other result.
    pub(crate) fn wait(
        self: &Rc<Self>,
        op: &'static Operation,
        request: JsValue,
        options: JsValue,
        in_progress: &'static [&'static str],
    ) -> Promise {
        let client = Rc::clone(self);
        promise(Box::pin(async move {
            let settings = WaitSettings::parse(op, &options)?;
            client.poll(op, &request, &settings, in_progress).await
        }))
    }

    async fn run(
        &self,
        op: &'static Operation,
        request: &JsValue,
        call: &CallOptions,
    ) -> Result<JsValue, Error> {
        let server = call
            .server_url
            .as_deref()
            .unwrap_or(&self.config.server_url);
        let prepared = prepare(op, request, server)?;
        send(&self.config, op, &prepared, call).await
    }

    async fn poll(
        &self,
        op: &'static Operation,
        request: &JsValue,
        settings: &WaitSettings,
        in_progress: &[&str],
    ) -> Result<JsValue, Error> {
        let backoff = Backoff {
            initial_interval: settings.interval_ms,
            max_interval: settings.max_interval_ms,
            exponent: 1.5,
            max_elapsed_time: settings.timeout_ms,
        };
        let deadline = now() + settings.timeout_ms;
        let mut polls = 0;
        loop {
            if aborted(&settings.signal) {
                return Err(Error::Aborted {
                    cause: get(&settings.signal, "reason"),
                });
            }
            let call = CallOptions {
                retry: self.config.retry,
                timeout_ms: Some((deadline - now()).max(1.0)),
                signal: settings.signal.clone(),
                server_url: None,
            };
            let result = self.run(op, request, &call).await?;
            let status = get(&result, "status").as_string();
            if !status.as_deref().is_some_and(|s| in_progress.contains(&s)) {
                return Ok(result);
            }
            let left = deadline - now();
            let Some(wait) = next_poll(&backoff, polls, left) else {
                sleep(left.max(0.0), &settings.signal).await?;
                let last = status.unwrap_or_default();
                return Err(Error::Timeout {
                    message: format!(
                        "{}: no final status after {} ms (last: {last})",
                        op.name, settings.timeout_ms
                    ),
                    cause: result,
                });
            };
            sleep(wait, &settings.signal).await?;
            polls += 1;
        }
    }
}
