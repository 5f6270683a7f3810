//! A local web site for the crawler chapter (cargo feature `site`).
//!
//! [`Site`] serves a graph of pages over real HTTP on `127.0.0.1:0`, with a
//! second origin ("another host") beside it, and counts every request it
//! receives: per path, in flight at once, and when each one arrived. Tests
//! use the counts to prove that a crawler fetched each URL exactly once, never
//! exceeded its concurrency limit and never left the start site.
//!
//! Slow pages, and bodies that stall halfway ([`Route::stall_body`]), wait
//! on `tokio::time::sleep`, so on paused time the server's work and the
//! client's timeouts run on the same virtual clock.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures::StreamExt;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::{EventLog, Gauge};

/// What the site answers on one path.
///
/// Bodies and `Location` headers may contain two placeholders, replaced when
/// the site starts: `{origin}` (this site, `http://127.0.0.1:PORT`) and
/// `{other}` (the other host's origin).
#[derive(Clone, Debug)]
pub struct Route {
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    body: String,
    delay: Option<Duration>,
    /// Answered after this many times the site's latency.
    slower: Option<u32>,
    /// The second half of the body comes this long after the first.
    body_delay: Option<Duration>,
}

impl Route {
    /// A `200 OK` HTML page with a `<title>` and one `<a href>` per link,
    /// written exactly as given (relative or absolute).
    pub fn html(title: &str, links: &[&str]) -> Route {
        let mut body = format!(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<ul>\n"
        );
        for link in links {
            body.push_str(&format!("<li><a href=\"{link}\">{link}</a></li>\n"));
        }
        body.push_str("</ul>\n</body>\n</html>\n");
        Route::raw(200, "text/html; charset=utf-8", &body)
    }

    /// Any status, content type and body.
    pub fn raw(status: u16, content_type: &str, body: &str) -> Route {
        Route {
            status,
            content_type: Some(content_type.to_string()),
            location: None,
            body: body.to_string(),
            delay: None,
            slower: None,
            body_delay: None,
        }
    }

    /// A `301 Moved Permanently` to `location` (relative or absolute).
    pub fn redirect(location: &str) -> Route {
        Route {
            status: 301,
            content_type: None,
            location: Some(location.to_string()),
            body: String::new(),
            delay: None,
            slower: None,
            body_delay: None,
        }
    }

    /// The same route with another status code.
    pub fn status(mut self, status: u16) -> Route {
        self.status = status;
        self
    }

    /// The same route, answered only after `delay` (on tokio's clock).
    pub fn delay(mut self, delay: Duration) -> Route {
        self.delay = Some(delay);
        self
    }

    /// The same route, whose body stalls: the status, the headers and the
    /// first half of the body come at once (or after the route's delay),
    /// the second half only `stall` later (on tokio's clock). The body is
    /// sent in chunks, without a `Content-Length`.
    pub fn stall_body(mut self, stall: Duration) -> Route {
        self.body_delay = Some(stall);
        self
    }
}

/// Collects the routes of a [`Site`] before it starts.
#[derive(Debug, Default)]
pub struct SiteBuilder {
    routes: Vec<(String, Route)>,
    latency: Duration,
}

impl SiteBuilder {
    /// Serves `route` on `path` (a path with an optional query, like `/a?b=1`).
    pub fn route(mut self, path: &str, route: Route) -> SiteBuilder {
        self.routes.push((path.to_string(), route));
        self
    }

    /// Serves an HTML page: shorthand for `route(path, Route::html(title, links))`.
    pub fn page(self, path: &str, title: &str, links: &[&str]) -> SiteBuilder {
        self.route(path, Route::html(title, links))
    }

