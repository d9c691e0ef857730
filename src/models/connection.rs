use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const ENUMS: &str = r#"
/** The current authorization status of the data connection. Values the API adds later arrive unchanged. */
export type DataConnectionStatus = "PendingAuth" | "Linked" | "Unlinked" | "Deauthorized" | (string & {});
/** The type of platform of the connection. Values the API adds later arrive unchanged. */
export type DataConnectionSourceType = "Accounting" | "Banking" | "BankFeed" | "Commerce" | "Expense" | "Other" | "Unknown" | (string & {});
/** The current status of a transient error. Values the API adds later arrive unchanged. */
export type DataConnectionErrorStatus = "Active" | "Resolved" | (string & {});
"#;

/// A connection represents a company's connection to a data source and allows you to
/// synchronize data (pull and/or push) with that source.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// Unique identifier for a company's data connection.
    pub id: String,
    /// A Codat ID representing the integration.
    pub integration_id: String,
    /// A unique four-character ID that identifies the platform of the company's data
    /// connection.
    #[serde(default)]
    #[tsify(optional)]
    pub integration_key: Option<String>,
    /// A source-specific ID used to distinguish between different sources originating from
    /// the same data connection.
    pub source_id: String,
    /// The type of platform of the connection.
    #[tsify(type = "DataConnectionSourceType")]
    pub source_type: String,
    /// Name of integration connected to company.
    pub platform_name: String,
    /// The link URL your customers can use to authorize access to their business application.
    pub link_url: String,
    /// The current authorization status of the data connection.
    #[tsify(type = "DataConnectionStatus")]
    pub status: String,
    /// When the connection last synced (ISO 8601, as sent).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub last_sync: Option<String>,
    /// When the connection was created (ISO 8601, as sent).
    pub created: String,
    /// Errors from the source platform.
    #[serde(default)]
    #[tsify(optional, type = "DataConnectionError[] | null")]
    pub data_connection_errors: Option<Vec<DataConnectionError>>,
    /// Free-form details of the connection.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown> | null")]
    pub connection_info: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Data connection error.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DataConnectionError {
    /// The HTTP status code returned by the source platform when the error occurred.
    #[serde(default)]
    #[tsify(optional)]
    pub status_code: Option<String>,
    /// A non-numeric status code/text returned by the source platform.
    #[serde(default)]
    #[tsify(optional)]
    pub status_text: Option<String>,
    /// A message about a error returned by Codat.
    #[serde(default)]
    #[tsify(optional)]
    pub error_message: Option<String>,
    /// When the error occurred (ISO 8601, as sent).
    #[serde(default)]
    #[tsify(optional)]
    pub errored_on_utc: Option<String>,
    /// The current status of a transient error. Null statuses indicate that the error is not
    /// transient.
    #[serde(default)]
    #[tsify(optional, type = "DataConnectionErrorStatus | null")]
    pub status: Option<String>,
    /// The datetime in Utc that the error was resolved.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub resolved_on_utc: Option<String>,
}
