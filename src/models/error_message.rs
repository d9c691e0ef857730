use serde::Deserialize;
use tsify::Tsify;

/// The body of an API error (the spec's `ErrorMessage` schema), carried as `data` by the
/// `ErrorMessage` error class.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorMessageData {
    /// The HTTP status code returned by the error.
    #[serde(default)]
    #[tsify(optional)]
    pub status_code: Option<i64>,
    /// Codat's service the returned the error.
    #[serde(default)]
    #[tsify(optional)]
    pub service: Option<String>,
    /// A brief description of the error.
    #[serde(default)]
    #[tsify(optional)]
    pub error: Option<String>,
    /// Unique identifier used to propagate to all downstream services and determine the source
    /// of the error.
    #[serde(default)]
    #[tsify(optional)]
    pub correlation_id: Option<String>,
    /// A human-readable object describing validation decisions Codat has made.
    #[serde(default)]
    #[tsify(optional, type = "ErrorValidation | null")]
    pub validation: Option<ErrorValidation>,
    /// `True` if the error occurred transiently and can be retried.
    #[serde(default)]
    #[tsify(optional)]
    pub can_be_retried: Option<String>,
    /// Machine readable error code used to automate processes based on the code returned.
    #[serde(default)]
    #[tsify(optional)]
    pub detailed_error_code: Option<i64>,
}

/// A human-readable object describing validation decisions Codat has made. If an operation
/// has failed because of validation errors, they will be detailed here.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorValidation {
    #[serde(default)]
    #[tsify(optional, type = "ErrorValidationItem[] | null")]
    pub errors: Option<Vec<ErrorValidationItem>>,
    #[serde(default)]
    #[tsify(optional, type = "ErrorValidationItem[] | null")]
    pub warnings: Option<Vec<ErrorValidationItem>>,
}

/// Validation error item.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorValidationItem {
    /// Unique identifier for a validation item.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub item_id: Option<String>,
    /// A message outlining validation item's issue.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub message: Option<String>,
    /// Name of validator.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub validator_name: Option<String>,
}
