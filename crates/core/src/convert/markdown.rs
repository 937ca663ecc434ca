//! Writing Markdown that reads back as what was meant: text escaped so that a `*` or a `#` in a
//! document stays a character, pipe tables, footnotes and page marks.

/// Marks where a page of the original begins: an HTML comment, which every Markdown renderer
/// hides and the reader turns into a page number in the margin. See `docs/FORMAT.md`.
pub fn page_mark(page: u32) -> String {
    format!("<!-- page {page} -->")
}

/// Text escaped for the inside of a Markdown paragraph: every character that could start
/// emphasis, a link, code, HTML or an entity is backslash-escaped, and so is anything that
/// would start a block at the beginning of a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '&' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    escape_line_start(&out)
}

/// Escapes what would start a block (`#`, `-`, `+`, `1.`, `=`) when it begins a paragraph.
fn escape_line_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let lead = &text[..text.len() - trimmed.len()];
    let first = trimmed.chars().next();
    let needs = match first {
        Some('#' | '-' | '+' | '=') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
        }
        _ => false,
    };
    if !needs {
        return text.to_owned();
    }
    if first.is_some_and(|c| c.is_ascii_digit()) {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        format!("{lead}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("{lead}\\{trimmed}")
    }
}

/// A pipe table. Cells are Markdown already (escaped by the caller); their line breaks become
/// `<br>`-free spaces, since a pipe table row is one line. A table with no header row gets
/// its first row as header, as every pipe table must have one.
pub fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for col in 0..width {
            let cell = row.get(col).map_or("", String::as_str);
            let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in 0..width {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out
}

/// A footnote reference, `[^label]`. Labels are made of letters, digits and `-`.
pub fn footnote_ref(label: &str) -> String {
    format!("[^{}]", footnote_label(label))
}

/// A footnote definition block; continuation lines are indented so the note stays one block.
pub fn footnote_def(label: &str, text: &str) -> String {
    let mut out = format!("[^{}]: ", footnote_label(label));
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.push_str("\n    ");
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

fn footnote_label(label: &str) -> String {
    let label: String = label.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
    if label.is_empty() { "note".to_owned() } else { label }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_as_the_same_characters() {
        let text = "*Not* emphasis, [not a link](x), `not code`, <b>not html</b>, 5 & 6 | 7 ~ 8_9";
        let md = escape(text);
        let html = to_html(&md);
        assert!(
            !html.contains("<em>") && !html.contains("<a ") && !html.contains("<code>") && !html.contains("<b>"),
            "{html}"
        );
    }

    #[test]
    fn what_would_start_a_block_is_escaped() {
        for text in ["# not a heading", "- not a list", "1. not a list", "12) not either", "= under"] {
            let html = to_html(&escape(text));
            assert!(html.starts_with("<p>"), "{text:?} became {html}");
        }
        assert_eq!(escape("1999 was a year"), "1999 was a year");
    }

    #[test]
    fn a_table_has_a_header_row_and_one_line_per_row() {
        let rows =
            vec![vec!["Year".into(), "Event".into()], vec!["1950".into(), "Two\nlines".into()], vec!["1953".into()]];
        let md = table(&rows);
        assert_eq!(md, "| Year | Event |\n| --- | --- |\n| 1950 | Two lines |\n| 1953 |  |\n");
        assert!(to_html(&md).contains("<table>"));
    }

    #[test]
    fn footnotes_and_page_marks() {
        let md = format!(
            "Text{} more {}.\n\n{}",
            footnote_ref("1"),
            page_mark(12),
            footnote_def("1", "A note\nin two lines.")
        );
        let html = to_html(&md);
        assert!(html.contains("footnote-definition"), "{html}");
        assert_eq!(crate::case::parse::page_of_mark(&page_mark(12)), Some(12));
    }

    fn to_html(md: &str) -> String {
        let mut options = pulldown_cmark::Options::empty();
        options.insert(pulldown_cmark::Options::ENABLE_TABLES);
        options.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(md, options));
        html
    }
}