    /// Adds a generated graph of `pages` HTML pages, `/p/0` to `/p/{pages-1}`,
    /// all reachable from `/p/0`. Page `i` is titled `Page i` and links to:
    ///
    /// - its children `2i+1` and `2i+2` (relative links, like `5`);
    /// - `/p/0`, the start (a cycle), and `../p/{i/2}`, its parent (more cycles);
    /// - `{origin}/p/{i%10}`, an absolute link to one of ten hubs that many
    ///   pages share;
    /// - `/missing/{i%4}`, four broken links (404) shared by many pages;
    /// - `{i+1}#next`, the next page with a fragment (on the last page it
    ///   points past the end: one more 404);
    /// - `{other}/p/{i}` on the other host, `#top`, and a `mailto:` link.
    ///
    /// Page 0 also links to three special paths: `/redirect`, a 301 to the
    /// last page; `/data.json`, JSON whose text holds an `<a href="/secret">`
    /// that is not a link; and `/slow`, a page ten times slower than the
    /// others (see [`SiteBuilder::latency`]).
    pub fn graph(mut self, pages: usize) -> SiteBuilder {
        for i in 0..pages {
            let mut links: Vec<String> = Vec::new();
            for child in [2 * i + 1, 2 * i + 2] {
                if child < pages {
                    links.push(child.to_string());
                }
            }
            links.push("/p/0".to_string());
            links.push(format!("../p/{}", i / 2));
            links.push(format!("{{origin}}/p/{}", i % 10));
            links.push(format!("/missing/{}", i % 4));
            links.push(format!("{}#next", i + 1));
            links.push(format!("{{other}}/p/{i}"));
            links.push("#top".to_string());
            links.push("mailto:webmaster@example.com".to_string());
            if i == 0 {
                links.extend(["/redirect", "/data.json", "/slow"].map(String::from));
            }
            let links: Vec<&str> = links.iter().map(String::as_str).collect();
            self = self.page(&format!("/p/{i}"), &format!("Page {i}"), &links);
        }
        let last = pages.saturating_sub(1);
        let slow = Route {
            slower: Some(10),
            ..Route::html("Slow", &["/p/0"])
        };
        self.route(
            "/redirect",
            Route::redirect(&format!("{{origin}}/p/{last}")),
        )
        .route(
            "/data.json",
            Route::raw(
                200,
                "application/json",
                r#"{"note": "<a href=\"/secret\">not a link</a>"}"#,
            ),
        )
        .route("/slow", slow)
    }

    /// Makes every route without a delay of its own answer after `latency`:
    /// with some latency, concurrent requests really overlap.
    pub fn latency(mut self, latency: Duration) -> SiteBuilder {
        self.latency = latency;
        self
    }

    /// Binds `127.0.0.1:0` twice (the site and the other host) and serves.
    pub async fn start(self) -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let other_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let other_origin = format!("http://{}", other_listener.local_addr().unwrap());
        let fill = |text: &str| {
            text.replace("{origin}", &origin)
                .replace("{other}", &other_origin)
        };
        let routes = self
            .routes
            .into_iter()
            .map(|(path, mut route)| {
                route.body = fill(&route.body);
                route.location = route.location.as_deref().map(fill);
                let latency = self.latency * route.slower.unwrap_or(1);
                route.delay = route.delay.or(Some(latency));
                (path, route)
            })
            .collect();
        let state = Arc::new(State {
            routes,
            latency: self.latency,
            counts: Mutex::default(),
            other_counts: Mutex::default(),
            gauge: Gauge::new(),
            log: EventLog::new(),
        });
        let tasks = vec![
            tokio::spawn(serve(listener, Arc::clone(&state), false)),
            tokio::spawn(serve(other_listener, Arc::clone(&state), true)),
        ];
        Site {
            origin,
            other_origin,
            state,
            tasks,
        }
    }
}

/// A running local site; it stops when dropped.
///
/// ```no_run
/// # async fn demo() {
/// use support::site::{Route, Site};
/// let site = Site::builder()
///     .page("/", "Home", &["a", "/b", "{other}/elsewhere"])
///     .page("/a", "A", &["/"])
///     .route("/b", Route::redirect("/a"))
///     .start()
///     .await;
/// let home = site.url("/"); // "http://127.0.0.1:PORT/"
/// // ... crawl it ...
/// assert_eq!(site.requests("/a"), 1);
/// assert_eq!(site.other_requests(), 0);
/// # }
/// ```
#[derive(Debug)]
pub struct Site {
    origin: String,
    other_origin: String,
    state: Arc<State>,
    tasks: Vec<JoinHandle<()>>,
}

