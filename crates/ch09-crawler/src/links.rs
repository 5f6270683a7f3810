//! Exercise `links`: the title and the links of an HTML page.

use url::Url;

/// What a page says about itself and where it leads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub links: Vec<Url>,
}

/// Reads the title and the links of `html`, the page found at `base`.
///
/// - `title`: the text of the first `<title>` element, trimmed, with each
///   run of whitespace made one space; `None` if there is none or it is
///   blank. Tag names are case-insensitive (`<TITLE>`), and the opening tag
///   may carry attributes.
/// - `links`: the `href` attribute of every `<a>` tag (not `<link>`, not
///   `<abbr>`, not `data-href`), whether its value is quoted with `"`, with
///   `'` or not at all, in any case (`<A HREF=...>`). Each one is resolved
///   against `base` the way a browser does (`Url::join`: `next.html`,
///   `../up/`, `/root`, `?q=1`, `//host/x`), has its `#fragment` removed,
///   and is kept only if its scheme is `http` or `https`. Each link appears
///   once, in the order it first appears; hrefs that do not parse are
///   skipped.
/// - In both, the entities `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;` are
///   decoded (in HTML, a `&` in a link is written `&amp;`).
///
/// A small careful scanner is enough: no HTML parser crate is needed.
///
/// ```no_run
/// # use ch09_crawler::links::extract;
/// let base = url::Url::parse("http://site.test/docs/intro.html").unwrap();
/// let page = extract(&base, r#"<title>Intro</title><a href="next.html#top">Next</a>"#);
/// assert_eq!(page.title.as_deref(), Some("Intro"));
/// assert_eq!(page.links[0].as_str(), "http://site.test/docs/next.html");
/// ```
pub fn extract(base: &Url, html: &str) -> Extracted {
    todo!()
}
