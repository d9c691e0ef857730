use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::PAGING;
use crate::client::Client;
use crate::models::{
    Connection, Connections, CreateConnectionRequestBody, UnlinkConnectionUpdateConnection,
};
use crate::operation::{validate, Body, Decode, Method, Operation};

/// A company's connections to its accounting software (`sdk.connections`).
#[wasm_bindgen]
pub struct ConnectionsApi {
    client: Rc<Client>,
}

impl ConnectionsApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
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

#[wasm_bindgen]
impl ConnectionsApi {
    /// List connections
    ///
    /// Returns a page of the company's connections.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connections>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListConnectionsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&LIST, request, options)
    }

    /// Create connection
    ///
    /// Creates a connection for the company to the platform named by `platformKey`
    /// (four lower-case letters, e.g. `gbol`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Connection>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateConnectionRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&CREATE, request, options)
    }

    /// Get connection
    ///
    /// Returns one connection of the company.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connection>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetConnectionRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET, request, options)
    }

    /// Delete connection
    ///
    /// Revokes and removes the connection. Irreversible: the customer would have to authorize
    /// a new connection. Resolves to `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteConnectionRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&DELETE, request, options)
    }

    /// Unlink connection
    ///
    /// Deauthorizes the connection without deleting it: data already pulled stays readable
    /// and the customer can re-authorize later.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connection>")]
    pub fn unlink(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UnlinkConnectionRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&UNLINK, request, options)
    }

    /// List all connections
    ///
    /// Every connection of `list`, page after page on demand (`for await (const x of ...)`),
    /// from `request.page` (default 1) until the last page. Each page is retried by the normal
    /// policy; `options.signal` stops it; a `break` sends no further request. An error on a
    /// page is thrown from the loop, after the items already yielded.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncGenerator<Connection, void, undefined>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListConnectionsRequest")] request: JsValue,
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
    #[wasm_bindgen(js_name = listPages, unchecked_return_type = "AsyncGenerator<Connections, void, undefined>")]
    pub fn list_pages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListConnectionsRequest")] request: JsValue,
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
