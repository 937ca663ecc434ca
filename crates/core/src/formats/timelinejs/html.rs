//! TimelineJS writes its texts as HTML: read here as Markdown (or as plain text, for
//! headlines), and written back as HTML. Entities are decoded once, with the full HTML5 table;
//! text stays text both ways, so escaped markup (`&lt;script&gt;`) never comes out live.

use super::super::html::{md_escape, safe_events, safe_link};

/// A piece of HTML: text between tags (decoded), or a tag with its lowercase name and whether
/// it closes.
enum Piece<'a> {
    Text(&'a str),
    Tag { tag: &'a str, name: &'a str, closing: bool },
}

/// Walks HTML piece by piece. A `<` with no `>` after it is text.
fn walk(html: &str, mut on: impl FnMut(Piece<'_>)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        on(Piece::Text(&decode(&rest[..lt])));
        let Some(gt) = rest[lt..].find('>') else {
            rest = &rest[lt..];
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        on(Piece::Tag { tag, name: &name.to_ascii_lowercase(), closing: tag.starts_with('/') });
    }
    on(Piece::Text(&decode(rest)));
}

/// Text with its entities decoded and its control characters dropped (`&#0;` is no title).
fn decode(text: &str) -> String {
    html_escape::decode_html_entities(&without_control_references(text))
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// The text without numeric references to control characters (`&#0;`, `&#x1b;`), which the
/// entity decoder leaves as they are.
fn without_control_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("&#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[2..].find(';').map(|e| e + 2).filter(|e| *e <= 12);
        let number = end.and_then(|e| {
            let digits = &rest[2..e];
            match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse().ok(),
            }
        });
        match (end, number.and_then(char::from_u32)) {
            (Some(e), Some(c)) if c.is_control() && c != '\n' && c != '\t' => rest = &rest[e + 1..],
            _ => {
                out.push_str("&#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Tags that begin or end a block of text.
const BLOCKS: &[&str] =
    &["p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "section"];

/// A headline's HTML as plain text: headlines are titles, shown and written back unformatted.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    walk(html, |piece| match piece {
        Piece::Text(text) => out.push_str(text),
        // Inline tags join words ("time<i>line</i>"); block tags and breaks part them.
        Piece::Tag { name, .. } if name == "br" || BLOCKS.contains(&name) => out.push(' '),
        Piece::Tag { .. } => {}
    });
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// TimelineJS's HTML as Markdown: paragraphs (an unclosed `<p>` still starts one), line breaks,
/// list items, links to the web, bold and italics kept; other tags dropped. Spaces and line
/// ends in the HTML count as one space, as a browser shows them, so re-importing the export
/// gives the same text.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<Option<String>> = Vec::new();
    walk(html, |piece| match piece {
        Piece::Text(text) => {
            let mut words = String::new();
            let mut space = false;
            for c in text.chars() {
                if c.is_whitespace() {
                    space = true;
                } else {
                    if space && !words.is_empty() {
                        words.push(' ');
                    }
                    space = false;
                    words.push(c);
                }
            }
            if text.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&md_escape(&words));
            if space && !words.is_empty() {
                out.push(' ');
            }
        }
        Piece::Tag { tag, name, closing } => match (name, closing) {
            ("li", false) => out.push_str("\n\n- "),
            (block, _) if BLOCKS.contains(&block) => out.push_str("\n\n"),
            ("br", _) => out.push_str("\\\n"),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("a", false) => {
                let href = attribute(tag, "href").filter(|h| safe_link(h) && !h.starts_with('#'));
                if href.is_some() {
                    out.push('[');
                }
                links.push(href);
            }
            ("a", true) => {
                if let Some(href) = links.pop().flatten() {
                    let href = href.replace(' ', "%20").replace('(', "%28").replace(')', "%29");
                    out.push_str(&format!("]({href})"));
                }
            }
            _ => {}
        },
    });
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_owned()
}

/// Markdown as the HTML TimelineJS shows: web links only, nothing fetched, raw HTML as text.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, safe_events(markdown));
    html.trim_end().to_owned()
}

/// The value of an attribute in a tag, decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value =
        if quote == '"' || quote == '\'' { rest[1..].split(quote).next()? } else { rest.split_whitespace().next()? };
    Some(decode(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_lose_tags_but_keep_every_word() {
        assert_eq!(html_to_text("A <b>time</b>line<br>of votes &amp; vetoes"), "A timeline of votes & vetoes");
        assert_eq!(html_to_text("Votes < 9 in favour"), "Votes < 9 in favour", "a lone < is text");
        assert_eq!(html_to_text("Nul&#0;here&#x1b;[2K &hearts; &Eacute; &amp;lt;"), "Nulhere[2K ♥ É &lt;");
    }

    #[test]
    fn paragraphs_links_and_whitespace() {
        assert_eq!(html_to_markdown("<p>One<p>Two</p>"), "One\n\nTwo", "an unclosed <p> separates");
        assert_eq!(html_to_markdown("<p>\n  A   <b>bold</b>\n move.  </p>"), "A **bold** move.");
        assert_eq!(
            html_to_markdown("See <a href=\"https://un.org\">this</a> and <a href='javascript:alert(1)'>that</a>."),
            "See [this](https://un.org) and that."
        );
    }

    #[test]
    fn escaped_markup_stays_text_both_ways() {
        let md = html_to_markdown("&lt;script&gt;alert(1)&lt;/script&gt; and *stars*");
        let html = markdown_to_html(&md);
        assert!(!html.contains("<script") && html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<em>"), "literal stars stay stars: {html}");
        assert_eq!(html_to_markdown(&html), md, "it reads back the same");
    }
}
