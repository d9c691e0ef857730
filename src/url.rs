//! URL building: server URL validation, path templates with percent-encoded ids, query strings.

use std::borrow::Cow;

use crate::text::split_once;

/// The server URL as requests are built on it, or why it is refused.
pub(crate) fn check_server_url(
    url: &str,
    allow_insecure_http: bool,
) -> Result<String, Cow<'static, str>> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("must not contain whitespace or control characters".into());
    }
    // By `:` then `//`, not by the pattern "://": a string pattern brings the two-way
    // searcher into the `.wasm`.
    let (scheme, rest) = split_once(url, b':')
        .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
        .ok_or("must be an absolute http(s) URL such as https://api.codat.io")?;
    let http = scheme.eq_ignore_ascii_case("http");
    if !http && !scheme.eq_ignore_ascii_case("https") {
        let scheme = scheme.to_ascii_lowercase();
        let refused = ["must use https (or http for loopback), not `", &scheme, "`"].concat();
        return Err(refused.into());
    }
    if rest.bytes().any(|b| b == b'?' || b == b'#') {
        return Err("must not contain a query string or fragment".into());
    }
    // Where URL parsers end the authority (a backslash is `/` to them in http(s) URLs).
    let authority = before(rest, |b| b == b'/' || b == b'\\');
    // The error never quotes the URL: this part of it is a secret.
    if authority.bytes().any(|b| b == b'@') {
        return Err(
            "must not contain a user name or password: fetch refuses such URLs; give the \
             credentials in authHeader"
                .into(),
        );
    }
    let host = host_of(authority);
    if host.is_empty() {
        return Err("must include a host".into());
    }
    if http && !allow_insecure_http && !is_loopback(host) {
        return Err(
            "uses plain http to a non-loopback host, which would send credentials in clear text; \
             use https or set allowInsecureHttp: true"
                .into(),
        );
    }
    let slashes = url.bytes().rev().take_while(|&b| b == b'/').count();
    Ok(url.get(..url.len() - slashes).unwrap_or(url).to_string())
}

/// `text` up to its first byte that `end` takes (all of it when none does). Byte searches,
/// as every delimiter here is ASCII: `split` with a char pattern costs a searcher apiece.
fn before(text: &str, end: impl Fn(u8) -> bool) -> &str {
    let at = text.bytes().position(end).unwrap_or(text.len());
    text.get(..at).unwrap_or_default()
}

fn host_of(host_port: &str) -> &str {
    if let Some(v6) = host_port.strip_prefix("[") {
        return before(v6, |b| b == b']');
    }
    before(host_port, |b| b == b':')
}

fn is_loopback(host: &str) -> bool {
    let bytes = host.as_bytes();
    let suffix = bytes.len().checked_sub(10).and_then(|at| bytes.get(at..));
    host.eq_ignore_ascii_case("localhost")
        || suffix.is_some_and(|s| s.eq_ignore_ascii_case(b".localhost"))
        || host == "::1"
        || host.starts_with("127.") && bytes.iter().filter(|&&b| b == b'.').count() == 3
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so an id can never add a
/// path segment, a query or a fragment.
pub(crate) fn encode_component(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// Why a path parameter value is refused: these would still change the path once encoded
/// (URL parsers treat `.`, `..` and their `%2e` forms as dot segments).
pub(crate) fn check_path_param(value: &str) -> Result<(), &'static str> {
    match value {
        "" => Err("must not be empty"),
        "." | ".." => Err("must not be `.` or `..`"),
        _ => Ok(()),
    }
}

/// Fills `template` (`/companies/{companyId}`) from `params` and appends `query` pairs.
/// Every placeholder must have a value; callers check that before.
pub(crate) fn build_url(
    server: &str,
    template: &str,
    params: &[(&str, &str)],
    query: &[(&str, String)],
) -> String {
    let mut url = String::with_capacity(server.len() + template.len() + 64);
    url.push_str(server);
    let mut rest = template;
    while let Some((head, after)) = split_once(rest, b'{') {
        url.push_str(head);
        let (name, next) = split_once(after, b'}').unwrap_or((after, ""));
        if let Some((_, value)) = params.iter().find(|(n, _)| *n == name) {
            encode_component(value, &mut url);
        }
        rest = next;
    }
    url.push_str(rest);
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        encode_component(name, &mut url);
        url.push('=');
        encode_component(value, &mut url);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_inside_their_segment() {
        let url = build_url(
            "https://api.codat.io",
            "/companies/{companyId}/push/{pushOperationKey}",
            &[
                ("companyId", "../x"),
                ("pushOperationKey", "a/b?c#d%e f\u{e9}"),
            ],
            &[],
        );
        assert_eq!(
            url,
            "https://api.codat.io/companies/..%2Fx/push/a%2Fb%3Fc%23d%25e%20f%C3%A9"
        );
    }

    #[test]
    fn dot_segments_and_empty_ids_are_refused() {
        assert!(check_path_param("..").is_err());
        assert!(check_path_param(".").is_err());
        assert!(check_path_param("").is_err());
        assert!(check_path_param("...").is_ok());
        assert!(check_path_param("a..b").is_ok());
    }

    #[test]
    fn query_values_are_encoded_in_order() {
        let url = build_url(
            "http://127.0.0.1:8080",
            "/companies",
            &[],
            &[
                ("page", "2".into()),
                ("query", "name=Acme & Co".into()),
                ("orderBy", "-modifiedDate".into()),
            ],
        );
        assert_eq!(
            url,
            "http://127.0.0.1:8080/companies?page=2&query=name%3DAcme%20%26%20Co&orderBy=-modifiedDate"
        );
    }

    #[test]
    fn server_urls() {
        assert_eq!(
            check_server_url("https://api.codat.io/", false).as_deref(),
            Ok("https://api.codat.io")
        );
        assert!(check_server_url("http://127.0.0.1:1234", false).is_ok());
        assert!(check_server_url("http://localhost:1234/base", false).is_ok());
        assert!(check_server_url("http://[::1]:80", false).is_ok());
        assert!(check_server_url("http://api.codat.io", false).is_err());
        assert!(check_server_url("http://127.evil.com", false).is_err());
        assert!(check_server_url("http://api.codat.io", true).is_ok());
        assert!(check_server_url("api.codat.io", false).is_err());
        assert!(check_server_url("ftp://api.codat.io", false).is_err());
        assert!(check_server_url("https://", false).is_err());
        assert!(check_server_url("https://a.io/?x=1", false).is_err());
        assert!(check_server_url("https://a.io\r\nX: y", false).is_err());
    }

    #[test]
    fn server_urls_with_userinfo_are_refused_unquoted() {
        for url in [
            "https://user:s3cret@api.codat.io",
            "https://s3cret@api.codat.io/base",
            "http://:s3cret@127.0.0.1:80",
            "https://a:b@c:s3cret@api.codat.io",
        ] {
            let reason = check_server_url(url, false).unwrap_err();
            assert!(reason.contains("user name or password"), "{url}: {reason}");
            assert!(!reason.contains("s3cret"), "{reason}");
        }
        // An `@` past the authority is part of the path.
        assert!(check_server_url("https://api.codat.io/a@b", false).is_ok());
        assert!(check_server_url("http://127.0.0.1\\@evil.com", false).is_ok());
    }
}
