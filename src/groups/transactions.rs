use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::{PAGING, TIMEOUT_IN_MINUTES};
use crate::client::Client;
use crate::models::{
    CreateBankTransactions, CreateBankTransactionsResponse, PushOperation, PushOperations,
    PushOption,
};
use crate::operation::{validate, Body, Decode, Method, Operation, QueryKind, QueryParam};

/// Push bank transactions and follow the push operations (`sdk.transactions`).
#[wasm_bindgen]
pub struct TransactionsApi {
    client: Rc<Client>,
}

impl TransactionsApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
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

#[wasm_bindgen]
impl TransactionsApi {
    /// Create bank transactions
    ///
    /// Pushes bank transactions for a source account to the accounting software. The push
    /// runs asynchronously: the response's `pushOperationKey` follows it with
    /// `getCreateOperation`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CreateBankTransactionsResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateBankTransactionsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }

    /// Get create bank transactions model
    ///
    /// Returns what the accounting software expects in a bank-transactions payload.
    #[wasm_bindgen(js_name = getCreateModel, unchecked_return_type = "Promise<PushOption>")]
    pub fn get_create_model(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCreateBankTransactionsModelRequest")]
        request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_CREATE_MODEL, request, options)
    }

    /// Get create operation
    ///
    /// Returns the status of one push operation.
    #[wasm_bindgen(js_name = getCreateOperation, unchecked_return_type = "Promise<PushOperation>")]
    pub fn get_create_operation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCreateOperationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_CREATE_OPERATION, request, options)
    }

    /// List create operations
    ///
    /// Returns a page of the company's push operations.
    #[wasm_bindgen(js_name = listCreateOperations, unchecked_return_type = "Promise<PushOperations>")]
    pub fn list_create_operations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListCreateOperationsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&LIST_CREATE_OPERATIONS, request, options)
    }

    /// List all create operations
    ///
    /// Every push operation of `listCreateOperations`, page after page on demand (`for await (const x of ...)`),
    /// from `request.page` (default 1) until the last page. Each page is retried by the normal
    /// policy; `options.signal` stops it; a `break` sends no further request. An error on a
    /// page is thrown from the loop, after the items already yielded.
    #[wasm_bindgen(js_name = listAllCreateOperations, unchecked_return_type = "AsyncGenerator<PushOperation, void, undefined>")]
    pub fn list_all_create_operations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListCreateOperationsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        super::paginate(
            Self::new(&self.client).into(),
            "listCreateOperations",
            request,
            options,
            true,
        )
    }

    /// The pages of `listCreateOperations`, whole, fetched on demand as `listAllCreateOperations` does.
    #[wasm_bindgen(js_name = listCreateOperationsPages, unchecked_return_type = "AsyncGenerator<PushOperations, void, undefined>")]
    pub fn list_create_operations_pages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListCreateOperationsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        super::paginate(
            Self::new(&self.client).into(),
            "listCreateOperations",
            request,
            options,
            false,
        )
    }

    /// Wait for a push operation
    ///
    /// Polls `getCreateOperation` until the operation's status is final (`Success`, `Failed`,
    /// `TimedOut`, or any value other than `Pending`), waiting longer between polls each time
    /// on JS timers, and resolves to the final operation. Rejects with `RequestTimeoutError`
    /// after `options.timeoutMs`, `RequestAbortedError` when `options.signal` aborts.
    #[wasm_bindgen(js_name = waitForOperation, unchecked_return_type = "Promise<PushOperation>")]
    pub fn wait_for_operation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCreateOperationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: JsValue,
    ) -> Promise {
        super::poll(
            Self::new(&self.client).into(),
            "getCreateOperation",
            request,
            "push",
            options,
        )
    }
}
