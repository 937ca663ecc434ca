//! Changes to the page's tree: what a reader view drops, footnotes lifted out, and the
//! article's headings, links, images and tables made ready for Markdown.
//!
//! Functions take the [`Readability`] that owns the tree, the one public name for it.

use std::collections::{HashMap, HashSet};

use dom_smoothie::Readability;

use super::images::{self, Collector, Found};
use super::meta::clean_space;
use super::{Placeholders, markdown_of};
use crate::convert::Note;
use crate::convert::markdown;

/// Never text of the article, wherever they are.
const ALWAYS_DROPPED: &str = "script, style, template, noscript, iframe, object, embed, canvas, button, input, \
     select, textarea, dialog, svg, body link, body meta, base, .mw-editsection, .mw-jump-link, .reference-accessibility-helper";

/// Page furniture, dropped unless it holds most of the page's text (a site that wraps its
/// whole page in a `<form>` or a class named "sidebar-layout").
const FURNITURE: &str = "nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], \
     [role=complementary], [role=search], [role=dialog], [role=alertdialog], [hidden], [aria-hidden=true], \
     #toc, .toc, .navbox, .catlinks, .printfooter, .noprint, .hatnote, .mw-indicators, .sistersitebox";

/// Words in a class or id that mark furniture.
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "comments",
    "toc",
    "navbar",
    "navigation",
    "menu",
    "masthead",
    "banner",
    "popup",
    "modal",
    "readmore",
    "paywall",
    "skip",
];
const FURNITURE_PHRASES: &[&str] = &[
    "read-more",
    "more-stories",
    "table-of-contents",
    "tableofcontents",
    "see-also-box",
    "site-header",
    "site-footer",
];

pub(super) fn drop_always(page: &Readability) {
    page.doc.select(ALWAYS_DROPPED).remove();
}

fn is_furniture_name(value: &str) -> bool {
    value.split_whitespace().any(|token| {
        let token = token.to_ascii_lowercase();
        FURNITURE_PHRASES.iter().any(|p| token.contains(p))
            || token.split(['-', '_']).any(|word| FURNITURE_WORDS.contains(&word))
    })
}

/// Drops navigation, sidebars, banners, share and related boxes, tables of contents and
/// `[edit]` links.
pub(super) fn drop_furniture(page: &Readability) {
    let doc = &page.doc;
    let total = doc.select("body").text().chars().filter(|c| !c.is_whitespace()).count().max(1);
    let candidates = doc.select("[class], [id], nav, header, footer, aside, form, [role], [hidden], [aria-hidden]");
    for node in candidates.nodes() {
        if node.has_name("body") || node.has_name("html") || node.has_name("main") || node.has_name("article") {
            continue;
        }
        let named = node.attr("class").is_some_and(|c| is_furniture_name(&c))
            || node.attr("id").is_some_and(|c| is_furniture_name(&c));
        if !named && !node.is(FURNITURE) {
            continue;
        }
        if !node.ancestors_it(None).any(|a| a.is_document()) {
            continue;
        }
        let own = node.text().chars().filter(|c| !c.is_whitespace()).count();
        if own * 2 < total {
            node.remove_from_parent();
        }
    }
    drop_generated_contents(page);
    for link in doc.select("h1 a, h2 a, h3 a, h4 a, h5 a, h6 a").nodes() {
        let text = clean_space(&link.text()).to_lowercase();
        if matches!(text.as_str(), "edit" | "[edit]" | "edit section" | "¶" | "#" | "§") {
            link.remove_from_parent();
        }
    }
}

/// A list that is nothing but links to the page's own headings is a generated table of contents.
fn drop_generated_contents(page: &Readability) {
    let lists = page.doc.select("ul, ol");
    for list in lists.nodes() {
        if list.ancestors_it(None).any(|a| a.has_name("ul") || a.has_name("ol")) {
            continue;
        }
        let links: Vec<_> = list.descendants_it().filter(|n| n.has_name("a")).collect();
        let internal = links.iter().filter(|a| a.attr("href").is_some_and(|h| h.starts_with('#'))).count();
        if links.len() < 3 || internal * 10 < links.len() * 9 {
            continue;
        }
        let link_text: usize = links.iter().map(|a| a.text().trim().len()).sum();
        if link_text * 10 < list.text().trim().len() * 7 {
            continue;
        }
        if let Some(label) = list.prev_element_sibling()
            && is_contents_label(&label.text())
        {
            label.remove_from_parent();
        }
        list.remove_from_parent();
    }
    for label in page.doc.select("h1, h2, h3, h4, h5, h6, p, div, span, strong").nodes() {
        if is_contents_label(&label.text()) && label.element_children().len() <= 2 {
            label.remove_from_parent();
        }
    }
}

