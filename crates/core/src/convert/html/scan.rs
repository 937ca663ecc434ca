//! The bytes of a page made into text, and its tags checked before any parser sees them.
//!
//! An HTML parser keeps a stack of open elements and scans it for scope on most tags, so ten
//! million unclosed `<div>`s cost it time quadratic in their number, and the Markdown writer
//! recurses once per level. This pass follows the nesting the way the tree builder would, closely
//! enough to be an upper bound for ordinary pages, and drops the start and end tags of elements
//! past the depth limit: their text stays, their nesting goes.

use super::super::Failure;

/// The most elements a page may hold: ten times a long encyclopaedia article.
pub(super) const MAX_ELEMENTS: usize = 1_000_000;

/// The private-use characters that bracket placeholders in the text; a page's own are replaced
/// so that it cannot forge one.
pub(super) const OPEN: char = '\u{E000}';
pub(super) const CLOSE: char = '\u{E001}';

/// The page's text: from its byte order mark, else its `<meta charset>`, else UTF-8 when it is
/// valid UTF-8 and Windows-1252 when it is not.
pub(super) fn decode(bytes: &[u8]) -> String {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        match declared_charset(bytes).as_deref() {
            Some("windows-1252" | "cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "us-ascii") => {
                windows_1252(bytes)
            }
            Some(_) => String::from_utf8_lossy(bytes).into_owned(),
            None => match std::str::from_utf8(bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => windows_1252(bytes),
            },
        }
    };
    if text.contains([OPEN, CLOSE]) { text.replace([OPEN, CLOSE], "\u{FFFD}") } else { text }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
}

/// The charset a `<meta>` in the first kilobytes names, lower-cased.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Windows-1252, which is what browsers read ISO-8859-1 and unlabelled old pages as.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The address in the comment browsers write at the top of a saved page,
/// `<!-- saved from url=(0042)https://… -->`.
pub(super) fn saved_from_url(text: &str) -> Option<String> {
    let head = &text[..floor_char_boundary(text, 4096)];
    let at = head.find("saved from url=(")? + "saved from url=(".len();
    let rest = &head[at..];
    let rest = &rest[rest.find(')')? + 1..];
    let url = rest.split_whitespace().next()?.trim_end_matches("-->");
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_owned())
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];
/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &["textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];
/// Never wanted in a case, and their text is not the page's: dropped here, content and all.
const DROPPED: &[&str] = &["script", "style", "template"];
const FORMATTING: &[&str] =
    &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];
/// The most formatting elements kept open at once; the tree builder reopens every one of them
/// after each block, so without a bound a page could make it build a tree quadratic in its size.
const MAX_FORMATTING: usize = 24;

struct Open {
    name: String,
    formatting_before: usize,
}

/// The page with every element past `max_depth` unwrapped, and no `<script>`, `<style>` or
/// comment. Fails on a page of more than [`MAX_ELEMENTS`] elements.
pub(super) fn flatten(text: &str, max_depth: usize) -> Result<String, Failure> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len().min(64 << 20));
    let mut stack: Vec<Open> = Vec::new();
    let mut formatting = 0usize;
    let mut elements = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[i..]) else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + lt]);
        i += lt;
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = find(&bytes[i + 4..], b"-->").map_or(bytes.len(), |end| i + 4 + end + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr(b'>', rest).map_or(bytes.len(), |end| i + end + 1);
            out.push_str(&text[i..end]);
            i = end;
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = if closing { 2 } else { 1 };
        if !rest.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            out.push_str("&lt;");
            i += 1;
            continue;
        }
        let name_len =
            rest[name_at..].iter().take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>')).count();
        let name = text[i + name_at..i + name_at + name_len].to_ascii_lowercase();
        let end = i + tag_end(&rest[name_at + name_len..]).map_or(rest.len(), |e| name_at + name_len + e);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let tag = &text[i..end];
        i = end;
        if closing {
            if let Some(at) = stack.iter().rposition(|open| open.name == name) {
                let popped = stack.split_off(at);
                if popped.iter().any(|open| matches!(open.name.as_str(), "td" | "th" | "caption")) {
                    formatting = popped[0].formatting_before;
                }
                if FORMATTING.contains(&name.as_str()) {
                    formatting = formatting.saturating_sub(1);
                }
                out.push_str(tag);
            } else if name == "br" {
                out.push_str("<br>");
            }
            continue;
        }
        if DROPPED.contains(&name.as_str()) || RAW.contains(&name.as_str()) {
            let content_end = find_end_tag(bytes, i, &name).unwrap_or(bytes.len());
            let after = tag_end(&bytes[content_end..]).map_or(bytes.len(), |e| content_end + e);
            if !DROPPED.contains(&name.as_str()) {
                out.push_str(tag);
                out.push_str(&text[i..content_end]);
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
            }
            i = after;
            continue;
        }
        if name == "plaintext" {
            out.push_str(&html_escape::encode_text(&text[i..]));
            break;
        }
        let foreign = stack.iter().any(|open| open.name == "svg" || open.name == "math");
        if VOID.contains(&name.as_str()) || (self_closing && foreign) {
            count(&mut elements)?;
            out.push_str(tag);
            continue;
        }
        close_implied(&mut stack, &name);
        let is_formatting = FORMATTING.contains(&name.as_str());
        if stack.len() >= max_depth || (is_formatting && formatting >= MAX_FORMATTING) {
            continue;
        }
        count(&mut elements)?;
        stack.push(Open { name, formatting_before: formatting });
        if is_formatting {
            formatting += 1;
        }
        out.push_str(tag);
    }
    Ok(out)
}

