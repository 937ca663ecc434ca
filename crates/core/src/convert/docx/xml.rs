//! A small element tree of one XML part, built without recursion and within bounds: the
//! depth, the number of elements and the part's own size (capped when it was inflated) are
//! all that a part may make it cost. Entities other than the five XML ones and character
//! references are never expanded, so a DTD cannot multiply the text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Failure;

/// More elements than any real Word part holds, few enough that the tree stays in memory.
const MAX_ELEMENTS: usize = 4_000_000;

#[derive(Debug, Default)]
pub(super) struct Node {
    /// The qualified name as written, such as `w:p`: Word parts use the conventional prefixes.
    pub name: Box<str>,
    pub attrs: Vec<(Box<str>, Box<str>)>,
    pub children: Vec<Child>,
}

#[derive(Debug)]
pub(super) enum Child {
    Element(Node),
    Text(String),
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| &**k == name).map(|(_, v)| &**v)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|n| &*n.name == name)
    }

    /// `w:val` of a child, as Word writes most properties.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|n| n.attr("w:val"))
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            if let Child::Text(t) = c {
                out.push_str(t);
            }
        }
        out
    }

    /// The first element of this name anywhere below, searched without recursion.
    pub fn find(&self, name: &str) -> Option<&Node> {
        let mut stack: Vec<&Node> = vec![self];
        while let Some(node) = stack.pop() {
            for child in node.elements() {
                if &*child.name == name {
                    return Some(child);
                }
            }
            stack.extend(node.elements().collect::<Vec<_>>().into_iter().rev());
        }
        None
    }

    /// Local name, without its prefix.
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }
}

/// Whether a `w:val`-style on/off value says on; a missing value means on.
pub(super) fn is_on(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off" | "none"))
}

/// Parses a part into its root element.
pub(super) fn parse(bytes: &[u8], part: &str, max_depth: usize) -> Result<Node, Failure> {
    let text = decode(bytes);
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut stack: Vec<Node> = vec![Node { name: "#document".into(), ..Node::default() }];
    let mut elements = 0usize;
    let damaged = || Failure::Invalid(format!("this Word file is damaged: its part {part} is not well-formed XML"));
    loop {
        let event = reader.read_event().map_err(|_| damaged())?;
        match event {
            Event::Start(e) | Event::Empty(e) if stack.len() > max_depth => {
                let _ = e;
                return Err(Failure::Invalid(format!(
                    "this Word file nests its XML deeper than {max_depth} levels, which Casebook does not follow"
                )));
            }
            Event::Start(e) => {
                elements += 1;
                stack.push(element(&e));
            }
            Event::Empty(e) => {
                elements += 1;
                let node = element(&e);
                push_child(&mut stack, Child::Element(node));
            }
            Event::End(_) => {
                if stack.len() > 1
                    && let Some(node) = stack.pop()
                {
                    push_child(&mut stack, Child::Element(node));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                };
                // An entity a DTD declares is dropped, never expanded.
                if let Some(s) = resolved {
                    push_text(&mut stack, &s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if elements > MAX_ELEMENTS {
            return Err(Failure::Invalid(format!(
                "this Word file's part {part} holds more than {MAX_ELEMENTS} elements, more than Casebook reads"
            )));
        }
    }
    while stack.len() > 1 {
        if let Some(node) = stack.pop() {
            push_child(&mut stack, Child::Element(node));
        }
    }
    let document = stack.pop().unwrap_or_default();
    document
        .children
        .into_iter()
        .find_map(|c| match c {
            Child::Element(n) => Some(n),
            Child::Text(_) => None,
        })
        .ok_or_else(damaged)
}

fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |le: bool, rest: &[u8]| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn element(e: &BytesStart<'_>) -> Node {
    let mut attrs = Vec::new();
    for attr in e.attributes().with_checks(false).flatten() {
        let key: &str = attr.key.as_ref();
        // Revision ids and namespace declarations are most of a part's attributes and say
        // nothing Casebook uses.
        if key.starts_with("w:rsid") || key.starts_with("xmlns") || key.starts_with("w14:") {
            continue;
        }
        let value =
            quick_xml::escape::unescape(&attr.value).map(|v| v.into_owned()).unwrap_or_else(|_| attr.value.to_string());
        attrs.push((key.into(), value.into()));
    }
    Node { name: e.name().as_ref().into(), attrs, children: Vec::new() }
}

fn push_child(stack: &mut [Node], child: Child) {
    if let Some(top) = stack.last_mut() {
        top.children.push(child);
    }
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Child::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(Child::Text(text.to_owned()));
        }
    }
}
