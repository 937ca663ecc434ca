//! Reading a saved web page: the article found and the page around it dropped, the way a
//! browser's reader view does, then written as Markdown.
//!
//! The steps, each on the tree `dom_smoothie` parses (an arena, so no step recurses):
//!
//! 1. [`scan`]: the bytes decoded (byte order mark, `<meta charset>`, else UTF-8 or
//!    Windows-1252) and the tags checked, so that nesting past the depth limit is unwrapped
//!    before any parser sees it, with scripts and styles gone;
//! 2. [`meta`]: title, authors, date, address and site read from the whole page;
//! 3. [`dom`]: page furniture dropped and linked footnotes lifted out;
//! 4. `dom_smoothie` (a port of Firefox's Readability) picks the article;
//! 5. [`dom`] again on the article: its title heading removed, headings renumbered, links
//!    made absolute, images and tables replaced by placeholders;
//! 6. `htmd` writes Markdown, and the placeholders become images, tables and footnotes.
//!
//! The title goes to the front matter and not into the body, and the article's highest
//! heading becomes `##`, as in a case written by hand; with no title it becomes `#`.

mod dom;
mod images;
mod meta;
mod scan;

use std::path::Path;

use dom_smoothie::{Config, Readability, ReadabilityError};

use super::{Converted, Failure, Limits, Progress};
use crate::convert::markdown;

const STEPS: u32 = 4;

/// The deepest nesting the Markdown writer is given, whatever the limits say: it recurses once
/// per level, and past about a thousand levels a 2 MB stack is not enough.
const MAX_DEPTH: usize = 512;

pub(crate) fn convert(
    bytes: &[u8],
    base_dir: Option<&Path>,
    limits: &Limits,
    progress: Progress<'_>,
) -> Result<Converted, Failure> {
    let mut step = |n: u32| if progress(n, STEPS) { Ok(()) } else { Err(Failure::Cancelled) };
    let text = scan::decode(bytes);
    let saved_from = scan::saved_from_url(&text);
    let html = scan::flatten(&text, limits.max_depth.min(MAX_DEPTH))?;
    drop(text);
    step(1)?;

    let config = Config { keep_classes: true, max_elements_to_parse: scan::MAX_ELEMENTS, ..Config::default() };
    let mut page = Readability::new(html, None, Some(config.clone())).map_err(readability_failure)?;
    let meta = meta::read(&page, saved_from);
    let mut holders = Placeholders::default();
    dom::drop_always(&page);
    let footnotes = dom::lift_footnotes(&page, &mut holders);
    dom::drop_furniture(&page);
    step(2)?;

    let whole = page.doc.select("body").html().to_string();
    let content = match page.parse() {
        Ok(article) if !article.text_content.trim().is_empty() => article.content.to_string(),
        Ok(_) | Err(ReadabilityError::GrabFailed) => whole,
        Err(error) => return Err(readability_failure(error)),
    };
    drop(page);
    step(3)?;

    let article = Readability::new(content, None, Some(config)).map_err(readability_failure)?;
    dom::drop_always(&article);
    dom::drop_furniture(&article);
    dom::headings(&article, meta.title.as_deref());
    dom::links(&article, meta.url.as_deref());
    let mut collector = images::Collector::new(base_dir, limits);
    dom::images(&article, &mut collector, &mut holders);
    let mut notes = Vec::new();
    dom::tables(&article, &mut holders, &mut notes);
    let html = article.doc.select("body").inner_html().to_string();
    drop(article);

    let body = holders.fill(&markdown_of(&html));
    let body = drop_empty_sections(&body);
    let mut body = tidy(&body);
    let mut written = Vec::new();
    for (label, text) in footnotes {
        let reference = markdown::footnote_ref(&label);
        if body.contains(&reference) && !written.contains(&label) {
            body.push_str("\n\n");
            body.push_str(markdown::footnote_def(&label, &holders.fill(&text)).trim_end());
            written.push(label);
        }
    }
    let (images, image_notes) = collector.finish();
    let images: Vec<_> =
        images.into_iter().filter(|image| body.contains(&format!("(images/{})", image.name))).collect();
    notes.extend(image_notes);
    step(4)?;
    Ok(Converted { meta, body, images, pages: None, notes })
}

