use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::client::Client;
use crate::models::{BankFeedAccountMapping, BankFeedAccountMappingResponse, BankFeedMapping};
use crate::operation::{validate, Body, Decode, Method, Operation};

/// Which accounting-software account each source account feeds (`sdk.accountMapping`).
#[wasm_bindgen]
pub struct AccountMappingApi {
    client: Rc<Client>,
}

impl AccountMappingApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
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

#[wasm_bindgen]
impl AccountMappingApi {
    /// List bank feed account mappings
    ///
    /// Returns each source account with its current target account and the accounts it
    /// could be mapped to.
    #[wasm_bindgen(unchecked_return_type = "Promise<BankFeedMapping[]>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBankAccountMappingRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET, request, options)
    }

    /// Create bank feed account mapping
    ///
    /// Maps a source account to a target account in the accounting software, which starts
    /// the bank feed.
    #[wasm_bindgen(unchecked_return_type = "Promise<BankFeedAccountMappingResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateBankAccountMappingRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }
}
