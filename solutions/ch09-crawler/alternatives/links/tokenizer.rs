//! Exercise `links`: one pass over the tags. Each `<` starts a tag; its
//! name and attributes are read into a small struct, and the tags the
//! extractor cares about (`title`, `a`) are handled as they come.

use url::Url;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub links: Vec<Url>,
}

/// One opening tag: its lowercased name, its attributes, and where the
/// text after it starts.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    end: usize,
}

pub fn extract(base: &Url, html: &str) -> Extracted {
    let mut page = Extracted::default();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let Some(tag) = read_tag(html, start + 1) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        match tag.name.as_str() {
            "title" if page.title.is_none() => {
                let text = &html[tag.end..];
                let close = text
                    .to_ascii_lowercase()
                    .find("</title")
                    .unwrap_or(text.len());
                let words: Vec<&str> = text[..close].split_whitespace().collect();
                let title = decode(&words.join(" "));
                page.title = Some(title).filter(|t| !t.is_empty());
            }
            "a" => {
                let href = tag.attributes.iter().find(|(name, _)| name == "href");
                if let Some(url) = href.and_then(|(_, value)| resolve(base, value)) {
                    if !page.links.contains(&url) {
                        page.links.push(url);
                    }
                }
            }
            _ => {}
        }
    }
    page
}

/// A web link with no fragment, or nothing.
fn resolve(base: &Url, href: &str) -> Option<Url> {
    let mut url = base.join(decode(href).trim()).ok()?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    url.set_fragment(None);
    Some(url)
}

/// Reads the tag whose name starts at `from` (just after its `<`).
fn read_tag(html: &str, from: usize) -> Option<Tag> {
    let bytes = html.as_bytes();
    let is_space = |i: usize| bytes[i].is_ascii_whitespace();
    let mut i = from;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == from {
        return None; // `</x>`, `<!DOCTYPE>`, a stray `<`
    }
    let name = html[from..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(i) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if bytes[i] == b'>' {
            return Some(Tag {
                name,
                attributes,
                end: i + 1,
            });
        }
        let name_start = i;
        while i < bytes.len() && !is_space(i) && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && is_space(i) {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && is_space(i) {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i] as char;
                let close = i + 1 + html[i + 1..].find(quote)?;
                value = html[i + 1..close].to_string();
                i = close + 1;
            } else {
                let start = i;
                while i < bytes.len() && !is_space(i) && bytes[i] != b'>' {
                    i += 1;
                }
                value = html[start..i].to_string();
            }
        }
        attributes.push((attribute, value));
    }
}

/// The five entities, decoded in one pass: `&amp;lt;` stays `&lt;`.
fn decode(text: &str) -> String {
    const ENTITIES: [(&str, &str); 5] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ENTITIES.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, plain)) => {
                out.push_str(plain);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
