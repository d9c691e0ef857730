use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::{PAGING, TIMEOUT_IN_MINUTES};
use crate::client::Client;
use crate::models::{BankAccountCreateResponse, BankAccountPrototype, BankAccounts, PushOption};
use crate::operation::{validate, Body, Decode, Method, Operation};

/// Bank accounts in the company's accounting software (`sdk.bankAccounts`).
#[wasm_bindgen]
pub struct BankAccountsApi {
    client: Rc<Client>,
}

impl BankAccountsApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
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

#[wasm_bindgen]
impl BankAccountsApi {
    /// List bank accounts
    ///
    /// Returns a page of the bank accounts of a company's connection.
    #[wasm_bindgen(unchecked_return_type = "Promise<BankAccounts>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListBankAccountsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&LIST, request, options)
    }

    /// Get create/update bank account model
    ///
    /// Returns what the accounting software expects in a bank-account payload: the fields,
    /// which are required, and their allowed values.
    #[wasm_bindgen(js_name = getCreateModel, unchecked_return_type = "Promise<PushOption>")]
    pub fn get_create_model(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCreateBankAccountsModelRequest")]
        request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_CREATE_MODEL, request, options)
    }

    /// Create bank account
    ///
    /// Creates a bank account in the accounting software. The push runs asynchronously;
    /// follow it with `transactions.getCreateOperation`.
    #[wasm_bindgen(unchecked_return_type = "Promise<BankAccountCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateBankAccountRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }

    /// List all bank accounts
    ///
    /// Every bank account of `list`, page after page on demand (`for await (const x of ...)`),
    /// from `request.page` (default 1) until the last page. Each page is retried by the normal
    /// policy; `options.signal` stops it; a `break` sends no further request. An error on a
    /// page is thrown from the loop, after the items already yielded.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncGenerator<BankAccount, void, undefined>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListBankAccountsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        super::paginate(
            Self::new(&self.client).into(),
            "list",
            request,
            options,
            true,
        )
    }

    /// The pages of `list`, whole, fetched on demand as `listAll` does.
    #[wasm_bindgen(js_name = listPages, unchecked_return_type = "AsyncGenerator<BankAccounts, void, undefined>")]
    pub fn list_pages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListBankAccountsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> JsValue {
        super::paginate(
            Self::new(&self.client).into(),
            "list",
            request,
            options,
            false,
        )
    }
}
