//! Exports as one self-contained HTML file that prints well.

const PRINT_CSS: &str = "body{font-family:Charis SIL,Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;\
line-height:1.5;color:#1f1f1f}h1,h2,h3{line-height:1.2}blockquote{margin:1em 0;padding:.2em 1em;\
border-left:4px solid #c8b560;background:#fbf7e6}table{border-collapse:collapse}td,th{border:1px solid #ccc;\
padding:.3em .6em}@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}\
blockquote,tr{break-inside:avoid}a{color:inherit}}";

/// One self-contained HTML file: the Markdown rendered, raw HTML in notes shown as text, and a
/// style sheet that prints well to PDF.
pub fn to_html(title: &str, markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut body = String::new();
    html::push_html(&mut body, parser);
    let title = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
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
}
