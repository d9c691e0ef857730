use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::client::Client;
use crate::models::{
    BankAccountCredentials, GenerateOtpResponse, SourceAccount, SourceAccountBatchResult,
    SourceAccountPrototypeV2OrV1, SourceAccountV2OrV1,
};
use crate::operation::{validate, Body, Decode, Method, Operation, TypedError};

/// The bank accounts in your app that feed transactions (`sdk.sourceAccounts`).
#[wasm_bindgen]
pub struct SourceAccountsApi {
    client: Rc<Client>,
}

impl SourceAccountsApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
}

const IDS: &[&str] = &["companyId", "connectionId"];
const ACCOUNT_IDS: &[&str] = &["companyId", "connectionId", "accountId"];
const ACCOUNTS: &str =
    "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts";
const ONE: &str =
    "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/{accountId}";
const CREDENTIALS: &str =
    "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/credentials";

/// A batch body is all version-2 or all version-1 accounts; untagged per item is the same
/// check, item by item.
type Batch = Vec<SourceAccountPrototypeV2OrV1>;
type BatchResults = Vec<SourceAccountBatchResult>;

static CREATE_BATCH: Operation = Operation {
    name: "sourceAccounts.createBatch",
    method: Method::Post,
    path: "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/batch",
    path_params: IDS,
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<Batch>,
    },
    // 207: some accounts were created and some were not; each item says which.
    success: &[
        (201, Decode::Json(validate::<BatchResults>)),
        (207, Decode::Json(validate::<BatchResults>)),
    ],
    typed_errors: &[TypedError {
        status: 409,
        validate: validate::<BatchResults>,
        class: "SourceAccountBatchConflictError",
    }],
};

static CREATE: Operation = Operation {
    name: "sourceAccounts.create",
    method: Method::Post,
    path: ACCOUNTS,
    path_params: IDS,
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<SourceAccountPrototypeV2OrV1>,
    },
    success: &[(200, Decode::Json(validate::<SourceAccountV2OrV1>))],
    typed_errors: &[],
};

static LIST: Operation = Operation {
    name: "sourceAccounts.list",
    method: Method::Get,
    path: ACCOUNTS,
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<Vec<SourceAccountV2OrV1>>))],
    typed_errors: &[],
};

static UPDATE: Operation = Operation {
    name: "sourceAccounts.update",
    method: Method::Patch,
    path: ONE,
    path_params: ACCOUNT_IDS,
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<SourceAccount>,
    },
    success: &[(200, Decode::Json(validate::<SourceAccount>))],
    typed_errors: &[],
};

static DELETE: Operation = Operation {
    name: "sourceAccounts.delete",
    method: Method::Delete,
    path: ONE,
    path_params: ACCOUNT_IDS,
    query: &[],
    body: Body::None,
    success: &[(204, Decode::Empty)],
    typed_errors: &[],
};

static GENERATE_CREDENTIALS: Operation = Operation {
    name: "sourceAccounts.generateCredentials",
    method: Method::Post,
    path: CREDENTIALS,
    path_params: IDS,
    query: &[],
    body: Body::Raw,
    success: &[(200, Decode::Json(validate::<BankAccountCredentials>))],
    typed_errors: &[],
};

static DELETE_CREDENTIALS: Operation = Operation {
    name: "sourceAccounts.deleteCredentials",
    method: Method::Delete,
    path: CREDENTIALS,
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(204, Decode::Empty)],
    typed_errors: &[],
};

static GENERATE_OTP: Operation = Operation {
    name: "sourceAccounts.generateOtp",
    method: Method::Post,
    path: "/companies/{companyId}/connections/{connectionId}/bankFeeds/otp",
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<GenerateOtpResponse>))],
    typed_errors: &[],
};

#[wasm_bindgen]
impl SourceAccountsApi {
    /// Create source accounts in a batch
    ///
    /// Creates several source accounts (all version 2, or all version 1) in one call. Resolves
    /// on 201 and on 207 (multi-status) to one result per account: `result.account` for a
    /// created one, `result.error` for one that was not. A 409 (every account conflicts) throws
    /// `SourceAccountBatchConflictError` whose `data` keeps the per-item results.
    #[wasm_bindgen(js_name = createBatch, unchecked_return_type = "Promise<SourceAccountBatchResult[]>")]
    pub fn create_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateBatchSourceAccountRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE_BATCH, request, options)
    }

    /// Create single source account
    ///
    /// Creates a source account (the bank account in your app that feeds transactions).
    /// Version 2 accounts carry `accountType`, `routingInfo` and `accountInfo`; use
    /// `isSourceAccountV2` to tell which version came back.
    #[wasm_bindgen(unchecked_return_type = "Promise<SourceAccountV2OrV1>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateSourceAccountRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }

    /// List source accounts
    ///
    /// Returns the connection's source accounts.
    #[wasm_bindgen(unchecked_return_type = "Promise<SourceAccountV2OrV1[]>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListSourceAccountsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&LIST, request, options)
    }

    /// Update source account
    ///
    /// Updates a source account's name, type, numbers, currency, balance or dates.
    #[wasm_bindgen(unchecked_return_type = "Promise<SourceAccount>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdateSourceAccountRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&UPDATE, request, options)
    }

    /// Delete source account
    ///
    /// Removes a source account; its bank feed stops. Resolves to `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteSourceAccountRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&DELETE, request, options)
    }

    /// Generate source account credentials
    ///
    /// Creates the credentials the accounting software uses to reach your bank feed. The body
    /// is sent byte for byte as `application/json`: a `Uint8Array`, `ArrayBuffer`, `Blob` or
    /// string.
    #[wasm_bindgen(js_name = generateCredentials, unchecked_return_type = "Promise<BankAccountCredentials>")]
    pub fn generate_credentials(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateCredentialsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GENERATE_CREDENTIALS, request, options)
    }

    /// Delete all source account credentials
    ///
    /// Revokes every credential of the connection's source accounts. Resolves to `undefined`.
    #[wasm_bindgen(js_name = deleteCredentials, unchecked_return_type = "Promise<void>")]
    pub fn delete_credentials(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteBankFeedCredentialsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&DELETE_CREDENTIALS, request, options)
    }

    /// Generate a one-time password
    ///
    /// Returns a one-time password for testing the bank feed connection.
    #[wasm_bindgen(js_name = generateOtp, unchecked_return_type = "Promise<GenerateOtpResponse>")]
    pub fn generate_otp(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateOtpRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GENERATE_OTP, request, options)
    }
}
