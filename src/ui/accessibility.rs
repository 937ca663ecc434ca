//! What the views share to be usable without sight and without a mouse: nodes of the
//! accessibility tree for what egui does not draw itself, highlights said in words, and the
//! focus ring.

use casebook_core::anchor::AnchorStatus;
use casebook_core::layer::Color;
use casebook_core::views::Mark;
use egui::accesskit;

/// Runs `build`, which makes nodes for ids egui has never seen, then takes them back off the
/// root window, where egui hangs a node whose parent it does not know. `build` lists every
/// node it made in the children of its real parent: AccessKit rejects a tree with a node that
/// is nobody's child, or anyone's twice.
pub fn build_detached(ctx: &egui::Context, build: impl FnOnce()) {
    let root = egui::accesskit_root_id();
    let Some(before) = ctx.accesskit_node_builder(root, |r| r.children().len()) else {
        return;
    };
    build();
    ctx.accesskit_node_builder(root, |r| {
        if r.children().len() > before {
            let mut kids = r.children().to_vec();
            kids.truncate(before);
            r.set_children(kids);
        }
    });
}

/// Whether an assistive technology is reading the tree this frame.
pub fn accesskit_on(ctx: &egui::Context) -> bool {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |_| ()).is_some()
}

pub fn ak_rect(r: egui::Rect) -> accesskit::Rect {
    accesskit::Rect { x0: r.min.x.into(), y0: r.min.y.into(), x1: r.max.x.into(), y1: r.max.y.into() }
}

/// The name a highlight colour has in this layer ("Key fact"), from the names the view has.
pub fn color_name(names: &[(Color, String)], color: Color) -> &str {
    names.iter().find(|(c, _)| *c == color).map_or(color.default_name(), |(_, n)| n.as_str())
}

/// Where an annotation's passage stands, in words; nothing when it is where it was.
pub fn status_words(status: AnchorStatus) -> Option<&'static str> {
    match status {
        AnchorStatus::Exact | AnchorStatus::Moved => None,
        AnchorStatus::Fuzzy => Some("Check this: the passage changed"),
        AnchorStatus::Orphaned => Some("Orphaned: not found in the case"),
    }
}

/// A highlight as a listener hears it: "Key fact highlight, note: …, check this: …".
pub fn mark_in_words(names: &[(Color, String)], mark: &Mark, what: &str) -> String {
    let mut words = format!("{} {}", color_name(names, mark.color), what.to_lowercase());
    if what.starts_with("Instructor") {
        words = format!("{what}, {}", color_name(names, mark.color));
    }
    let note = mark.note.trim();
    if !note.is_empty() {
        let short: String = note.chars().take(200).collect();
        words.push_str(&format!(", note: {short}"));
    }
    if let Some(status) = status_words(mark.status) {
        words.push_str(&format!(", {}", status.to_lowercase()));
    }
    words
}

/// A name a person would say: at least one word of two letters, not a symbol ("×", "⏷", "●").
pub fn named_in_words(label: &str) -> bool {
    label.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 2)
}

/// The ring around a view that has the keyboard, in the theme's accent: 2 points, so it shows
/// on a projector too (egui draws its own widgets' rings; this is for the views that draw
/// themselves).
pub fn focus_ring(painter: &egui::Painter, rect: egui::Rect, accent: egui::Color32) {
    painter.rect_stroke(rect.shrink(1.0), 2.0, egui::Stroke::new(2.0, accent), egui::StrokeKind::Inside);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_words_and_highlights_said() {
        assert!(named_in_words("Key fact highlight"));
        assert!(named_in_words("Next match"));
        for symbol in ["×", "⏷", "●", "+", "−", "☰", "↑", "⋯", "+4", ""] {
            assert!(!named_in_words(symbol), "{symbol:?}");
        }
        let names = [(Color::KeyFact, "Key fact".to_owned())];
        let mark = Mark {
            range: 0..4,
            color: Color::KeyFact,
            id: "a".into(),
            status: AnchorStatus::Fuzzy,
            note: "Look here".into(),
        };
        assert_eq!(
            mark_in_words(&names, &mark, "Highlight"),
            "Key fact highlight, note: Look here, check this: the passage changed"
        );
    }
}
