use super::{group, operations};
use crate::models::{StartScheduledSyncResult, SyncStatusResult};
use crate::operation::{validate, Body, Decode, Method, Operation};

group! {
    /// Run and follow the syncs of managed bank feeds (`sdk.managedBankFeeds`).
    ManagedBankFeedsApi
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

operations! { ManagedBankFeedsApi;
    /// Get sync status
    ///
    /// Returns the status of one sync of a managed bank feed.
    fn get_sync as "getSync" (unchecked_param_type = "GetManagedBankFeedSyncRequest") -> "Promise<SyncStatusResult>" = GET_SYNC;

    /// Get latest sync status
    ///
    /// Returns the status of the source account's latest sync, or `undefined` when it has
    /// never synced (HTTP 204).
    fn get_latest_sync as "getLatestSync" (unchecked_param_type = "GetLatestManagedBankFeedSyncRequest") -> "Promise<SyncStatusResult | undefined>" = GET_LATEST_SYNC;

    /// Run ad hoc sync
    ///
    /// Starts a sync of the source account now, outside its schedule.
    fn run_ad_hoc_sync as "runAdHocSync" (unchecked_param_type = "RunManagedBankFeedAdHocSyncRequest") -> "Promise<StartScheduledSyncResult>" = RUN_AD_HOC_SYNC;
}
