use ch09_crawler::links::extract;
use pretty_assertions::assert_eq;
use url::Url;

fn base() -> Url {
    Url::parse("http://site.test/docs/guide/intro.html").unwrap()
}

/// The links of `html` on the page `base()`, as strings.
fn links_of(html: &str) -> Vec<String> {
    extract(&base(), html)
        .links
        .iter()
        .map(Url::to_string)
        .collect()
}

#[support::test]
fn title_is_trimmed_and_found_in_any_case() {
    let html = "<HTML><HEAD><TITLE lang=\"en\">\n   My   Guide \n</TITLE></HEAD><body><title>Not this one</title></body></HTML>";
    assert_eq!(
        extract(&base(), html).title.as_deref(),
        Some("My Guide"),
        "the title is the text of the first <title> element (tags in any case, with attributes), trimmed, runs of whitespace made one space"
    );
}

#[support::test]
fn a_page_without_a_title_has_none() {
    for html in [
        "<html><body><a href=\"/x\">x</a></body></html>",
        "<html><head><title>   </title></head></html>",
        "",
    ] {
        assert_eq!(
            extract(&base(), html).title,
            None,
            "no title (or a blank one) is None, not an empty string, for {html:?}"
        );
    }
}

#[support::test]
fn relative_links_resolve_against_the_page_url() {
    let html = r#"
        <a href="next.html">next</a>
        <a href="../api/">api</a>
        <a href="/about">about</a>
        <a href="?page=2">page 2</a>
        <a href="//mirror.test/docs/">mirror</a>
        <a href="http://other.test/x">elsewhere</a>
        <a href=" spaced.html ">spaced</a>
    "#;
    assert_eq!(
        links_of(html),
        [
            "http://site.test/docs/guide/next.html",
            "http://site.test/docs/api/",
            "http://site.test/about",
            "http://site.test/docs/guide/intro.html?page=2",
            "http://mirror.test/docs/",
            "http://other.test/x",
            "http://site.test/docs/guide/spaced.html",
        ],
        "a link is relative to the page's URL, not to the site's root: resolve it with Url::join (and trim the spaces around it)"
    );
}

#[support::test]
fn fragments_are_removed() {
    let html = r##"<a href="/b#part-1">1</a> <a href="/b#part-2">2</a> <a href="/c">c</a>"##;
    assert_eq!(
        links_of(html),
        ["http://site.test/b", "http://site.test/c"],
        "`/b#part-1` and `/b#part-2` are the same page: remove the fragment (Url::set_fragment(None))"
    );
}

#[support::test]
fn non_web_links_are_dropped() {
    let html = r#"
        <a href="mailto:someone@site.test">mail</a>
        <a href="javascript:void(0)">click</a>
        <a href="ftp://files.site.test/x">ftp</a>
        <a href="tel:+10000000">call</a>
        <a href="https://secure.test/">secure</a>
    "#;
    assert_eq!(
        links_of(html),
        ["https://secure.test/"],
        "only http and https links lead to web pages"
    );
}

#[support::test]
fn each_link_once_in_order_of_first_appearance() {
    let html = r#"<a href="/b">b</a> <a href="/a">a</a> <a href="/b">b again</a> <a href="http://site.test/a">a again</a>"#;
    assert_eq!(
        links_of(html),
        ["http://site.test/b", "http://site.test/a"],
        "each link once, in the order it first appears (a Vec with a HashSet beside it, not a HashSet alone)"
    );
}

#[support::test]
fn only_the_href_of_anchor_tags() {
    let html = r#"
        <link rel="stylesheet" href="/style.css">
        <img src="/logo.png">
        <abbr href="/not-a-link">abbr</abbr>
        <a class="x" id='y' href='/single'>single quotes</a>
        <A HREF=/bare>upper case, no quotes</A>
        <a data-href="/wrong" href="/right">data-href is another attribute</a>
        <a name="anchor">no href</a>
        <a
           href="/multi-line">tag on two lines</a>
    "#;
    assert_eq!(
        links_of(html),
        [
            "http://site.test/single",
            "http://site.test/bare",
            "http://site.test/right",
            "http://site.test/multi-line",
        ],
        "links are the href attributes of <a> tags only: any case, quoted with \" or ' or not at all"
    );
}

#[support::test]
fn entities_in_links_and_titles_are_decoded() {
    let html = r#"<title>Tom &amp; Jerry</title><a href="/search?q=cat&amp;page=2">search</a>"#;
    let page = extract(&base(), html);
    assert_eq!(
        page.title.as_deref(),
        Some("Tom & Jerry"),
        "decode &amp; (and &lt; &gt; &quot; &#39;) in the title"
    );
    assert_eq!(
        page.links.iter().map(Url::as_str).collect::<Vec<_>>(),
        ["http://site.test/search?q=cat&page=2"],
        "in HTML, `&` in a link is written `&amp;`: decode it before joining"
    );
}
