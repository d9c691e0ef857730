use super::{group, operations};
use crate::models::{BankFeedAccountMapping, BankFeedAccountMappingResponse, BankFeedMapping};
use crate::operation::{validate, Body, Decode, Method, Operation};

group! {
    /// Which accounting-software account each source account feeds (`sdk.accountMapping`).
    AccountMappingApi
}

const IDS: &[&str] = &["companyId", "connectionId"];
const PATH: &str = "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping";

static GET: Operation = Operation {
    name: "accountMapping.get",
    method: Method::Get,
    path: PATH,
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<Vec<BankFeedMapping>>))],
    typed_errors: &[],
};

static CREATE: Operation = Operation {
    name: "accountMapping.create",
    method: Method::Post,
    path: PATH,
    path_params: IDS,
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<BankFeedAccountMapping>,
    },
    success: &[(
        200,
        Decode::Json(validate::<BankFeedAccountMappingResponse>),
    )],
    typed_errors: &[],
};

operations! { AccountMappingApi;
    /// List bank feed account mappings
    ///
    /// Returns each source account with its current target account and the accounts it
    /// could be mapped to.
    fn get as "get" (unchecked_param_type = "GetBankAccountMappingRequest") -> "Promise<BankFeedMapping[]>" = GET;

    /// Create bank feed account mapping
    ///
    /// Maps a source account to a target account in the accounting software, which starts
    /// the bank feed.
    fn create as "create" (unchecked_param_type = "CreateBankAccountMappingRequest") -> "Promise<BankFeedAccountMappingResponse>" = CREATE;
}
