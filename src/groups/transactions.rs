use super::{group, operations, PAGING, TIMEOUT_IN_MINUTES};
use crate::models::{
    CreateBankTransactions, CreateBankTransactionsResponse, PushOperation, PushOperations,
    PushOption,
};
use crate::operation::{validate, Body, Decode, Method, Operation, QueryKind, QueryParam};

group! {
    /// Push bank transactions and follow the push operations (`sdk.transactions`).
    TransactionsApi
}

const ACCOUNT_IDS: &[&str] = &["companyId", "connectionId", "accountId"];

static CREATE: Operation = Operation {
    name: "transactions.create",
    method: Method::Post,
    path: "/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions",
    path_params: ACCOUNT_IDS,
    query: &[TIMEOUT_IN_MINUTES, QueryParam { name: "allowSyncOnPushComplete", kind: QueryKind::Bool }],
    body: Body::Json { required: false, validate: validate::<CreateBankTransactions> },
    success: &[(200, Decode::Json(validate::<CreateBankTransactionsResponse>))],
    typed_errors: &[],
};

static GET_CREATE_MODEL: Operation = Operation {
    name: "transactions.getCreateModel",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions",
    path_params: ACCOUNT_IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<PushOption>))],
    typed_errors: &[],
};

static GET_CREATE_OPERATION: Operation = Operation {
    name: "transactions.getCreateOperation",
    method: Method::Get,
    path: "/companies/{companyId}/push/{pushOperationKey}",
    path_params: &["companyId", "pushOperationKey"],
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<PushOperation>))],
    typed_errors: &[],
};

static LIST_CREATE_OPERATIONS: Operation = Operation {
    name: "transactions.listCreateOperations",
    method: Method::Get,
    path: "/companies/{companyId}/push",
    path_params: &["companyId"],
    query: PAGING,
    body: Body::None,
    success: &[(200, Decode::Json(validate::<PushOperations>))],
    typed_errors: &[],
};

operations! { TransactionsApi;
    /// Create bank transactions
    ///
    /// Pushes bank transactions for a source account to the accounting software. The push
    /// runs asynchronously: the response's `pushOperationKey` follows it with
    /// `getCreateOperation`.
    fn create as "create" (unchecked_param_type = "CreateBankTransactionsRequest") -> "Promise<CreateBankTransactionsResponse>" = CREATE;

    /// Get create bank transactions model
    ///
    /// Returns what the accounting software expects in a bank-transactions payload.
    fn get_create_model as "getCreateModel" (unchecked_param_type = "GetCreateBankTransactionsModelRequest") -> "Promise<PushOption>" = GET_CREATE_MODEL;

    /// Get create operation
    ///
    /// Returns the status of one push operation.
    fn get_create_operation as "getCreateOperation" (unchecked_param_type = "GetCreateOperationRequest") -> "Promise<PushOperation>" = GET_CREATE_OPERATION;

    /// List create operations
    ///
    /// Returns a page of the company's push operations.
    fn list_create_operations as "listCreateOperations" (unchecked_param_type = "ListCreateOperationsRequest") -> "Promise<PushOperations>" = LIST_CREATE_OPERATIONS;
}
