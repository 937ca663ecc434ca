//! List items: a line that opens with a bullet or an item number ("•", "3.", "(b)", "iv)").
//! A PDF has no lists, only lines that look like them; the marker is what says so.

/// What opens a list item.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ListMarker {
    Bullet,
    /// A decimal number, which a Markdown ordered list can show.
    Number(u32),
    /// A label Markdown has no list for ("b.", "(iv)", "II."), kept as the item's text.
    Label(String),
}

// The last two are the Symbol and Wingdings bullets of Word documents, in the private use area.
const BULLETS: &[char] = &['•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '–', '-', '*', '·', '\u{f0b7}', '\u{f0a7}'];

/// The marker a line of text opens with and the byte length of it with the space after, if
/// the line is a list item.
pub(crate) fn marker_of(text: &str) -> Option<(ListMarker, usize)> {
    let text = text.trim_start();
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        let after = &text[first.len_utf8()..];
        return after.starts_with(' ').then(|| (ListMarker::Bullet, first.len_utf8() + 1));
    }
    let token = text.split(' ').next()?;
    if token.len() == text.len() || token.len() > 7 {
        return None;
    }
    let len = token.len() + 1;
    let (inner, close) = match token.strip_prefix('(') {
        Some(rest) => (rest.strip_suffix(')')?, ')'),
        None => {
            let close = token.chars().last().filter(|c| matches!(c, '.' | ')'))?;
            (&token[..token.len() - 1], close)
        }
    };
    let label = || ListMarker::Label(token.to_owned());
    if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
        // "(3)" has no Markdown form; "3." and "3)" do.
        let n: u32 = inner.parse().ok()?;
        return Some((if token.starts_with('(') { label() } else { ListMarker::Number(n) }, len));
    }
    let roman =
        inner.len() <= 5 && (inner.chars().all(|c| "ivxlc".contains(c)) || inner.chars().all(|c| "IVXLC".contains(c)));
    // "A." is more often an initial ("A. Lincoln") than an item.
    let letter =
        inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase() || (close == ')' && c.is_ascii_uppercase()));
    (!inner.is_empty() && (roman || letter)).then(|| (label(), len))
}

/// Whether a piece of text is nothing but a list marker ("•", "3.", "(b)"): an item's marker
/// set apart from its text.
pub(crate) fn is_marker_alone(text: &str) -> bool {
    let text = text.trim();
    marker_of(&format!("{text} x")).is_some_and(|(_, len)| len == text.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_told_from_words() {
        assert_eq!(marker_of("• A point"), Some((ListMarker::Bullet, 4)));
        assert_eq!(marker_of("3. The third"), Some((ListMarker::Number(3), 3)));
        assert_eq!(marker_of("12) Twelfth"), Some((ListMarker::Number(12), 4)));
        assert_eq!(marker_of("(b) Second"), Some((ListMarker::Label("(b)".into()), 4)));
        assert_eq!(marker_of("IV. Fourth"), Some((ListMarker::Label("IV.".into()), 4)));
        assert_eq!(marker_of("iv) fourth"), Some((ListMarker::Label("iv)".into()), 4)));
        assert_eq!(marker_of("1787 was the year"), None);
        assert_eq!(marker_of("In the beginning"), None);
        assert_eq!(marker_of("Mr. Wilson spoke"), None);
        assert_eq!(marker_of("3.5 percent"), None);
        assert_eq!(marker_of("•"), None);
        assert_eq!(marker_of("A. Lincoln wrote"), None);
        assert_eq!(marker_of("b. Second"), Some((ListMarker::Label("b.".into()), 3)));
        assert!(is_marker_alone("•") && is_marker_alone("(b)") && !is_marker_alone("3. The third"));
    }
}
