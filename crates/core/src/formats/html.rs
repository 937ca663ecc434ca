//! Exports as one self-contained HTML file that prints well.

const PRINT_CSS: &str = "body{font-family:Charis SIL,Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;\
line-height:1.5;color:#1f1f1f}h1,h2,h3{line-height:1.2}blockquote{margin:1em 0;padding:.2em 1em;\
border-left:4px solid #c8b560;background:#fbf7e6}table{border-collapse:collapse}td,th{border:1px solid #ccc;\
padding:.3em .6em}@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}\
blockquote,tr{break-inside:avoid}a{color:inherit}}";

/// What the exported page may do: show itself and its inline style, nothing more. No script
/// runs, and nothing is fetched from anywhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Whether a link may stay a link in an export: only web and mail links, and links within the
/// page. `javascript:`, `vbscript:`, `data:`, `file:` and the like become plain text.
pub fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) || lower.starts_with('#')
}

/// Markdown with its links, images and raw HTML made safe: raw HTML shows as text, a link that
/// is not a web or mail link keeps its words and loses its target, and an image (which a
/// browser would fetch) is shown as its description.
pub fn safe_events<'a>(markdown: &'a str) -> impl Iterator<Item = pulldown_cmark::Event<'a>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut dropped_links = Vec::new();
    let mut in_image = 0usize;
    Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).filter_map(move |e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = safe_link(dest_url);
            dropped_links.push(!safe);
            safe.then_some(e)
        }
        Event::End(TagEnd::Link) => (!dropped_links.pop().unwrap_or(false)).then_some(e),
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            Some(Event::Text("[image: ".into()))
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            Some(Event::Text("]".into()))
        }
        e => Some(e),
    })
}

/// Text written into Markdown as the very words it is: each character that could start
/// markup is escaped, within a line (emphasis, code, links, images, raw HTML, entities, tables,
/// strikethrough) and at its start (headings, lists, quotes). For quotes, titles and tags, which
/// are text, not Markdown. Commas and full stops stay as they are, so the file reads well.
pub fn md_escape(text: &str) -> String {
    const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '!', '|', '~', '&'];
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let ordered = digits > 0 && body[digits..].starts_with(['.', ')']);
        for (i, c) in body.char_indices() {
            let starts_block = i == 0 && matches!(c, '#' | '-' | '+' | '=');
            if INLINE.contains(&c) || starts_block || (ordered && i == digits) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// HTML text: `&`, `<`, `>` and quotes escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One self-contained HTML file: the Markdown rendered safely (see [`safe_events`]), a policy
/// that forbids scripts and fetching, and a style sheet that prints well to PDF.
pub fn to_html(title: &str, markdown: &str) -> String {
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, safe_events(markdown));
    let title = escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n<title>{title}</title>\n\
         <style>{PRINT_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_one_file_and_shows_raw_html_as_text() {
        let html = to_html("A <b>case</b>", "Note with <script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("<title>A &lt;b&gt;case&lt;/b&gt;</title>"));
    }

    #[test]
    fn only_web_and_mail_links_survive_and_nothing_is_fetched() {
        let md = "[x](javascript:alert(1)) [v](VBScript:msgbox) [d](data:text/html,hi) [ok](https://un.org) \
                  [m](mailto:a@b.org) ![](https://evil.example/p.gif) ![map](map.png)";
        let html = to_html("T", md);
        for bad in ["javascript:", "VBScript:", "data:text", "evil.example", "<img", "map.png"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("href=\"https://un.org\"") && html.contains("href=\"mailto:a@b.org\""), "{html}");
        assert!(html.contains("[image: map]") && html.contains("<p>x v d "), "the words stay: {html}");
        assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    }

    #[test]
    fn escaped_text_reads_as_written() {
        for text in ["# Not a heading", "1. Not a list", "- nor this", "a *b* `c` [d](e) <f> & g|h ~i~", "line\n> two"]
        {
            let html = to_html("T", &md_escape(text));
            let body = &html[html.find("<body>").unwrap()..];
            assert!(
                !body.contains("<h1") && !body.contains("<ol") && !body.contains("<ul") && !body.contains("<em"),
                "{body}"
            );
            assert!(!body.contains("<blockquote") && !body.contains("<code") && !body.contains("<a "), "{body}");
        }
        assert_eq!(md_escape("Council, 2006–2025. Fine."), "Council, 2006–2025. Fine.");
    }

    #[test]
    fn escaped_text_stays_text() {
        let quote = md_escape("see `[x](javascript:alert(1))` and <script>alert(1)</script> *now*");
        let html = to_html("T", &quote);
        assert!(!html.contains("<a ") && !html.contains("<script") && !html.contains("<em>"), "{html}");
        assert!(html.contains("javascript:alert(1)"), "the words stay: {html}");
    }
}
