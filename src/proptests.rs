//! Hostile input for the pure parts: decoding every response type, Retry-After, URL and
//! query building. None may panic: a panic would poison the wasm instance.

use proptest::prelude::*;

use crate::models::*;
use crate::operation::validate;
use crate::retry::parse_retry_after;
use crate::url::{build_url, check_path_param, check_server_url};

/// JSON-looking text: valid documents, and the same cut, spliced and mangled.
pub(crate) fn jsonish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        "[a-zA-Z0-9 \\\\\"é]{0,12}".prop_map(|s| format!("{s:?}")),
    ];
    let value = leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("name".to_string()),
                        Just("results".to_string()),
                        Just("status".to_string()),
                        Just("_links".to_string()),
                        "[a-z]{1,8}"
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| format!(
                "{{{}}}",
                kv.iter()
                    .map(|(k, v)| format!("{k:?}:{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
        ]
    });
    (value, any::<prop::sample::Index>(), 0u8..4).prop_map(|(text, cut, how)| match how {
        0 => text,
        1 => text
            .chars()
            .take(cut.index(text.chars().count() + 1))
            .collect(),
        2 => text.replace(':', ""),
        _ => format!("{text}{text}"),
    })
}

macro_rules! never_panics {
    ($text:expr; $($t:ty),*) => {
        $( let _ = validate::<$t>($text); )*
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn decoding_any_text_never_panics(text in prop_oneof![jsonish(), ".{0,64}"]) {
        never_panics!(&text; Company, Companies, CompanyAccessToken, Connection, Connections,
            SourceAccountV2OrV1, Vec<SourceAccountV2OrV1>, SourceAccount, Vec<SourceAccountBatchResult>,
            BankAccountCredentials, GenerateOtpResponse, Vec<BankFeedMapping>, BankFeedAccountMappingResponse,
            CompanyInformation, BankAccounts, PushOption, BankAccountCreateResponse,
            CreateBankTransactionsResponse, PushOperation, PushOperations, SyncStatusResult,
            StartScheduledSyncResult, ErrorMessageData, CompanyRequestBody, CreateBankTransactions);
    }

    #[test]
    fn retry_after_never_panics(value in ".{0,40}", now in any::<f64>()) {
        if let Some(ms) = parse_retry_after(&value, now) {
            prop_assert!(ms >= 0.0 || ms.is_nan());
        }
    }

    #[test]
    fn retry_after_seconds_are_exact(secs in 0u32..100_000) {
        prop_assert_eq!(parse_retry_after(&secs.to_string(), 0.0), Some(f64::from(secs) * 1000.0));
    }

    #[test]
    fn ids_never_leave_their_segment(a in ".{0,24}", b in ".{0,24}", q in ".{0,24}") {
        prop_assume!(check_path_param(&a).is_ok() && check_path_param(&b).is_ok());
        let url = build_url("https://api.codat.io", "/companies/{companyId}/push/{pushOperationKey}",
            &[("companyId", &a), ("pushOperationKey", &b)], &[("query", q)]);
        let (path, query) = url["https://api.codat.io".len()..].split_once('?').unwrap_or((&url, ""));
        let segments: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(segments.len(), 5, "{}", url);
        prop_assert!(!path.contains('#') && !query.contains('#') && !query.contains('&'));
        prop_assert!(url.bytes().all(|c| c.is_ascii_graphic()));
    }

    #[test]
    fn server_urls_never_panic(url in ".{0,40}", insecure in any::<bool>()) {
        if let Ok(clean) = check_server_url(&url, insecure) {
            prop_assert!(clean.starts_with("http://") || clean.starts_with("https://")
                || clean.to_ascii_lowercase().starts_with("http"));
        }
    }
}
