use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::client::Client;
use crate::models::{StartScheduledSyncResult, SyncStatusResult};
use crate::operation::{validate, Body, Decode, Method, Operation};

/// Run and follow the syncs of managed bank feeds (`sdk.managedBankFeeds`).
#[wasm_bindgen]
pub struct ManagedBankFeedsApi {
    client: Rc<Client>,
}

impl ManagedBankFeedsApi {
    pub(crate) fn new(client: &Rc<Client>) -> Self {
        Self {
            client: Rc::clone(client),
        }
    }
}

const IDS: &[&str] = &["companyId", "connectionId", "sourceAccountId"];
const SYNCS: &str = "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs";

static GET_SYNC: Operation = Operation {
    name: "managedBankFeeds.getSync",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/{syncId}",
    path_params: &["companyId", "connectionId", "sourceAccountId", "syncId"],
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<SyncStatusResult>))],
    typed_errors: &[],
};

static GET_LATEST_SYNC: Operation = Operation {
    name: "managedBankFeeds.getLatestSync",
    method: Method::Get,
    path: "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/latest",
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(200, Decode::Json(validate::<SyncStatusResult>)), (204, Decode::Empty)],
    typed_errors: &[],
};

static RUN_AD_HOC_SYNC: Operation = Operation {
    name: "managedBankFeeds.runAdHocSync",
    method: Method::Post,
    path: SYNCS,
    path_params: IDS,
    query: &[],
    body: Body::None,
    success: &[(201, Decode::Json(validate::<StartScheduledSyncResult>))],
    typed_errors: &[],
};

#[wasm_bindgen]
impl ManagedBankFeedsApi {
    /// Get sync status
    ///
    /// Returns the status of one sync of a managed bank feed.
    #[wasm_bindgen(js_name = getSync, unchecked_return_type = "Promise<SyncStatusResult>")]
    pub fn get_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetManagedBankFeedSyncRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_SYNC, request, options)
    }

    /// Get latest sync status
    ///
    /// Returns the status of the source account's latest sync, or `undefined` when it has
    /// never synced (HTTP 204).
    #[wasm_bindgen(js_name = getLatestSync, unchecked_return_type = "Promise<SyncStatusResult | undefined>")]
    pub fn get_latest_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetLatestManagedBankFeedSyncRequest")]
        request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&GET_LATEST_SYNC, request, options)
    }

    /// Run ad hoc sync
    ///
    /// Starts a sync of the source account now, outside its schedule.
    #[wasm_bindgen(js_name = runAdHocSync, unchecked_return_type = "Promise<StartScheduledSyncResult>")]
    pub fn run_ad_hoc_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RunManagedBankFeedAdHocSyncRequest")]
        request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.client.call(&RUN_AD_HOC_SYNC, request, options)
    }

    /// Wait for a sync
    ///
    /// Polls `getSync` until the sync's status is final (`Failed`, `SuccessDataPushed`,
    /// `SuccessNoDataPushed`, `PartialSuccessDataPushed`: anything but `Started`), with
    /// growing waits on JS timers, and resolves to the final status. Rejects with
    /// `RequestTimeoutError` after `options.timeoutMs`, `RequestAbortedError` on abort.
    #[wasm_bindgen(js_name = waitForSync, unchecked_return_type = "Promise<SyncStatusResult>")]
    pub fn wait_for_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetManagedBankFeedSyncRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: JsValue,
    ) -> Promise {
        super::poll(
            Self::new(&self.client).into(),
            "getSync",
            request,
            "sync",
            options,
        )
    }
}
