//! Helpers shared by the chapter's tests (no tests here).

use std::time::Duration;

use support::site::Site;
use url::Url;

/// The URL of `path` on the test site.
pub fn url(site: &Site, path: &str) -> Url {
    Url::parse(&site.url(path)).unwrap()
}

/// When each request reached the site, in order of arrival.
pub fn arrivals(site: &Site) -> Vec<Duration> {
    site.log()
        .timeline()
        .into_iter()
        .map(|(at, _)| at)
        .collect()
}

/// A URL where nothing listens: the port was free a moment ago.
pub async fn closed_port_url() -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    Url::parse(&format!("http://{addr}/")).unwrap()
}
