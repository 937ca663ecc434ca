//! Teaching a case: discussion questions, the class plan and the Security Council's voting rule.

pub mod class_plan;
pub mod question;
pub mod record;
pub mod unsc;

pub use class_plan::{Plan, Segment};
pub use question::{Kind, Question};
pub use record::ClassRecord;

/// Markdown as the words it shows, for slides and one-line lists: emphasis and links become
/// their text, paragraphs are kept apart.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push_str("\n\n"),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_text_drops_markup_but_keeps_paragraphs() {
        assert_eq!(
            super::plain_text("**The vote.** Why did *China* vote [no](https://un.org)?\n\nSecond."),
            "The vote. Why did China vote no?\n\nSecond."
        );
    }
}
