use std::collections::HashMap;

use serde::Deserialize;
use tsify::Tsify;

use super::{Connection, Links};

/// In Codat, a company represents a business sharing access to their data. Each company can
/// have multiple connections to different data sources. Typically each company is one of
/// your customers.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// Unique identifier for your SMB in Codat.
    pub id: String,
    /// The name of the company
    pub name: String,
    /// Additional information about the company. This can be used to store foreign IDs,
    /// references, etc.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub description: Option<String>,
    /// The `redirect` Link URL enabling the customer to start their auth flow journey for the
    /// company.
    pub redirect: String,
    /// When the company last synced, as an ISO 8601 string exactly as sent.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub last_sync: Option<String>,
    /// When the company was created, as an ISO 8601 string exactly as sent.
    #[serde(default)]
    #[tsify(optional)]
    pub created: Option<String>,
    /// Name of user that created the company in Codat.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub created_by_user_name: Option<String>,
    /// An array of products that are currently enabled for the company.
    #[serde(default)]
    #[tsify(optional)]
    pub products: Option<Vec<String>>,
    /// A collection of user-defined key-value pairs that store custom metadata against the
    /// company.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: Option<HashMap<String, String>>,
    /// The parent entity or controlling organization of this company. Null if the company has
    /// no parent.
    #[serde(default)]
    #[tsify(optional, type = "CompanyReference | null")]
    pub reference_parent_company: Option<CompanyReference>,
    /// A list of subsidiary companies owned or controlled by this entity. Empty if the company
    /// has no children.
    #[serde(default)]
    #[tsify(optional)]
    pub reference_subsidiary_companies: Option<Vec<CompanyReference>>,
    /// The company's connections.
    #[serde(default)]
    #[tsify(optional)]
    pub data_connections: Option<Vec<Connection>>,
}

/// Company reference.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompanyReference {
    /// Unique identifier for your SMB in Codat.
    #[serde(default)]
    #[tsify(optional)]
    pub id: Option<String>,
    /// The name of the company
    #[serde(default)]
    #[tsify(optional)]
    pub name: Option<String>,
    /// Additional information about the company.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub description: Option<String>,
    /// A collection of links for the company.
    #[serde(default)]
    #[tsify(optional)]
    pub links: Option<CompanyReferenceLinks>,
    /// User-defined key-value pairs stored against the company.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: Option<HashMap<String, String>>,
}

/// A collection of links for the company.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompanyReferenceLinks {
    /// Link to the company page in the portal.
    #[serde(default)]
    #[tsify(optional)]
    pub portal: Option<String>,
}

/// A page of companies.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Companies {
    #[serde(default)]
    #[tsify(optional)]
    pub results: Option<Vec<Company>>,
    /// Current page number.
    pub page_number: i64,
    /// Number of items to return in results array.
    pub page_size: i64,
    /// Total number of items.
    pub total_results: i64,
    #[serde(rename = "_links")]
    pub links: Links,
}

/// Create company request.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompanyRequestBody {
    /// Name of company being connected.
    pub name: String,
    /// Additional information about the company. This can be used to store foreign IDs,
    /// references, etc.
    #[serde(default)]
    #[tsify(optional)]
    pub description: Option<String>,
    /// User-defined key-value pairs stored against the company (at most 10).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: Option<HashMap<String, String>>,
}

/// Update company request.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompanyUpdateRequest {
    /// Name of company being connected.
    #[serde(default)]
    #[tsify(optional)]
    pub name: Option<String>,
    /// Additional information about the company.
    #[serde(default)]
    #[tsify(optional)]
    pub description: Option<String>,
    /// User-defined key-value pairs stored against the company (at most 10).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: Option<HashMap<String, String>>,
}

/// Details of the access token provisioned for a company.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CompanyAccessToken {
    /// The number of seconds until the access token expires.
    pub expires_in: i64,
    /// The access token for the company.
    pub access_token: String,
    /// The type of token.
    pub token_type: String,
}
