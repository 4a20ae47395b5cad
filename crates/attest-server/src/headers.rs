//! Headers every response carries, whatever made it (page, API, asset,
//! error): a Content-Security-Policy that lets the pages run only the
//! server's own scripts and styles and be framed by no one, and `nosniff`, so
//! that a browser takes each response for the type it is sent as.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// The policy. `script-src 'self'`: no inline script, no `javascript:` URL,
/// no `eval`, nothing from another origin; the pages' JSON data blocks
/// (`<script type="application/json">`) are not run, so they need nothing.
/// The one hash allows the rule cytoscape.js inserts as a `<style>` element
/// (`.__________cytoscape_container { position: relative; }`); every other
/// style comes from `app.css` or is set through the CSSOM, which the policy
/// does not restrict.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// Add the headers to `response`.
pub(crate) async fn add(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= chunk.len() {
                    char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize])
                } else {
                    '='
                });
            }
        }
        out
    }

    #[test]
    fn the_style_hash_is_that_of_cytoscapes_rule() {
        let vendored = include_str!("../assets/vendor/cytoscape.min.js");
        assert!(
            vendored.contains(r#"s="__________cytoscape_container""#)
                && vendored.contains(r#"u.textContent="."+s+" { position: relative; }""#),
            "cytoscape.js inserts another rule now: update the policy's hash"
        );
        let rule = ".__________cytoscape_container { position: relative; }";
        let hash = base64(&Sha256::digest(rule.as_bytes()));
        assert!(CONTENT_SECURITY_POLICY.contains(&format!("'sha256-{hash}'")));
        assert_eq!(base64(b"ab"), "YWI=");
    }
}
