//! Styles: which paragraph styles are headings, the title or a table of contents, and the
//! bold, italic and hidden that styles give to runs, following `w:basedOn` chains.

use std::collections::HashMap;

use super::xml::{Node, is_on};

/// Run properties a style or a run may set; `None` leaves them to what is below.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub hidden: Option<bool>,
}

impl RunProps {
    pub fn of(rpr: Option<&Node>) -> Self {
        let Some(rpr) = rpr else { return RunProps::default() };
        let flag = |name: &str| rpr.child(name).map(|n| is_on(n.attr("w:val")));
        let hidden = match (flag("w:vanish"), flag("w:webHidden")) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (a, b) => a.or(b),
        };
        RunProps { bold: flag("w:b"), italic: flag("w:i"), hidden }
    }

    /// Fills what this leaves unset from `below`.
    fn or(self, below: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(below.bold),
            italic: self.italic.or(below.italic),
            hidden: self.hidden.or(below.hidden),
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, Option<u8>)>,
    run: RunProps,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    map: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// Longer chains than this are a loop or a hostile file.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn parse(root: &Node) -> Styles {
        let mut styles = Styles::default();
        for s in root.elements().filter(|n| &*n.name == "w:style") {
            let Some(id) = s.attr("w:styleId") else { continue };
            let ppr = s.child("w:pPr");
            let style = Style {
                name: s.child_val("w:name").unwrap_or("").to_ascii_lowercase(),
                based_on: s.child_val("w:basedOn").map(str::to_owned),
                outline: ppr.and_then(|p| p.child_val("w:outlineLvl")).and_then(|v| v.parse().ok()),
                num: ppr.and_then(|p| p.child("w:numPr")).and_then(|n| {
                    let id = n.child_val("w:numId")?.to_owned();
                    Some((id, n.child_val("w:ilvl").and_then(|v| v.parse().ok())))
                }),
                run: RunProps::of(s.child("w:rPr")),
            };
            if s.attr("w:type") == Some("paragraph") && is_on(s.attr("w:default")) && s.attr("w:default").is_some() {
                styles.default_paragraph = Some(id.to_owned());
            }
            styles.map.insert(id.to_owned(), style);
        }
        styles
    }

    /// The style and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = (&'s str, &'s Style)> {
        let mut next = id.or(self.default_paragraph.as_deref());
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.map.get(id)?;
            next = style.based_on.as_deref().filter(|b| *b != id);
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The outline level (0 for a first-level heading) a paragraph style gives.
    pub fn outline(&self, id: Option<&str>) -> Option<u8> {
        for (id, style) in self.chain(id) {
            if let Some(level) = style.outline {
                return (level < 9).then_some(level);
            }
            if let Some(level) = builtin_heading(id).or_else(|| builtin_heading(&style.name)) {
                return Some(level);
            }
        }
        None
    }

    pub fn is_title(&self, id: Option<&str>) -> bool {
        id.is_some_and(|id| id.eq_ignore_ascii_case("title") || self.map.get(id).is_some_and(|s| s.name == "title"))
    }

    /// A paragraph of a table of contents (Word's `TOC1`, LibreOffice's `Contents1`) or its heading.
    pub fn is_toc(&self, id: Option<&str>) -> bool {
        let Some(id) = id else { return false };
        let name = self.map.get(id).map_or("", |s| s.name.as_str());
        let lower = id.to_ascii_lowercase();
        let toc = |s: &str| {
            ["toc", "contents", "toc ", "contents "].iter().any(|p| {
                s.strip_prefix(p).is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
            })
        };
        toc(&lower)
            || toc(name)
            || matches!(lower.as_str(), "tocheading" | "contentsheading")
            || matches!(name, "toc heading" | "contents heading")
    }

    /// The list a paragraph style puts its paragraphs in: its id, the numbering level and
    /// the nesting depth.
    pub fn num<'s>(&'s self, id: Option<&'s str>) -> Option<(&'s str, u8, u8)> {
        let (num, level) = self.chain(id).find_map(|(_, s)| s.num.as_ref().map(|(n, l)| (n.as_str(), *l)))?;
        // Word's "List Bullet 2" and its kind give their level by name and indent, with a
        // list of their own at level 0: the name is what says they are nested.
        let by_name = || {
            let style = self.map.get(id?)?;
            let rest = style.name.strip_prefix("list")?;
            let n: u8 = rest.rsplit(' ').next()?.parse().ok()?;
            (2..=9).contains(&n).then(|| n - 1)
        };
        let level = level.unwrap_or(0);
        Some((num, level, by_name().unwrap_or(level)))
    }

    /// Whether the style is `name` (pandoc's Author and Date), by id or name.
    pub fn is(&self, id: Option<&str>, name: &str) -> bool {
        id.is_some_and(|id| id.eq_ignore_ascii_case(name) || self.map.get(id).is_some_and(|s| s.name == name))
    }

    pub fn run(&self, id: Option<&str>) -> RunProps {
        self.chain(id).fold(RunProps::default(), |acc, (_, s)| acc.or(s.run))
    }

    /// A character style's run properties; no default style applies.
    pub fn char_run(&self, id: Option<&str>) -> RunProps {
        match id {
            Some(_) => self.run(id),
            None => RunProps::default(),
        }
    }
}

/// `Heading1`, `heading 1` → 0.
fn builtin_heading(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim_start();
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}
