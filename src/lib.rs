//! Client for the Codat Bank Feeds API, compiled to WebAssembly for browsers, Node and
//! Cloudflare Workers. See README.md.

// Layers, each importing only those below it (scripts/check-layers.py checks):
// sdk (the entry) -> groups -> client (the call pipeline: options -> request -> attempts ->
// response) -> bindings (every JS binding); leaves import no layer: operation, retry, url,
// error, models.
mod attempts;
mod bindings;
mod client;
mod error;
mod groups;
pub mod models;
mod operation;
mod options;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
mod request;
mod response;
mod retry;
mod sdk;
mod url;

pub use groups::*;
pub use options::{
    HookRequest, HookResponse, Hooks, RateLimit, RequestOptions, SDKOptions, WaitOptions,
};
pub use retry::{BackoffStrategy, RetryConfig};
pub use sdk::CodatBankFeeds;
