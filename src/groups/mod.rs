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

use crate::operation::{QueryKind, QueryParam};

/// Declares a group class: a handle on the shared client.
macro_rules! group {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub struct $name {
            client: std::rc::Rc<crate::client::Client>,
        }

        impl $name {
            pub(crate) fn new(client: &std::rc::Rc<crate::client::Client>) -> Self {
                Self { client: std::rc::Rc::clone(client) }
            }
        }
    };
}
pub(crate) use group;

/// The methods of a group: each hands its `Operation` to the client's one request path.
/// `$param` is `unchecked_param_type` for a required request, `unchecked_optional_param_type`
/// when every field of the request is optional.
macro_rules! operations {
    ($group:ident; $($(#[doc = $doc:literal])* fn $method:ident as $js:tt ($param:ident = $req:tt) -> $ret:tt = $op:ident;)*) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $group {
            $(
                $(#[doc = $doc])*
                #[wasm_bindgen::prelude::wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $method(
                    &self,
                    #[wasm_bindgen($param = $req)] request: wasm_bindgen::JsValue,
                    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")]
                    options: wasm_bindgen::JsValue,
                ) -> js_sys::Promise {
                    self.client.call(&$op, request, options)
                }
            )*
        }
    };
}
pub(crate) use operations;

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
