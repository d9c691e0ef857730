//! Client for the Codat Bank Feeds API, compiled to WebAssembly for browsers, Node and
//! Cloudflare Workers. See README.md.

// Layers, each importing only those below it (scripts/check-layers.py checks):
// sdk (the entry) -> groups -> client (the call pipeline: options -> request -> attempts ->
// response; bulk, pushAll's plan) -> bindings (every JS binding); leaves import no layer:
// operation, retry, batch, url, error, models, schema.
// Generated (scripts/gen/generate.py lists what): models, groups and the single files of
// `generated` (sdk, retry_policy, errors); the rest is hand-written.
mod attempts;
mod batch;
mod bindings;
mod bulk;
mod client;
mod error;
mod generated;
mod groups;
// The wasm's global allocator; on the host, only its tests.
#[cfg(any(target_arch = "wasm32", test))]
mod heap;
pub mod models;
mod operation;
mod options;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
mod request;
mod response;
mod retry;
mod schema;
mod url;

pub use generated::sdk::CodatBankFeeds;
pub use groups::*;
pub use options::{
    HookRequest, HookResponse, Hooks, PushAllOptions, PushAllRequest, PushAllResult, PushProgress,
    RateLimit, RequestOptions, SDKOptions, WaitOptions,
};
pub use retry::{BackoffStrategy, RetryConfig};
