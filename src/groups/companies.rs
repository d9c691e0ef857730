use super::{group, operations, PAGING};
use crate::models::{
    Companies, Company, CompanyAccessToken, CompanyRequestBody, CompanyUpdateRequest,
};
use crate::operation::{validate, Body, Decode, Method, Operation, QueryKind, QueryParam};

group! {
    /// Create and manage the companies that represent your customers in Codat
    /// (`sdk.companies`).
    CompaniesApi
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

operations! { CompaniesApi;
    /// Create company
    ///
    /// Creates a company that represents your customer in Codat. The request is the body
    /// itself: `name` (required), `description` and `tags`.
    fn create as "create" (unchecked_param_type = "CompanyRequestBody") -> "Promise<Company>" = CREATE;

    /// List companies
    ///
    /// Returns a page of your companies, filtered by `query` and `tags`, sorted by `orderBy`.
    fn list as "list" (unchecked_optional_param_type = "ListCompaniesRequest") -> "Promise<Companies>" = LIST;

    /// Get company
    ///
    /// Returns the company with the given `companyId`.
    fn get as "get" (unchecked_param_type = "GetCompanyRequest") -> "Promise<Company>" = GET;

    /// Delete a company
    ///
    /// Permanently deletes a company, its connections and any cached data. Irreversible.
    /// Resolves to `undefined`.
    fn delete as "delete" (unchecked_param_type = "DeleteCompanyRequest") -> "Promise<void>" = DELETE;

    /// Replace company
    ///
    /// Replaces the company's name, description and tags: values left out are cleared.
    fn replace as "replace" (unchecked_param_type = "ReplaceCompanyRequest") -> "Promise<Company>" = REPLACE;

    /// Update company
    ///
    /// Updates the name, description or tags of the company; values left out are kept.
    fn update as "update" (unchecked_param_type = "UpdateCompanyRequest") -> "Promise<Company>" = UPDATE;

    /// Get company access token
    ///
    /// Returns an access token for the company, valid for one day: hand it to a browser
    /// client as `authHeader: "Bearer <accessToken>"` instead of your API key.
    fn get_access_token as "getAccessToken" (unchecked_param_type = "GetCompanyAccessTokenRequest") -> "Promise<CompanyAccessToken>" = GET_ACCESS_TOKEN;
}
