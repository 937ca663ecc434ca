//! The text of one paragraph as pieces (runs of text with their bold, italic and link, and
//! Markdown already made for images and note references) and how they become Markdown.

use crate::convert::markdown::escape;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Piece {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    /// Markdown made already: an image, a footnote reference.
    Raw(String),
    /// A line break inside the paragraph.
    Break,
}

/// The text of the pieces with no Markdown, for a title.
pub(super) fn plain(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text { text, .. } => out.push_str(text),
            Piece::Break => out.push(' '),
            Piece::Raw(_) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pieces as one Markdown paragraph; with `one_line` (headings, table cells) a line
/// break is a space.
pub(super) fn render(pieces: &[Piece], one_line: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Raw(md) => {
                out.push_str(md);
                i += 1;
            }
            Piece::Break => {
                // A break is only a hard line break between text; at either end it is nothing.
                let more = pieces[i + 1..].iter().any(|p| !matches!(p, Piece::Break));
                let text_before = !out.trim().is_empty();
                if one_line || !more || !text_before {
                    out.push(' ');
                } else if !out.ends_with("\\\n") {
                    let trimmed = out.trim_end().len();
                    out.truncate(trimmed);
                    out.push_str("\\\n");
                }
                i += 1;
            }
            Piece::Text { link, .. } => {
                let mut j = i;
                while j < pieces.len() && matches!(&pieces[j], Piece::Text { link: l, .. } if l == link) {
                    j += 1;
                }
                let inner = styled(&pieces[i..j]);
                match link {
                    Some(url) if !inner.trim().is_empty() => {
                        let (lead, core, trail) = split_space(&inner);
                        out.push_str(&format!("{lead}[{core}]({}){trail}", link_target(url)));
                    }
                    _ => out.push_str(&inner),
                }
                i = j;
            }
        }
    }
    tidy(&out)
}

/// Runs of spaces made one, and none at the ends of lines.
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let mut s = String::with_capacity(line.len());
            let mut space = false;
            for c in line.chars() {
                if c == ' ' {
                    if !space {
                        s.push(' ');
                    }
                    space = true;
                } else {
                    s.push(c);
                    space = false;
                }
            }
            s.trim().to_owned()
        })
        .collect();
    lines.join("\n")
}

/// Bold outside italic, each run of the same bold together.
fn styled(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let bold = is_bold(&pieces[i]);
        let mut j = i;
        while j < pieces.len() && is_bold(&pieces[j]) == bold {
            j += 1;
        }
        let inner = italic(&pieces[i..j]);
        out.push_str(&if bold { wrap("**", &inner) } else { inner });
        i = j;
    }
    out
}

fn italic(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let it = is_italic(&pieces[i]);
        let mut text = String::new();
        let mut j = i;
        while j < pieces.len() && is_italic(&pieces[j]) == it {
            if let Piece::Text { text: t, .. } = &pieces[j] {
                text.push_str(t);
            }
            j += 1;
        }
        let escaped = escape(&text);
        out.push_str(&if it { wrap("*", &escaped) } else { escaped });
        i = j;
    }
    out
}

fn is_bold(p: &Piece) -> bool {
    matches!(p, Piece::Text { bold: true, .. })
}

fn is_italic(p: &Piece) -> bool {
    matches!(p, Piece::Text { italic: true, .. })
}

/// Emphasis must not open or close on a space, so the spaces go outside the markers.
fn wrap(marker: &str, text: &str) -> String {
    let (lead, core, trail) = split_space(text);
    if core.is_empty() { text.to_owned() } else { format!("{lead}{marker}{core}{marker}{trail}") }
}

fn split_space(text: &str) -> (&str, &str, &str) {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    (&text[..start], &text[start..end], &text[end..])
}

/// A link destination that stays one: spaces, parentheses and angle brackets encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Only links a reader may follow safely become links.
pub(super) fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://"].iter().any(|s| lower.starts_with(s)).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, bold: bool, italic: bool) -> Piece {
        Piece::Text { text: text.into(), bold, italic, link: None }
    }

    #[test]
    fn emphasis_keeps_spaces_outside() {
        let md = render(&[t("A ", false, false), t("bold ", true, false), t("and *star*", false, true)], false);
        assert_eq!(md, "A **bold** *and \\*star\\**");
    }

    #[test]
    fn breaks_only_between_text() {
        let md =
            render(&[Piece::Break, t("one", false, false), Piece::Break, t("two", false, false), Piece::Break], false);
        assert_eq!(md, "one\\\ntwo");
        let link =
            Piece::Text { text: "site".into(), bold: false, italic: false, link: Some("https://x.org/a b".into()) };
        assert_eq!(render(&[link], true), "[site](https://x.org/a%20b)");
    }
}
