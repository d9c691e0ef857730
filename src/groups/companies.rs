use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::PAGING;
use crate::client::Client;
use crate::models::{
    Companies, Company, CompanyAccessToken, CompanyRequestBody, CompanyUpdateRequest,
};
use crate::operation::{validate, Body, Decode, Method, Operation, QueryKind, QueryParam};

/// Create and manage the companies that represent your customers in Codat
/// (`sdk.companies`).
#[wasm_bindgen]
pub struct CompaniesApi {
    client: Rc<Client>,
}

impl CompaniesApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
}

const COMPANY: &[(u16, Decode)] = &[(200, Decode::Json(validate::<Company>))];

static CREATE: Operation = Operation {
    name: "companies.create",
    method: Method::Post,
    path: "/companies",
    path_params: &[],
    query: &[],
    body: Body::WholeRequest {
        validate: validate::<CompanyRequestBody>,
    },
    success: COMPANY,
    typed_errors: &[],
};

static LIST: Operation = Operation {
    name: "companies.list",
    method: Method::Get,
    path: "/companies",
    path_params: &[],
    query: &[
        PAGING[0],
        PAGING[1],
        PAGING[2],
        PAGING[3],
        QueryParam {
            name: "tags",
            kind: QueryKind::Str,
        },
    ],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<Companies>))],
    typed_errors: &[],
};

static GET: Operation = Operation {
    name: "companies.get",
    method: Method::Get,
    path: "/companies/{companyId}",
    path_params: &["companyId"],
    query: &[],
    body: Body::None,
    success: COMPANY,
    typed_errors: &[],
};

static DELETE: Operation = Operation {
    name: "companies.delete",
    method: Method::Delete,
    path: "/companies/{companyId}",
    path_params: &["companyId"],
    query: &[],
    body: Body::None,
    success: &[(204, Decode::Empty)],
    typed_errors: &[],
};

static REPLACE: Operation = Operation {
    name: "companies.replace",
    method: Method::Put,
    path: "/companies/{companyId}",
    path_params: &["companyId"],
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<CompanyRequestBody>,
    },
    success: COMPANY,
    typed_errors: &[],
};

static UPDATE: Operation = Operation {
    name: "companies.update",
    method: Method::Patch,
    path: "/companies/{companyId}",
    path_params: &["companyId"],
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<CompanyUpdateRequest>,
    },
    success: COMPANY,
    typed_errors: &[],
};

static GET_ACCESS_TOKEN: Operation = Operation {
    name: "companies.getAccessToken",
    method: Method::Get,
    path: "/companies/{companyId}/accessToken",
    path_params: &["companyId"],
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<CompanyAccessToken>))],
    typed_errors: &[],
};

#[wasm_bindgen]
impl CompaniesApi {
    /// Create company
    ///
    /// Creates a company that represents your customer in Codat. The request is the body
    /// itself: `name` (required), `description` and `tags`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Company>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CompanyRequestBody")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }

    /// List companies
    ///
    /// Returns a page of your companies, filtered by `query` and `tags`, sorted by `orderBy`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Companies>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListCompaniesRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&LIST, request, options)
    }

    /// Get company
    ///
    /// Returns the company with the given `companyId`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Company>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCompanyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET, request, options)
    }

    /// Delete a company
    ///
    /// Permanently deletes a company, its connections and any cached data. Irreversible.
    /// Resolves to `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteCompanyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&DELETE, request, options)
    }

    /// Replace company
    ///
    /// Replaces the company's name, description and tags: values left out are cleared.
    #[wasm_bindgen(unchecked_return_type = "Promise<Company>")]
    pub fn replace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReplaceCompanyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&REPLACE, request, options)
    }

    /// Update company
    ///
    /// Updates the name, description or tags of the company; values left out are kept.
    #[wasm_bindgen(unchecked_return_type = "Promise<Company>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdateCompanyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&UPDATE, request, options)
    }

    /// Get company access token
    ///
    /// Returns an access token for the company, valid for one day: hand it to a browser
    /// client as `authHeader: "Bearer <accessToken>"` instead of your API key.
    #[wasm_bindgen(js_name = getAccessToken, unchecked_return_type = "Promise<CompanyAccessToken>")]
    pub fn get_access_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetCompanyAccessTokenRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_ACCESS_TOKEN, request, options)
    }

    /// List all companies
    ///
    /// Every company of `list`, page after page on demand (`for await (const x of ...)`),
    /// from `request.page` (default 1) until the last page. Each page is retried by the normal
    /// policy; `options.signal` stops it; a `break` sends no further request. An error on a
    /// page is thrown from the loop, after the items already yielded.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncGenerator<Company, void, undefined>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListCompaniesRequest")] request: JsValue,
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
    #[wasm_bindgen(js_name = listPages, unchecked_return_type = "AsyncGenerator<Companies, void, undefined>")]
    pub fn list_pages(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListCompaniesRequest")] request: JsValue,
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
