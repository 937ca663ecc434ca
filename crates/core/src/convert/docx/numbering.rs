//! Numbering: which paragraphs are list items, of what kind and with what number, as Word
//! counts them (lists sharing an abstract definition share counters unless one restarts).

use std::collections::HashMap;

use super::xml::Node;

#[derive(Clone, Debug)]
struct Level {
    format: String,
    start: i64,
}

#[derive(Debug)]
struct Num {
    abstract_id: String,
    levels: HashMap<u8, Level>,
    restarts: bool,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
}

/// What a list paragraph shows before its text.
#[derive(Debug, PartialEq)]
pub(super) enum Marker {
    Bullet,
    Number(i64),
}

fn levels(parent: &Node) -> HashMap<u8, Level> {
    let mut out = HashMap::new();
    for lvl in parent.elements().filter(|n| &*n.name == "w:lvl") {
        let Some(ilvl) = lvl.attr("w:ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
        let format = lvl.child_val("w:numFmt").unwrap_or("decimal").to_owned();
        let start = lvl.child_val("w:start").and_then(|v| v.parse().ok()).unwrap_or(1);
        out.insert(ilvl.min(8), Level { format, start });
    }
    out
}

impl Numbering {
    pub fn parse(root: &Node) -> Numbering {
        let mut numbering = Numbering::default();
        for node in root.elements() {
            match &*node.name {
                "w:abstractNum" => {
                    if let Some(id) = node.attr("w:abstractNumId") {
                        numbering.abstracts.insert(id.to_owned(), levels(node));
                    }
                }
                "w:num" => {
                    let (Some(id), Some(abstract_id)) = (node.attr("w:numId"), node.child_val("w:abstractNumId"))
                    else {
                        continue;
                    };
                    let mut num = Num { abstract_id: abstract_id.to_owned(), levels: HashMap::new(), restarts: false };
                    for over in node.elements().filter(|n| &*n.name == "w:lvlOverride") {
                        let Some(ilvl) = over.attr("w:ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
                        if let Some(start) = over.child_val("w:startOverride").and_then(|v| v.parse().ok()) {
                            num.restarts = true;
                            num.levels.insert(ilvl.min(8), Level { format: String::new(), start });
                        }
                        if let Some(lvl) = over.child("w:lvl") {
                            let format = lvl.child_val("w:numFmt").unwrap_or("").to_owned();
                            let start = lvl.child_val("w:start").and_then(|v| v.parse().ok());
                            let entry =
                                num.levels.entry(ilvl.min(8)).or_insert(Level { format: String::new(), start: 1 });
                            if !format.is_empty() {
                                entry.format = format;
                            }
                            if let Some(start) = start {
                                entry.start = start;
                                num.restarts = true;
                            }
                        }
                    }
                    numbering.nums.insert(id.to_owned(), num);
                }
                _ => {}
            }
        }
        numbering
    }

    /// The marker of the next item of list `num_id` at level `ilvl`, counting it; `None`
    /// when the paragraph is not a list item after all (number 0, a `none` format).
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<Marker> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        let base = self.abstracts.get(&num.abstract_id).and_then(|l| l.get(&ilvl));
        let over = num.levels.get(&ilvl);
        let format = over
            .map(|l| l.format.as_str())
            .filter(|f| !f.is_empty())
            .or(base.map(|l| l.format.as_str()))
            .unwrap_or("decimal");
        let start = over.or(base).map_or(1, |l| l.start);
        let key = if num.restarts { format!("n{num_id}") } else { format!("a{}", num.abstract_id) };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let value = counters[ilvl as usize].map_or(start, |v| v + 1);
        counters[ilvl as usize] = Some(value);
        for deeper in counters.iter_mut().skip(ilvl as usize + 1) {
            *deeper = None;
        }
        match format {
            "none" => None,
            "bullet" => Some(Marker::Bullet),
            _ => Some(Marker::Number(value)),
        }
    }
}