fn is_contents_label(text: &str) -> bool {
    matches!(
        clean_space(text).to_lowercase().trim_end_matches(':'),
        "contents" | "table of contents" | "in this article" | "on this page" | "jump to"
    )
}

/// Where a link is a footnote reference, the element to replace with `[^n]`.
fn is_note_ref(href: &str, link_class: &str, role: &str, in_reference_sup: bool) -> bool {
    let target = href.trim_start_matches('#').to_ascii_lowercase();
    in_reference_sup
        || link_class.split_whitespace().any(|c| c == "footnote-ref" || c == "footnote-reference")
        || role == "doc-noteref"
        || ["fn", "cite_note", "footnote", "endnote", "note", "_ftn", "_edn", "ftn"]
            .iter()
            .any(|p| target.starts_with(p))
}

/// Lifts linked footnotes out of the page: each reference becomes a placeholder for `[^label]`
/// and each note its Markdown definition, in order of first reference. A list of references
/// nothing links to is left where it is, as text.
pub(super) fn lift_footnotes(page: &Readability, holders: &mut Placeholders) -> Vec<(String, String)> {
    let doc = &page.doc;
    let mut by_id = HashMap::new();
    for node in doc.select("[id]").nodes() {
        if let Some(id) = node.attr("id") {
            by_id.entry(id.to_string()).or_insert(*node);
        }
    }
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut order: Vec<(String, String)> = Vec::new();
    let mut ref_ids: HashSet<String> = HashSet::new();
    let links = doc.select("a[href^='#']");
    for link in links.nodes() {
        let Some(href) = link.attr("href") else { continue };
        let target_id = href[1..].to_string();
        let parent = link.parent();
        let in_sup = parent
            .as_ref()
            .is_some_and(|p| p.has_name("sup") && (p.has_class("reference") || p.element_children().len() == 1));
        let class = link.attr("class").map(|c| c.to_string()).unwrap_or_default();
        let role = link.attr("role").map(|c| c.to_string()).unwrap_or_default();
        if !is_note_ref(&href, &class, &role, in_sup && parent.as_ref().is_some_and(|p| p.has_class("reference"))) {
            continue;
        }
        let Some(target) = by_id.get(&target_id) else { continue };
        let target_ok = target.has_name("li")
            || target.has_name("aside")
            || target.attr("role").is_some_and(|r| matches!(&*r, "doc-endnote" | "doc-footnote"))
            || ((target.has_name("div") || target.has_name("p")) && target.text().len() < 4000);
        if !target_ok || link.ancestors_it(None).any(|a| a.attr("id").is_some_and(|id| *id == *target_id)) {
            continue;
        }
        let label = match labels.get(&target_id) {
            Some(label) => label.clone(),
            None => {
                let shown: String = link.text().chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
                let label = if !shown.is_empty() && shown.len() <= 8 && !used.contains(&shown) {
                    shown
                } else {
                    (1..).map(|n: usize| n.to_string()).find(|n| !used.contains(n)).unwrap_or_default()
                };
                used.insert(label.clone());
                labels.insert(target_id.clone(), label.clone());
                order.push((target_id.clone(), label.clone()));
                label
            }
        };
        for id in [link.attr("id"), parent.as_ref().and_then(|p| p.attr("id"))].into_iter().flatten() {
            ref_ids.insert(id.to_string());
        }
        let holder = holders.add(markdown::footnote_ref(&label));
        match parent.filter(|_| in_sup) {
            Some(sup) => sup.replace_with_html(holder),
            None => link.replace_with_html(holder),
        }
    }
    let mut defs = Vec::new();
    for (id, label) in order {
        let Some(target) = by_id.get(&id) else { continue };
        for back in target.descendants_it().filter(|n| n.is_element()).collect::<Vec<_>>() {
            let backlink = back.is(".mw-cite-backlink, [role=doc-backlink], .footnote-back, .footnote-backref")
                || back.attr("href").is_some_and(|h| ref_ids.contains(h.trim_start_matches('#')));
            if backlink {
                back.remove_from_parent();
            }
        }
        let text = markdown_of(&target.inner_html());
        let text = text.trim().trim_start_matches(['^', '↑', '↩', '\u{FE0E}']).trim();
        if !text.is_empty() {
            defs.push((label, text.to_owned()));
        }
        target.remove_from_parent();
    }
    for list in doc.select("ol, ul, section, div, aside").nodes() {
        let is_notes = list.is(".references, .footnotes, [role=doc-endnotes], .reflist, .mw-references-wrap");
        if is_notes && list.text().trim().is_empty() {
            list.remove_from_parent();
        }
    }
    defs
}