fn readability_failure(error: ReadabilityError) -> Failure {
    match error {
        ReadabilityError::TooManyElements(found, most) => {
            Failure::Invalid(format!("the page has {found} elements; Casebook reads pages of up to {most}"))
        }
        other => Failure::Invalid(format!("the page could not be read: {other}")),
    }
}

/// Markdown for a fragment of HTML. Elements that are never text are skipped; what is left
/// of images and tables is already a placeholder.
fn markdown_of(html: &str) -> String {
    let options = htmd::options::Options {
        bullet_list_marker: htmd::options::BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        hr_style: htmd::options::HrStyle::Dashes,
        ..htmd::options::Options::default()
    };
    let converter = htmd::HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec![
            "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form", "button",
            "input", "select", "textarea", "head", "img", "picture", "video", "audio", "source",
        ])
        .build();
    converter.convert(html).unwrap_or_default()
}

/// Markdown set aside while the tree is written, each found again by a run of private-use
/// characters that no page can contain (the decoder replaces them).
#[derive(Default)]
pub(super) struct Placeholders {
    values: Vec<String>,
}

impl Placeholders {
    pub(super) fn add(&mut self, markdown: String) -> String {
        self.values.push(markdown);
        format!("{}{}{}", scan::OPEN, self.values.len() - 1, scan::CLOSE)
    }

    fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find(scan::OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + scan::OPEN.len_utf8()..];
            let Some(close) = after.find(scan::CLOSE) else {
                rest = after;
                continue;
            };
            // A value may hold earlier placeholders (an image in a table cell); indexes only
            // point back, so this ends.
            if let Some(value) = after[..close].parse::<usize>().ok().and_then(|i| self.values.get(i)) {
                out.push_str(&self.fill(value));
            }
            rest = &after[close + scan::CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out.replace([scan::OPEN, scan::CLOSE], "")
    }
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
}

/// Headings with nothing under them before the next heading of their level or higher, such as
/// "References" once its notes have become footnotes.
fn drop_empty_sections(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut keep = vec![true; lines.len()];
    for i in (0..lines.len()).rev() {
        let Some(level) = heading_level(lines[i]) else { continue };
        let next = (i + 1..lines.len()).find(|&j| keep[j] && !lines[j].trim().is_empty());
        let empty = match next {
            None => true,
            Some(j) => heading_level(lines[j]).is_some_and(|l| l <= level),
        };
        if empty {
            keep[i] = false;
        }
    }
    lines.iter().zip(keep).filter(|(_, k)| *k).map(|(l, _)| *l).collect::<Vec<_>>().join("\n")
}

