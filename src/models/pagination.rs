use serde::Deserialize;
use tsify::Tsify;

/// Hypertext reference.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct HalRef {
    /// Uri hypertext reference.
    #[serde(default)]
    #[tsify(optional)]
    pub href: Option<String>,
}

/// Hal links of a page of results.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Links {
    #[serde(rename = "self")]
    pub self_: HalRef,
    pub current: HalRef,
    #[serde(default)]
    #[tsify(optional)]
    pub next: Option<HalRef>,
    #[serde(default)]
    #[tsify(optional)]
    pub previous: Option<HalRef>,
}