/// The article's own title heading removed (it becomes the case's title) and the other
/// headings moved so that the highest is `top` (2 under a title, else 1).
pub(super) fn headings(article: &Readability, title: Option<&str>) {
    let doc = &article.doc;
    if let Some(title) = title {
        let title = clean_space(title).to_lowercase();
        let first = doc.select("h1, h2, h3").nodes().first().cloned();
        if let Some(heading) = first
            && clean_space(&heading.text()).to_lowercase() == title
        {
            heading.remove_from_parent();
        }
    }
    let top = if title.is_some() { 2 } else { 1 };
    let all = doc.select("h1, h2, h3, h4, h5, h6");
    let level = |n: &str| n.strip_prefix('h').and_then(|d| d.parse::<usize>().ok()).unwrap_or(6);
    let highest = all.nodes().iter().filter_map(|h| h.node_name()).map(|n| level(&n)).min();
    let Some(highest) = highest else { return };
    for heading in all.nodes() {
        if clean_space(&heading.text()).is_empty() {
            heading.remove_from_parent();
            continue;
        }
        let Some(name) = heading.node_name() else { continue };
        let new = (level(&name) + top).saturating_sub(highest).clamp(1, 6);
        heading.rename(&format!("h{new}"));
    }
}

/// Links made absolute against the page's address, or unwrapped to their text where they
/// lead nowhere a reader of the case can follow.
pub(super) fn links(article: &Readability, page_url: Option<&str>) {
    for link in article.doc.select("a").nodes() {
        let href = link.attr("href").map(|h| h.trim().to_string()).unwrap_or_default();
        let lower = href.to_ascii_lowercase();
        let absolute = if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
        {
            Some(href)
        } else if href.starts_with("//") {
            Some(format!("https:{href}"))
        } else if href.is_empty() || href.starts_with('#') || lower.contains(':') {
            None
        } else {
            page_url.and_then(|base| resolve(base, &href))
        };
        match absolute {
            Some(url) => {
                link.remove_all_attrs();
                link.set_attr("href", &url);
            }
            // `unwrap_node` unwraps a node's parent: called on the first child, the link.
            None => match link.first_child() {
                Some(child) => child.unwrap_node(),
                None => link.remove_from_parent(),
            },
        }
    }
}

fn resolve(base: &str, href: &str) -> Option<String> {
    let (scheme, rest) = base.split_once("://")?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = rest[host_end..].split(['?', '#']).next().unwrap_or_default();
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    Some(format!("{origin}{dir}/{}", href.trim_start_matches("./")))
}