/// Counts an element kept, failing past [`MAX_ELEMENTS`].
fn count(elements: &mut usize) -> Result<(), Failure> {
    *elements += 1;
    if *elements > MAX_ELEMENTS {
        return Err(Failure::Invalid(format!(
            "the page has more than {MAX_ELEMENTS} elements, more than Casebook reads from one page"
        )));
    }
    Ok(())
}

/// Pops what a start tag closes without an end tag: a list item the next, a cell the next, a
/// paragraph any block.
fn close_implied(stack: &mut Vec<Open>, name: &str) {
    let pop_to = |stack: &mut Vec<Open>, targets: &[&str], bounds: &[&str]| {
        for at in (0..stack.len()).rev() {
            let open = stack[at].name.as_str();
            if targets.contains(&open) {
                stack.truncate(at);
                return;
            }
            if bounds.contains(&open) {
                return;
            }
        }
    };
    const TABLE: &[&str] = &["table", "html"];
    if CLOSES_P.contains(&name) {
        pop_to(stack, &["p"], &["button", "table", "td", "th", "caption", "object", "marquee", "applet", "html"]);
    }
    match name {
        "li" => pop_to(stack, &["li"], &["ul", "ol", "menu", "table", "html"]),
        "dt" | "dd" => pop_to(stack, &["dt", "dd"], &["dl", "table", "html"]),
        "tr" => pop_to(stack, &["tr"], &["tbody", "thead", "tfoot", "table", "html"]),
        "td" | "th" => pop_to(stack, &["td", "th"], &["tr", "table", "html"]),
        "tbody" | "thead" | "tfoot" => pop_to(stack, &["tbody", "thead", "tfoot"], TABLE),
        "option" | "optgroup" => pop_to(stack, &["option"], &["select", "html"]),
        "a" | "nobr" | "button" | "form" => pop_to(stack, &[name], &["html"]),
        _ => {}
    }
}

/// Where the `>` that ends a tag is, past quoted attribute values, counted from `bytes`.
fn tag_end(bytes: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (at, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(at + 1),
            None => {}
        }
    }
    None
}

/// Where `</name` begins, case-insensitively, at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(lt) = find(&bytes[at..], b"</") {
        let start = at + lt;
        let candidate = &bytes[start + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && candidate.get(name.len()).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        let mut depth = 0usize;
        let mut max = 0;
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if rest.starts_with('/') {
                depth = depth.saturating_sub(1);
            } else if !rest.starts_with('!') {
                depth += 1;
                max = max.max(depth);
            }
        }
        max
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let html = format!("{}deep text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let flat = flatten(&html, 64).unwrap();
        assert!(depth_of(&flat) <= 64, "{}", depth_of(&flat));
        assert!(flat.contains("deep text"));
    }

    #[test]
    fn unclosed_list_items_and_paragraphs_do_not_count_as_nesting() {
        let html = format!("<ul>{}</ul>{}", "<li>item".repeat(1000), "<p>para".repeat(1000));
        let flat = flatten(&html, 16).unwrap();
        assert_eq!(flat.matches("<li>").count(), 1000);
        assert_eq!(flat.matches("<p>").count(), 1000);
    }

    #[test]
    fn scripts_and_comments_go_and_quoted_brackets_stay_in_their_tag() {
        let flat = flatten("<p title=\"a>b\">x<script>var s = '</p>';</script><!-- c --></p>", 16).unwrap();
        assert_eq!(flat, "<p title=\"a>b\">x</p>");
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
        assert_eq!(
            decode(b"<meta charset=\"windows-1252\">caf\xE9 \x93q\x94"),
            "<meta charset=\"windows-1252\">café “q”"
        );
        assert_eq!(decode(b"caf\xE9"), "café");
        assert_eq!(decode(b"\xFF\xFEa\0b\0"), "ab");
        assert_eq!(decode("x\u{E000}y".as_bytes()), "x\u{FFFD}y");
    }

    #[test]
    fn saved_from_comment() {
        let text = "<!DOCTYPE html>\n<!-- saved from url=(0031)https://example.org/a/b.html -->\n<html>";
        assert_eq!(saved_from_url(text).as_deref(), Some("https://example.org/a/b.html"));
    }
}
