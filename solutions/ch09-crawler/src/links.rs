//! Exercise `links`: the title and the links of an HTML page.

use std::collections::HashSet;

use url::Url;

/// What a page says about itself and where it leads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub links: Vec<Url>,
}

pub fn extract(base: &Url, html: &str) -> Extracted {
    Extracted {
        title: title(html),
        links: links(base, html),
    }
}

/// The text of the first `<title>` element, whitespace collapsed.
fn title(html: &str) -> Option<String> {
    // ASCII lowercasing keeps every byte offset, so positions found in
    // `lower` are valid in `html` too.
    let lower = html.to_ascii_lowercase();
    let open = *tag_starts(&lower, "title").first()?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let text = decode(&html[start..end]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The `href` of every `<a>` tag, resolved against `base`, web links only,
/// without fragments, each once.
fn links(base: &Url, html: &str) -> Vec<Url> {
    let lower = html.to_ascii_lowercase();
    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for start in tag_starts(&lower, "a") {
        let Some(href) = attribute(html, &lower, start + "<a".len(), "href") else {
            continue;
        };
        // `join` does what a browser does: `../x`, `/x`, `?q`, `//host/x`.
        let Ok(mut url) = base.join(decode(href).trim()) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        url.set_fragment(None);
        if seen.insert(url.clone()) {
            links.push(url);
        }
    }
    links
}

/// Where each `<name` tag starts in `lower` (a lowercased document): the
/// name must end there, so `<a` does not match `<abbr>`.
fn tag_starts(lower: &str, name: &str) -> Vec<usize> {
    let open = format!("<{name}");
    lower
        .match_indices(&open)
        .filter_map(|(at, _)| {
            let next = lower[at + open.len()..].bytes().next()?;
            (next.is_ascii_whitespace() || next == b'>' || next == b'/').then_some(at)
        })
        .collect()
}

/// The value of attribute `wanted` in the tag whose attributes start at
/// `from`: quoted with `"` or `'`, or bare.
fn attribute<'h>(html: &'h str, lower: &str, from: usize, wanted: &str) -> Option<&'h str> {
    let bytes = lower.as_bytes();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return None;
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &lower[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            continue; // an attribute without a value, like `download`
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value_start, value_end) = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = i + 1 + lower[i + 1..].find(quote as char)?;
                let value = (i + 1, end);
                i = end + 1;
                value
            }
            _ => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                (start, i)
            }
        };
        if name == wanted {
            return Some(&html[value_start..value_end]);
        }
    }
}

/// The five entities every page uses; `&amp;` first would be wrong
/// (`&amp;lt;` is the text `&lt;`), so it goes last.
fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