/// Every image replaced by a placeholder for `![alt](images/name)` when it was saved with the
/// page, or by its alt text (or nothing) when it was not.
pub(super) fn images(article: &Readability, collector: &mut Collector, holders: &mut Placeholders) {
    let doc = &article.doc;
    for link in doc.select("a").nodes() {
        let children = link.element_children();
        if children.len() == 1 && children[0].has_name("img") && link.text().trim().is_empty() {
            children[0].unwrap_node();
        }
    }
    for img in doc.select("img").nodes() {
        let mut sources = Vec::new();
        for attr in ["src", "data-src"] {
            if let Some(src) = img.attr(attr) {
                sources.push(src.to_string());
            }
        }
        if let Some(set) = img.attr("srcset") {
            sources.extend(images::srcset(&set));
        }
        if let Some(picture) = img.parent().filter(|p| p.has_name("picture")) {
            for source in picture.element_children().iter().filter(|s| s.has_name("source")) {
                if let Some(set) = source.attr("srcset") {
                    sources.extend(images::srcset(&set));
                }
            }
        }
        let alt = clean_space(&img.attr("alt").map(|a| a.to_string()).unwrap_or_default());
        let replacement = match collector.take(&sources) {
            Found::Kept(name) => {
                let alt: String = markdown::escape(&alt);
                holders.add(format!("![{alt}](images/{name})"))
            }
            Found::Dropped => {
                let captioned = img
                    .ancestors_it(Some(4))
                    .any(|a| a.has_name("figure") && a.element_children().iter().any(|c| c.has_name("figcaption")));
                if alt.is_empty() || captioned {
                    String::new()
                } else {
                    format!("<em>{}</em>", html_escape::encode_text(&alt))
                }
            }
        };
        match img.parent().filter(|p| p.has_name("picture")) {
            Some(picture) => picture.replace_with_html(replacement),
            None => img.replace_with_html(replacement),
        }
    }
}

/// Tables as pipe tables when every row is a line of plain cells, else as one paragraph per
/// row, noted as uncertain.
pub(super) fn tables(article: &Readability, holders: &mut Placeholders, notes: &mut Vec<Note>) {
    let doc = &article.doc;
    let all = doc.select("table");
    for table in all.nodes() {
        if table.ancestors_it(None).any(|a| a.has_name("table")) {
            continue;
        }
        let nested = table.descendants_it().any(|d| d.has_name("table"));
        let rows: Vec<_> = table.descendants_it().filter(|d| d.has_name("tr")).collect();
        let mut cells: Vec<Vec<String>> = Vec::new();
        let mut simple = !nested && !rows.is_empty();
        for row in &rows {
            let mut line = Vec::new();
            for cell in row.element_children().iter().filter(|c| c.has_name("td") || c.has_name("th")) {
                let span = |a: &str| cell.attr(a).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
                let blocks = cell
                    .descendants_it()
                    .filter(|d| d.is("ul, ol, dl, pre, blockquote, h1, h2, h3, h4, h5, h6, p, div"))
                    .count();
                if span("colspan") > 1 || span("rowspan") > 1 || blocks > 1 {
                    simple = false;
                }
                let md = markdown_of(&cell.inner_html());
                line.push(md.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            if !line.is_empty() {
                cells.push(line);
            }
        }
        let width = cells.iter().map(Vec::len).max().unwrap_or(0);
        let caption = table
            .element_children()
            .iter()
            .find(|c| c.has_name("caption"))
            .map(|c| clean_space(&markdown_of(&c.inner_html())))
            .filter(|c| !c.is_empty());
        let mut out = String::new();
        if let Some(caption) = &caption {
            out.push_str(&format!("*{caption}*\n\n"));
        }
        if simple && width >= 2 {
            let rows: Vec<Vec<String>> =
                cells.iter().map(|row| row.iter().map(|c| escape_pipes(c)).collect()).collect();
            out.push_str(&markdown::table(&rows));
        } else {
            for row in cells.iter().filter(|row| row.iter().any(|c| !c.is_empty())) {
                let row: Vec<&str> = row.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
                out.push_str(&row.join(" — "));
                out.push_str("\n\n");
            }
            if width >= 2 {
                let what =
                    caption.clone().or_else(|| cells.first().and_then(|r| r.first()).cloned()).unwrap_or_default();
                let what: String = what.chars().take(60).collect();
                notes.push(Note::uncertain(None, format!("a table kept as text, one paragraph a row: {what}")));
            }
        }
        let holder = holders.add(format!("\n\n{}\n\n", out.trim_end()));
        table.replace_with_html(format!("<p>{holder}</p>"));
    }
}

fn escape_pipes(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut escaped = false;
    for c in cell.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}
