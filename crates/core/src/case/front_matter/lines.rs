//! The lines of a YAML front matter's fields and list items, for diagnostics.
//!
//! serde_yaml tells no positions, so they are read from the layout, in one pass: a top-level
//! field is a `key:` line with no indent; a list under it is `-` lines at one indent; an item's
//! fields are `key:` lines at the indent of its first field. Each field of the parsed tree takes
//! the line of the same occurrence of its key (the second `title:` line for the second `title`),
//! so keys written twice are told apart. What the layout does not show (a list written inline
//! as `[...]`, an item count that does not agree) gets no line, and the caller falls back to the
//! line of the field around it.

use std::collections::{HashMap, VecDeque};

use super::tree::{Entry, Kind, Node};

/// A key line of the layout: the key and its file line.
type KeyLine<'a> = (&'a str, usize);

/// A line that holds something: its file line, its indent and what follows the indent.
type Line<'a> = (usize, usize, &'a str);

/// One item of a block list: its `-` line and the key lines of its fields.
struct Item<'a> {
    line: usize,
    keys: Vec<KeyLine<'a>>,
}

/// Gives the fields of `root`, and the items of the lists it holds and their fields, the lines
/// they are written on. `first_line` is the file line of the first line of `source`.
pub(super) fn attach(root: &mut Node, source: &str, first_line: usize) {
    let lines: Vec<Line<'_>> = source
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let rest = l.trim_start_matches(' ');
            (first_line + i, l.len() - rest.len(), rest.trim_end())
        })
        .filter(|(_, _, rest)| !rest.is_empty() && !rest.starts_with('#'))
        .collect();
    // The top-level key lines, each with the lines of the block under it.
    let mut top: Vec<(KeyLine<'_>, &[Line<'_>])> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (line, indent, rest) = lines[i];
        let block_end = (i + 1..lines.len()).find(|&j| starts_field(lines[j])).unwrap_or(lines.len());
        if indent == 0
            && let Some(key) = key_of(rest)
        {
            top.push(((key, line), &lines[i + 1..block_end]));
        }
        i = block_end;
    }
    let Kind::Map(entries) = &mut root.kind else { return };
    let keys: Vec<KeyLine<'_>> = top.iter().map(|(k, _)| *k).collect();
    let blocks: Vec<&[Line<'_>]> = top.iter().map(|(_, b)| *b).collect();
    for (entry, at) in match_keys(entries, &keys) {
        entry.line = Some(keys[at].1);
        if let Kind::List(items) = &mut entry.value.kind {
            let found = list_items(blocks[at]);
            if found.len() == items.len() {
                for (node, item) in items.iter_mut().zip(found) {
                    node.line = Some(item.line);
                    if let Kind::Map(fields) = &mut node.kind {
                        for (field, k) in match_keys(fields, &item.keys) {
                            field.line = Some(item.keys[k].1);
                        }
                    }
                }
            }
        }
    }
}

/// Whether a layout line starts a new top-level field: no indent and not a list item (a list
/// may be written at the indent of its key).
fn starts_field((_, indent, rest): Line<'_>) -> bool {
    indent == 0 && !is_item(rest)
}

fn is_item(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// Pairs each entry with the key line of the same occurrence of its name.
fn match_keys<'e>(entries: &'e mut [Entry], keys: &[KeyLine<'_>]) -> Vec<(&'e mut Entry, usize)> {
    let mut out = Vec::with_capacity(entries.len());
    if keys.len() <= 16 {
        // An event's few fields: a scan costs less than a map.
        let mut used = [false; 16];
        for entry in entries.iter_mut() {
            let Some(name) = entry.key.as_deref() else { continue };
            if let Some(at) = (0..keys.len()).find(|&k| !used[k] && keys[k].0 == name) {
                used[at] = true;
                out.push((entry, at));
            }
        }
        return out;
    }
    // For each name, its key lines in order, taken one by one as entries of that name come.
    let mut lines_of: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (at, (name, _)) in keys.iter().enumerate() {
        lines_of.entry(name).or_default().push_back(at);
    }
    for entry in entries.iter_mut() {
        let Some(name) = entry.key.as_deref() else { continue };
        if let Some(at) = lines_of.get_mut(name).and_then(VecDeque::pop_front) {
            out.push((entry, at));
        }
    }
    out
}

/// The items of a block list, from the lines under its key.
fn list_items<'a>(block: &[Line<'a>]) -> Vec<Item<'a>> {
    let Some(&(_, item_indent, _)) = block.iter().find(|(_, _, rest)| is_item(rest)) else {
        return Vec::new();
    };
    let mut items: Vec<Item> = Vec::new();
    let mut field_indent = None;
    for &(line, indent, rest) in block {
        if indent == item_indent && is_item(rest) {
            let after = rest.get(1..).unwrap_or("");
            let content = after.trim_start_matches(' ');
            let mut keys = Vec::new();
            field_indent = None;
            if !content.is_empty() {
                field_indent = Some(indent + 1 + after.len() - content.len());
                keys.extend(key_of(content).map(|k| (k, line)));
            }
            items.push(Item { line, keys });
        } else if indent < item_indent {
            break;
        } else if let Some(item) = items.last_mut() {
            let at = *field_indent.get_or_insert(indent);
            if indent == at
                && let Some(key) = key_of(rest)
            {
                item.keys.push((key, line));
            }
        }
    }
    items
}

/// The key of a `key: value` line, plain or quoted; `None` for anything else.
fn key_of(rest: &str) -> Option<&str> {
    let (key, after) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let end = rest[1..].find(q)? + 1;
            (&rest[1..end], rest[end + 1..].trim_start())
        }
        c if "-?{[#&*!|>%@`:".contains(c) => return None,
        _ => {
            let colon = rest
                .match_indices(':')
                .map(|(i, _)| i)
                .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' '))?;
            (rest[..colon].trim_end(), &rest[colon..])
        }
    };
    let after = after.strip_prefix(':')?;
    (after.is_empty() || after.starts_with(' ')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_lines() {
        assert_eq!(key_of("title: A"), Some("title"));
        assert_eq!(key_of("title:"), Some("title"));
        assert_eq!(key_of("\"odd: key\": v"), Some("odd: key"));
        assert_eq!(key_of("url: http://x.org/a:b"), Some("url"));
        assert_eq!(key_of("- id: a"), None);
        assert_eq!(key_of("? [a, b]"), None);
        assert_eq!(key_of("just text"), None);
    }
}
