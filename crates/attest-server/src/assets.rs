//! Stylesheet, script and vendored libraries, embedded in the binary so that
//! running the server needs no files beside it.

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

/// One embedded file: its URL path under `/static`, type and bytes.
struct Asset {
    path: &'static str,
    mime: &'static str,
    body: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        path: "/static/app.css",
        mime: "text/css; charset=utf-8",
        body: include_str!("../assets/app.css"),
    },
    Asset {
        path: "/static/app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_str!("../assets/app.js"),
    },
    Asset {
        path: "/static/vendor/chart.umd.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_str!("../assets/vendor/chart.umd.min.js"),
    },
    Asset {
        path: "/static/vendor/cytoscape.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_str!("../assets/vendor/cytoscape.min.js"),
    },
];

/// A route for every embedded file.
pub fn routes() -> Router<Arc<AppState>> {
    ASSETS.iter().fold(Router::new(), |router, asset| {
        router.route(
            asset.path,
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, asset.mime),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    asset.body,
                )
                    .into_response()
            }),
        )
    })
}
