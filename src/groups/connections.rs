use super::{group, operations, PAGING};
use crate::models::{
    Connection, Connections, CreateConnectionRequestBody, UnlinkConnectionUpdateConnection,
};
use crate::operation::{validate, Body, Decode, Method, Operation};

group! {
    /// A company's connections to its accounting software (`sdk.connections`).
    ConnectionsApi
}

const CONNECTION: &[(u16, Decode)] = &[(200, Decode::Json(validate::<Connection>))];
const IDS: &[&str] = &["companyId", "connectionId"];
const ONE: &str = "/companies/{companyId}/connections/{connectionId}";

static LIST: Operation = Operation {
    name: "connections.list",
    method: Method::Get,
    path: "/companies/{companyId}/connections",
    path_params: &["companyId"],
    query: PAGING,
    body: Body::None,
    success: &[(200, Decode::Json(validate::<Connections>))],
    typed_errors: &[],
};

static CREATE: Operation = Operation {
    name: "connections.create",
    method: Method::Post,
    path: "/companies/{companyId}/connections",
    path_params: &["companyId"],
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<CreateConnectionRequestBody>,
    },
    success: CONNECTION,
    typed_errors: &[],
};

static GET: Operation = Operation {
    name: "connections.get",
    method: Method::Get,
    path: ONE,
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: CONNECTION,
    typed_errors: &[],
};

static DELETE: Operation = Operation {
    name: "connections.delete",
    method: Method::Delete,
    path: ONE,
    path_params: IDS,
    query: &[],
    body: Body::None,
    // The API answers 200 with no body.
    success: &[(200, Decode::Empty)],
    typed_errors: &[],
};

static UNLINK: Operation = Operation {
    name: "connections.unlink",
    method: Method::Patch,
    path: ONE,
    path_params: IDS,
    query: &[],
    body: Body::Json {
        required: false,
        validate: validate::<UnlinkConnectionUpdateConnection>,
    },
    success: CONNECTION,
    typed_errors: &[],
};

operations! { ConnectionsApi;
    /// List connections
    ///
    /// Returns a page of the company's connections.
    fn list as "list" (unchecked_param_type = "ListConnectionsRequest") -> "Promise<Connections>" = LIST;

    /// Create connection
    ///
    /// Creates a connection for the company to the platform named by `platformKey`
    /// (four lower-case letters, e.g. `gbol`).
    fn create as "create" (unchecked_param_type = "CreateConnectionRequest") -> "Promise<Connection>" = CREATE;

    /// Get connection
    ///
    /// Returns one connection of the company.
    fn get as "get" (unchecked_param_type = "GetConnectionRequest") -> "Promise<Connection>" = GET;

    /// Delete connection
    ///
    /// Revokes and removes the connection. Irreversible: the customer would have to authorize
    /// a new connection. Resolves to `undefined`.
    fn delete as "delete" (unchecked_param_type = "DeleteConnectionRequest") -> "Promise<void>" = DELETE;

    /// Unlink connection
    ///
    /// Deauthorizes the connection without deleting it: data already pulled stays readable
    /// and the customer can re-authorize later.
    fn unlink as "unlink" (unchecked_param_type = "UnlinkConnectionRequest") -> "Promise<Connection>" = UNLINK;
}
