//! Query-string parameters read into the store's filters, shared by the API
//! and the pages. An empty parameter (`?actor=`, as an HTML form sends a field
//! left blank) counts as absent; a malformed one is a `bad_request`.

use std::collections::HashMap;

use attest_store::query::{
    ActorFilter, ArticleFilter, AttributionFilter, EventFilter, MAX_PAGE, Page,
};

use crate::ApiError;

/// The modalities an event can have.
pub const MODALITIES: [&str; 6] = [
    "asserted",
    "intended",
    "planned",
    "hypothetical",
    "negated",
    "historical",
];

/// The parameters of one request, by name (the last of repeated ones).
#[derive(Debug, Default, Clone)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// Parameters from `(name, value)` pairs.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Params(pairs.into_iter().collect())
    }

    /// A text parameter, trimmed; `None` when absent or blank.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// A whole-number parameter.
    pub fn int<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, ApiError> {
        self.text(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    ApiError::BadRequest(format!("{name} must be a whole number, not {v:?}"))
                })
            })
            .transpose()
    }

    /// A date parameter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(value) = self.text(name) else {
            return Ok(None);
        };
        if is_date(&value) {
            Ok(Some(value))
        } else {
            Err(ApiError::BadRequest(format!(
                "{name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {value:?}"
            )))
        }
    }

    /// `limit` and `offset`. A limit of 0 is an error (a page holds 1 to
    /// [`MAX_PAGE`]; larger limits are capped).
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = self.int("limit")?;
        if limit == Some(0) {
            return Err(ApiError::BadRequest(format!(
                "limit must be between 1 and {MAX_PAGE} (larger limits are taken as {MAX_PAGE}), not 0"
            )));
        }
        Ok(Page {
            limit,
            offset: self.int("offset")?,
        })
    }

    /// The article filter: `q`, `from`, `to`, `source`, `actor`.
    pub fn articles(&self) -> Result<ArticleFilter, ApiError> {
        Ok(ArticleFilter {
            q: self.text("q"),
            from: self.date("from")?,
            to: self.date("to")?,
            source: self.text("source"),
            actor: self.int("actor")?,
        })
    }

    /// The actor filter: `q`, `kind`.
    pub fn actors(&self) -> ActorFilter {
        ActorFilter {
            q: self.text("q"),
            kind: self.text("kind"),
        }
    }

    /// The attribution filter: `speaker`, `via`, `q`, `from`, `to`, `article`.
    pub fn attributions(&self) -> Result<AttributionFilter, ApiError> {
        Ok(AttributionFilter {
            speaker: self.int("speaker")?,
            via: self.int("via")?,
            q: self.text("q"),
            from: self.date("from")?,
            to: self.date("to")?,
            article: self.text("article"),
        })
    }

    /// The event filter: `actor`, `source`, `target`, `root`, `plover`,
    /// `modality`, `from`, `to`, `place`, `article`.
    pub fn events(&self) -> Result<EventFilter, ApiError> {
        let root = self.text("root");
        if let Some(root) = &root {
            if root.len() != 2 || !root.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::BadRequest(format!(
                    "root must be a two-digit CAMEO root such as 19, not {root:?}"
                )));
            }
        }
        let modality = self.text("modality").map(|m| m.to_lowercase());
        if let Some(m) = &modality {
            if !MODALITIES.contains(&m.as_str()) {
                return Err(ApiError::BadRequest(format!(
                    "modality must be one of {}, not {m:?}",
                    MODALITIES.join(", ")
                )));
            }
        }
        Ok(EventFilter {
            actor: self.int("actor")?,
            source: self.int("source")?,
            target: self.int("target")?,
            root,
            plover: self.text("plover"),
            modality,
            from: self.date("from")?,
            to: self.date("to")?,
            place: self.text("place"),
            article: self.text("article"),
        })
    }
}

fn is_date(value: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn blank_parameters_are_absent() {
        let filter = params(&[("actor", ""), ("plover", "  "), ("from", "")])
            .events()
            .unwrap();
        assert_eq!(filter, EventFilter::default());
    }

    #[test]
    fn malformed_parameters_are_bad_requests() {
        for pairs in [
            [("actor", "x1")],
            [("from", "yesterday")],
            [("root", "190")],
            [("modality", "rumoured")],
            [("limit", "-3")],
            [("limit", "0")],
        ] {
            let p = params(&pairs);
            let result = p.events().and_then(|_| p.page());
            assert!(matches!(result, Err(ApiError::BadRequest(_))), "{pairs:?}");
        }
    }

    #[test]
    fn dates_may_be_partial() {
        assert!(is_date("2021") && is_date("2021-08") && is_date("2021-08-15"));
        assert!(!is_date("2021-8-15") && !is_date("21-08-15") && !is_date("2021-08-15T00"));
    }
}