#[derive(Debug)]
struct State {
    routes: HashMap<String, Route>,
    latency: Duration,
    counts: Mutex<BTreeMap<String, usize>>,
    other_counts: Mutex<BTreeMap<String, usize>>,
    gauge: Gauge,
    log: EventLog,
}

impl Site {
    /// Starts describing a site.
    pub fn builder() -> SiteBuilder {
        SiteBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The full URL of `path` on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// The full URL of `path` on the other host.
    pub fn other_url(&self, path: &str) -> String {
        format!("{}{path}", self.other_origin)
    }

    /// How many requests `path` (with its query, if any) received.
    pub fn requests(&self, path: &str) -> usize {
        let counts = self.state.counts.lock().unwrap();
        counts.get(path).copied().unwrap_or(0)
    }

    /// Every requested path with its number of requests.
    pub fn all_requests(&self) -> BTreeMap<String, usize> {
        self.state.counts.lock().unwrap().clone()
    }

    /// The paths requested more than once, with their counts.
    pub fn repeated_requests(&self) -> BTreeMap<String, usize> {
        let mut counts = self.all_requests();
        counts.retain(|_, n| *n > 1);
        counts
    }

    /// How many requests this site received, in all.
    pub fn total_requests(&self) -> usize {
        self.state.counts.lock().unwrap().values().sum()
    }

    /// How many requests the other host received, in all.
    pub fn other_requests(&self) -> usize {
        self.state.other_counts.lock().unwrap().values().sum()
    }

    /// Requests in flight on this site: `max()` is the most at once.
    pub fn in_flight(&self) -> &Gauge {
        &self.state.gauge
    }

    /// The path of every request, stamped with the virtual time it arrived
    /// (counted from the start of the site).
    pub fn log(&self) -> &EventLog {
        &self.state.log
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Accepts connections until aborted; the connections live in a `JoinSet`,
/// so aborting this task closes them all.
async fn serve(listener: TcpListener, state: Arc<State>, other: bool) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let state = Arc::clone(&state);
                let service = service_fn(move |request| handle(Arc::clone(&state), other, request));
                connections.spawn(async move {
                    // A client that hangs up early is not the site's problem.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next() => {}
        }
    }
}

/// A whole body, or one that comes in two halves.
type Body = UnsyncBoxBody<Bytes, Infallible>;

async fn handle(
    state: Arc<State>,
    other: bool,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    if other {
        *state.other_counts.lock().unwrap().entry(path).or_default() += 1;
        let page = Route::html("Another site", &[]);
        return Ok(respond(&page));
    }
    let _in_flight = state.gauge.enter();
    *state
        .counts
        .lock()
        .unwrap()
        .entry(path.clone())
        .or_default() += 1;
    state.log.push(path.clone());
    let not_found =
        Route::raw(404, "text/html", "<html><title>Not found</title></html>").delay(state.latency);
    let route = state.routes.get(&path).unwrap_or(&not_found);
    if let Some(delay) = route.delay.filter(|d| !d.is_zero()) {
        tokio::time::sleep(delay).await;
    }
    Ok(respond(route))
}

fn respond(route: &Route) -> Response<Body> {
    let mut response = Response::builder().status(route.status);
    if let Some(content_type) = &route.content_type {
        response = response.header("content-type", content_type);
    }
    if let Some(location) = &route.location {
        response = response.header("location", location);
    }
    response.body(body(route)).unwrap()
}

fn body(route: &Route) -> Body {
    let Some(stall) = route.body_delay else {
        return Full::new(Bytes::from(route.body.clone())).boxed_unsync();
    };
    let half = route.body.len() / 2;
    let half = (half..=route.body.len())
        .find(|&i| route.body.is_char_boundary(i))
        .unwrap_or(route.body.len());
    let first = Bytes::from(route.body[..half].to_string());
    let second = Bytes::from(route.body[half..].to_string());
    let halves = futures::stream::once(async move { Ok(Frame::data(first)) }).chain(
        futures::stream::once(async move {
            tokio::time::sleep(stall).await;
            Ok(Frame::data(second))
        }),
    );
    StreamBody::new(halves).boxed_unsync()
}
