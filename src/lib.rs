//! Client for the Codat Bank Feeds API, compiled to WebAssembly for browsers, Node and
//! Cloudflare Workers. See README.md.

// Layers, each importing only those below it (scripts/check-layers.py checks):
// sdk (the entry) and push_all (a method on a group) -> groups -> client (the call pipeline:
// options, auth -> request -> attempts (log) -> response) -> bindings (every JS binding); leaves
// import no layer: operation, retry, rate_limit, limiter, push_all::plan, url, error, models,
// schema, text.
// Generated (scripts/gen/generate.py lists what): models, groups and the single files of
// `generated` (sdk, retry_policy, errors, boundary); the rest is hand-written.
mod attempts;
mod auth;
mod bindings;
mod client;
#[cfg(test)]
mod declared;
mod error;
mod generated;
mod groups;
// The wasm's global allocator; on the host, only its tests.
#[cfg(any(target_arch = "wasm32", test))]
mod heap;
mod limiter;
mod log;
pub mod models;
mod operation;
mod options;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
mod push_all;
mod rate_limit;
mod request;
mod response;
mod retry;
mod schema;
mod text;
mod url;

pub use auth::AuthContext;
pub use generated::sdk::CodatBankFeeds;
pub use groups::*;
pub use options::{HookRequest, HookResponse, Hooks, RequestOptions, SDKOptions, WaitOptions};
pub use push_all::{PushAllOptions, PushAllRequest, PushAllResult, PushProgress};
pub use rate_limit::RateLimit;
pub use retry::{BackoffStrategy, RetryConfig};
