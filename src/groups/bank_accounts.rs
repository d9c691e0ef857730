use super::{group, operations, PAGING, TIMEOUT_IN_MINUTES};
use crate::models::{BankAccountCreateResponse, BankAccountPrototype, BankAccounts, PushOption};
use crate::operation::{validate, Body, Decode, Method, Operation};

group! {
    /// Bank accounts in the company's accounting software (`sdk.bankAccounts`).
    BankAccountsApi
}

const IDS: &[&str] = &["companyId", "connectionId"];

static LIST: Operation = Operation {
    name: "bankAccounts.list",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
    path_params: IDS,
    query: PAGING,
    body: Body::None,
    success: &[(200, Decode::Json(validate::<BankAccounts>))],
    typed_errors: &[],
};

static GET_CREATE_MODEL: Operation = Operation {
    name: "bankAccounts.getCreateModel",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<PushOption>))],
    typed_errors: &[],
};

static CREATE: Operation = Operation {
    name: "bankAccounts.create",
    method: Method::Post,
    path: "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
    path_params: IDS,
    query: &[TIMEOUT_IN_MINUTES],
    body: Body::Json {
        required: false,
        validate: validate::<BankAccountPrototype>,
    },
    success: &[(200, Decode::Json(validate::<BankAccountCreateResponse>))],
    typed_errors: &[],
};

operations! { BankAccountsApi;
    /// List bank accounts
    ///
    /// Returns a page of the bank accounts of a company's connection.
    fn list as "list" (unchecked_param_type = "ListBankAccountsRequest") -> "Promise<BankAccounts>" = LIST;

    /// Get create/update bank account model
    ///
    /// Returns what the accounting software expects in a bank-account payload: the fields,
    /// which are required, and their allowed values.
    fn get_create_model as "getCreateModel" (unchecked_param_type = "GetCreateBankAccountsModelRequest") -> "Promise<PushOption>" = GET_CREATE_MODEL;

    /// Create bank account
    ///
    /// Creates a bank account in the accounting software. The push runs asynchronously;
    /// follow it with `transactions.getCreateOperation`.
    fn create as "create" (unchecked_param_type = "CreateBankAccountRequest") -> "Promise<BankAccountCreateResponse>" = CREATE;
}
