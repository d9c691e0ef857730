//! Test-only: the fields a `Tsify` type declares in the `.d.ts`, by JS name, so that a host
//! test holds each hand-kept list of option names (which the option parsers refuse others by)
//! to its type: a field added to one and not the other fails.

use tsify::Tsify;

/// The fields of `T`'s `export interface T { ... }`, sorted.
pub(crate) fn fields<T: Tsify>() -> Vec<String> {
    let body = T::DECL.split_once("{\n").map_or("", |(_, body)| body);
    let mut names: Vec<String> = body
        .lines()
        // A field's line; its doc comment's lines start with `/**`, `*` or `*/`.
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| !line.starts_with([' ', '/', '*']))
        .filter_map(|line| line.split_once(':'))
        .map(|(name, _)| name.trim_end_matches('?').to_string())
        .collect();
    names.sort();
    names
}

/// `list`, sorted, to compare with `fields`.
pub(crate) fn sorted(list: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}
