//! One file per endpoint group. Each operation is its description (an `Operation`) and a
//! one-line method handing it to the client's generic request path.

mod account_mapping;
mod bank_accounts;
mod companies;
mod company_information;
mod connections;
mod managed_bank_feeds;
mod source_accounts;
mod transactions;

pub use account_mapping::AccountMappingApi;
pub use bank_accounts::BankAccountsApi;
pub use companies::CompaniesApi;
pub use company_information::CompanyInformationApi;
pub use connections::ConnectionsApi;
pub use managed_bank_feeds::ManagedBankFeedsApi;
pub use source_accounts::SourceAccountsApi;
pub use transactions::TransactionsApi;

use wasm_bindgen::prelude::*;

use crate::operation::{QueryKind, QueryParam};

// Paging and polling are JS async generators and timers over the groups' own methods.
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
    /// `group[method](request)` until its status is final (`kind`: "push" or "sync").
    pub(crate) fn poll(
        group: JsValue,
        method: &str,
        request: JsValue,
        kind: &str,
        options: JsValue,
    ) -> js_sys::Promise;
}

/// Options of `waitForOperation` and `waitForSync`.
#[derive(tsify::Tsify)]
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

/// `page`, `pageSize`, `query`, `orderBy`: the paging parameters of every list operation.
pub(crate) const PAGING: &[QueryParam] = &[
    QueryParam {
        name: "page",
        kind: QueryKind::Int {
            min: 1,
            max: i32::MAX as i64,
        },
    },
    QueryParam {
        name: "pageSize",
        kind: QueryKind::Int { min: 1, max: 5000 },
    },
    QueryParam {
        name: "query",
        kind: QueryKind::Str,
    },
    QueryParam {
        name: "orderBy",
        kind: QueryKind::Str,
    },
];

/// `timeoutInMinutes`: how long a push operation may run before it times out.
pub(crate) const TIMEOUT_IN_MINUTES: QueryParam = QueryParam {
    name: "timeoutInMinutes",
    kind: QueryKind::Int {
        min: i32::MIN as i64,
        max: i32::MAX as i64,
    },
};
