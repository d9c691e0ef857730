//! The call pipeline's entry, which the group methods call: options checked, the request
//! built, the attempts run, and at the end the one edge where an `Error` becomes its JS class.
//! `waitFor*` polls run the same pipeline with the same backoff as retries.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::attempts::send;
use crate::bindings::{get, into_js, new_guid, now, number_text, rate_limit_js, spawn, Deadline};
use crate::error::Error;
use crate::operation::Operation;
use crate::options::{CallOptions, Config, WaitSettings};
use crate::request::{prepare, IdempotencyKey};
use crate::retry::{next_poll, Backoff};

/// What a call settles to: its result, or its `Error` with the `Idempotency-Key` it sent, if
/// any.
type CallResult = Result<JsValue, (Error, Option<String>)>;

/// The one edge: a call's outcome as a promise, its `Error` as the JS class with the key and
/// the client's last rate limit. One `spawn` for every kind of call (each copy of it costs the
/// `.wasm` a task's code).
fn promise(client: Rc<Client>, call: Pin<Box<dyn Future<Output = CallResult>>>) -> Promise {
    spawn(async move {
        call.await
            .map_err(|(error, key)| client.js_error(&error, key.as_deref()))
    })
}

/// The client's settled configuration, shared by every group object.
pub(crate) struct Client {
    config: Config,
}

impl Client {
    /// Checks the client's options (`new CodatBankFeeds(options)`).
    pub(crate) fn new(options: &JsValue) -> Result<Client, JsValue> {
        let config = Config::from_options(options).map_err(|e| into_js(&e, None, None))?;
        Ok(Client { config })
    }

    /// `sdk.rateLimit`: the rate-limit headers last seen.
    pub(crate) fn rate_limit(&self) -> JsValue {
        rate_limit_js(self.config.rate_limit.borrow().as_ref())
    }

    /// A call whose work JS runs (`transactions.pushAll`'s chunks): `start` checks it against
    /// the settled options and starts it; a refusal rejects as the client's error class.
    pub(crate) fn start(&self, start: impl FnOnce(&Config) -> Result<Promise, Error>) -> Promise {
        start(&self.config).unwrap_or_else(|error| Promise::reject(&self.js_error(&error, None)))
    }

    /// `error` as its JS class, with the key the call sent and the last rate limit seen.
    pub(crate) fn js_error(&self, error: &Error, key: Option<&str>) -> JsValue {
        into_js(error, key, self.config.rate_limit.borrow().as_ref())
    }

    /// The `Idempotency-Key` of a call: the caller's, or a fresh GUID on a POST or PATCH.
    fn idempotency_key(&self, op: &Operation, call: &CallOptions) -> Option<IdempotencyKey> {
        if !op.writes() {
            return None;
        }
        let own = call.idempotency_key.clone().map(|value| IdempotencyKey {
            value,
            renewable: false,
        });
        own.or_else(|| {
            self.config.idempotency_keys.then(|| IdempotencyKey {
                value: new_guid(),
                renewable: true,
            })
        })
    }

    /// Runs `op`: every failure rejects the promise with one of the client's error classes.
    pub(crate) fn call(
        self: &Rc<Self>,
        op: &'static Operation,
        request: JsValue,
        options: JsValue,
    ) -> Promise {
        let client = Rc::clone(self);
        promise(
            Rc::clone(self),
            Box::pin(async move {
                let call = client
                    .config
                    .call_options(op, &options)
                    .map_err(|e| (e, None))?;
                let mut key = client.idempotency_key(op, &call);
                // One deadline for the whole call, made once: every wait of it races it.
                let deadline = Deadline::new(call.timeout_ms, &call.signal);
                let result = client.run(op, &request, &call, &mut key, &deadline).await;
                // The key of the call's last attempt: the one to retry it under later.
                result.map_err(|e| (e, key.map(|k| k.value)))
            }),
        )
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
        promise(
            Rc::clone(self),
            Box::pin(async move {
                let settings = WaitSettings::parse(op, &options).map_err(|e| (e, None))?;
                client
                    .poll(op, &request, &settings, in_progress)
                    .await
                    .map_err(|e| (e, None))
            }),
        )
    }

    async fn run(
        &self,
        op: &'static Operation,
        request: &JsValue,
        call: &CallOptions,
        key: &mut Option<IdempotencyKey>,
        deadline: &Deadline,
    ) -> Result<JsValue, Error> {
        let server = call
            .server_url
            .as_deref()
            .unwrap_or(&self.config.server_url);
        let prepared = prepare(op, request, server)?;
        send(&self.config, op, &prepared, call, key, deadline).await
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
        // One deadline for every poll and every wait between them.
        let deadline = Deadline::new(Some(settings.timeout_ms), &settings.signal);
        let ends = now() + settings.timeout_ms;
        let call = CallOptions {
            retry: self.config.retry,
            timeout_ms: None,
            signal: JsValue::UNDEFINED,
            server_url: None,
            idempotency_key: None,
        };
        let mut polls = 0;
        loop {
            let result = self.run(op, request, &call, &mut None, &deadline).await?;
            let status = get(&result, "status").as_string();
            if !status.as_deref().is_some_and(|s| in_progress.contains(&s)) {
                return Ok(result);
            }
            let left = ends - now();
            let Some(wait) = next_poll(&backoff, polls, left) else {
                // Out of time for another poll: the last status says more than the deadline.
                let slept = deadline
                    .sleep(left.max(0.0), op.name, "the next poll")
                    .await;
                if let Err(aborted @ Error::Aborted { .. }) = slept {
                    return Err(aborted);
                }
                let last = status.unwrap_or_default();
                let after = number_text(settings.timeout_ms);
                let message = [
                    op.name,
                    ": no final status after ",
                    &after,
                    " ms (last: ",
                    &last,
                    ")",
                ];
                return Err(Error::Timeout {
                    message: message.concat(),
                    cause: result,
                });
            };
            deadline.sleep(wait, op.name, "the next poll").await?;
            polls += 1;
        }
    }
}
