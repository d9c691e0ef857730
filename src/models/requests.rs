//! One request type per operation: path and query parameters as fields, the body as
//! `requestBody`. Only the `.d.ts` uses them: the client checks requests against the
//! operation's description (see `groups/`).

use tsify::Tsify;

use super::{CompanyRequestBody, CompanyUpdateRequest};

/// Paging, filtering and ordering of a list.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListCompaniesRequest {
    /// Page number, from 1 (default 1).
    #[tsify(optional)]
    pub page: Option<i32>,
    /// Number of records in a page, 1 to 5000 (default 100).
    #[tsify(optional)]
    pub page_size: Option<i32>,
    /// Codat query string, e.g. `id=e3334455-1aed-4e71-ab43-6bccf12092ee`.
    #[tsify(optional)]
    pub query: Option<String>,
    /// Field to order results by, e.g. `-modifiedDate`.
    #[tsify(optional)]
    pub order_by: Option<String>,
    /// Filter by tags with `=`, `!=` and `~` (contains), e.g. `region=uk && team=invoice-finance`.
    #[tsify(optional)]
    pub tags: Option<String>,
}

/// Identifies a company.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetCompanyRequest {
    /// Unique identifier for a company.
    pub company_id: String,
}

/// Identifies the company to delete.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCompanyRequest {
    /// Unique identifier for a company.
    pub company_id: String,
}

/// The company to replace and its new name, description and tags.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceCompanyRequest {
    /// Unique identifier for a company.
    pub company_id: String,
    #[tsify(optional)]
    pub request_body: Option<CompanyRequestBody>,
}

/// The company to update and the values to change.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCompanyRequest {
    /// Unique identifier for a company.
    pub company_id: String,
    #[tsify(optional)]
    pub request_body: Option<CompanyUpdateRequest>,
}

/// Identifies the company whose access token to get.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetCompanyAccessTokenRequest {
    /// Unique identifier for a company.
    pub company_id: String,
}
