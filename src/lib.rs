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
mod transport;
mod url;

pub use client::{CodatBankFeeds, HookRequest, HookResponse, Hooks, RequestOptions, SDKOptions};
pub use groups::{
    AccountMappingApi, BankAccountsApi, CompaniesApi, CompanyInformationApi, ConnectionsApi,
    ManagedBankFeedsApi, SourceAccountsApi, TransactionsApi, WaitOptions,
};
pub use retry::{BackoffStrategy, RetryConfig};
