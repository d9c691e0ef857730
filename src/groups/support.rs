//! What the generated group methods share beyond the request path: paging and polling, both
//! JS async code over the groups' own methods (hand-written; the groups are generated).

use js_sys::Array;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// `group[method]` page after page: whole pages, or their items when `items` is set.
    pub(crate) fn paginate(
        group: JsValue,
        method: &str,
        request: JsValue,
        options: JsValue,
        items: bool,
    ) -> JsValue;
    /// `group[method](request)` until its `status` is none of `in_progress`.
    #[wasm_bindgen(js_name = poll)]
    fn poll_js(
        group: JsValue,
        method: &str,
        request: JsValue,
        in_progress: Array,
        options: JsValue,
    ) -> js_sys::Promise;
}

/// Polls `group[method](request)` while its `status` is one of `in_progress`.
pub(crate) fn poll(
    group: JsValue,
    method: &str,
    request: JsValue,
    in_progress: &[&str],
    options: JsValue,
) -> js_sys::Promise {
    let values = in_progress.iter().copied().map(JsValue::from_str).collect();
    poll_js(group, method, request, values, options)
}

/// Options of the `waitFor*` methods (`waitForOperation`, `waitForSync`).
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WaitOptions {
    /// First wait between polls in ms (default 1000); each wait is 1.5 times the last.
    #[tsify(optional)]
    pub interval_ms: Option<f64>,
    /// Longest wait between polls in ms (default 30000).
    #[tsify(optional)]
    pub max_interval_ms: Option<f64>,
    /// Give up with `RequestTimeoutError` after this many ms (default 600000).
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Stops waiting at once with `RequestAbortedError`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
}
