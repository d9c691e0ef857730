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
