//! Client for the Codat Bank Feeds API, compiled to WebAssembly for browsers, Node and
//! Cloudflare Workers. See README.md.

mod client;
mod error;
mod groups;
pub mod models;
mod operation;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
mod request;
mod retry;
mod sdk;
mod transport;
mod url;

pub use client::{HookRequest, HookResponse, Hooks, RequestOptions, SDKOptions};
pub use groups::*;
pub use retry::{BackoffStrategy, RetryConfig};
pub use sdk::CodatBankFeeds;