/// Trailing spaces gone and no more than one blank line in a row.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = if line.ends_with("  ") && !line.trim().is_empty() { line } else { line.trim_end() };
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Converted {
        convert(html.as_bytes(), None, &Limits::default(), &mut |_, _| true).unwrap()
    }

    #[test]
    fn empty_sections_and_blank_lines() {
        let md = "## A\n\ntext\n\n## References\n\n\n\n## B\n\n### C\n\nmore";
        assert_eq!(tidy(&drop_empty_sections(md)), "## A\n\ntext\n\n## B\n\n### C\n\nmore");
    }

    #[test]
    fn a_small_page_with_a_footnote_and_a_table() {
        let para = "The airlift carried food and coal into the city for many months, and the crews flew \
                    in all weathers through the three corridors agreed in 1945. ";
        let html = format!(
            "<html><head><title>Airlift - Site</title><meta property=\"og:site_name\" content=\"Site\"></head>\
             <body><nav><a href=\"/\">Home</a></nav><article><h1>Airlift</h1><h3>Start</h3><p>{para}{para}\
             <sup class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup></p><h3>Loads</h3><p>{para}</p>\
             <table><tr><th>Year</th><th>Tons</th></tr><tr><td>1948</td><td>a|b</td></tr></table>\
             <h3>References</h3><ol class=\"references\"><li id=\"cite_note-1\"><span class=\"mw-cite-backlink\">\
             <a href=\"#cite_ref-1\">^</a></span> A <i>note</i>.</li></ol></article>\
             <script>alert('x')</script></body></html>"
        );
        let converted = run(&html);
        let body = &converted.body;
        assert_eq!(converted.meta.title.as_deref(), Some("Airlift"));
        assert!(body.starts_with("## Start"), "{body}");
        assert!(body.contains("[^1]\n") || body.contains("[^1]"), "{body}");
        assert!(body.contains("[^1]: A *note*."), "{body}");
        assert!(body.contains("| 1948 | a\\|b |"), "{body}");
        assert!(!body.contains("References") && !body.contains("Home") && !body.contains("alert"), "{body}");
    }

    #[test]
    fn the_title_is_the_h1_the_title_tag_begins_with() {
        let para = "The airlift carried food and coal into the city for many months, and the crews flew \
                    in all weathers through the three corridors agreed in 1945. ";
        // A site whose name the page does not give, and a logo in an <h1> of its own.
        let html = format!(
            "<html><head><title>Berlin Airlift - The Record Encyclopedia</title></head><body>\
             <header><h1>The Record</h1></header><h1 id=\"firstHeading\">Berlin Airlift</h1>\
             <div id=\"content\"><h2>Background</h2><p>{para}{para}</p><h2>Operations</h2><p>{para}{para}</p>\
             <h3>Loads</h3><p>{para}</p></div></body></html>"
        );
        let converted = run(&html);
        assert_eq!(converted.meta.title.as_deref(), Some("Berlin Airlift"));
        assert!(converted.body.contains("## Background"), "{}", converted.body);
        assert!(converted.body.contains("### Loads"), "{}", converted.body);
    }

    #[test]
    fn a_mediawiki_page_titles_itself_from_its_heading() {
        // MediaWiki 1.43's markup: the title outside the content, each section heading in a
        // div with its "[edit]" link, and og:title carrying the site's name.
        let para = "The airlift carried food and coal into the city for many months, and the crews flew \
                    in all weathers through the three corridors agreed in 1945. ";
        let section = |level: u8, name: &str| {
            format!(
                "<div class=\"mw-heading mw-heading{level}\"><h{level} id=\"{name}\">{name}</h{level}>\
                 <span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span><a href=\"#\">edit</a>\
                 <span class=\"mw-editsection-bracket\">]</span></span></div><p>{para}{para}</p>"
            )
        };
        let html = format!(
            "<html><head><title>Berlin Blockade - Wikipedia</title>\
             <meta property=\"og:title\" content=\"Berlin Blockade - Wikipedia\">\
             <link rel=\"canonical\" href=\"https://en.wikipedia.org/wiki/Berlin_Blockade\"></head><body>\
             <header><a class=\"mw-logo\" href=\"/\">Wikipedia</a></header><main id=\"content\">\
             <h1 id=\"firstHeading\"><span class=\"mw-page-title-main\">Berlin Blockade</span></h1>\
             <div id=\"mw-content-text\"><div class=\"mw-parser-output\"><p>{para}{para}</p>{}{}{}</div></div>\
             </main><footer>This page was last edited on 1 May 2025.</footer></body></html>",
            section(2, "Background"),
            section(3, "Currency"),
            section(2, "Airlift")
        );
        let converted = run(&html);
        assert_eq!(converted.meta.title.as_deref(), Some("Berlin Blockade"));
        let body = &converted.body;
        assert!(
            body.contains("## Background") && body.contains("### Currency") && body.contains("## Airlift"),
            "{body}"
        );
        assert!(!body.contains("edit") && !body.contains("last edited"), "{body}");
    }
}
