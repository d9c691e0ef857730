use super::{group, operations};
use crate::models::CompanyInformation;
use crate::operation::{validate, Body, Decode, Method, Operation};

group! {
    /// The company's details as its accounting software holds them
    /// (`sdk.companyInformation`).
    CompanyInformationApi
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

operations! { CompanyInformationApi;
    /// Get company information
    ///
    /// Returns the company's name and base currency from its accounting software.
    fn get as "get" (unchecked_param_type = "GetCompanyInformationRequest") -> "Promise<CompanyInformation>" = GET;
}
