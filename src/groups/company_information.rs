use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::client::Client;
use crate::models::CompanyInformation;
use crate::operation::{validate, Body, Decode, Method, Operation};

/// The company's details as its accounting software holds them
/// (`sdk.companyInformation`).
#[wasm_bindgen]
pub struct CompanyInformationApi {
    client: Rc<Client>,
}

impl CompanyInformationApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
}

static GET: Operation = Operation {
    name: "companyInformation.get",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/bankFeeds/info",
    path_params: &["companyId", "connectionId"],
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<CompanyInformation>))],
    typed_errors: &[],
};

#[wasm_bindgen]
impl CompanyInformationApi {
    /// Get company information
    ///
    /// Returns the company's name and base currency from its accounting software.
    #[wasm_bindgen(unchecked_return_type = "Promise<CompanyInformation>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCompanyInformationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET, request, options)
    }
}
