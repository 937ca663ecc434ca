//! Front matter read into a tree of our own, from YAML or TOML.
//!
//! Not `serde_json::Value`: it cannot hold an integer past 64 bits, a YAML `!tag` or a key that
//! is a list, and one such value in a field Casebook does not even read used to fail the whole
//! front matter. Here every value has a place: numbers are kept as written, a tag is looked
//! through to its value, a key that is not text is kept as "no name" and never matched, and a
//! key written twice is kept twice, for the caller to report.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

/// A value of the front matter, with the file line it is on where the parser tells it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    pub kind: Kind,
    pub line: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    Null,
    Bool(bool),
    /// A number or a TOML date, as text.
    Scalar(String),
    Text(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

/// A field: its name (none for a key that is not text), the line of its key where known, and
/// its value.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Entry {
    pub key: Option<String>,
    pub line: Option<usize>,
    pub value: Node,
}

impl Node {
    fn new(kind: Kind) -> Self {
        Self { kind, line: None }
    }

    /// The value of the first field named one of `names`, unless null.
    pub fn field(&self, names: &[&str]) -> Option<&Node> {
        self.entry(names).map(|e| &e.value)
    }

    /// The first field named one of `names` whose value is not null.
    pub fn entry(&self, names: &[&str]) -> Option<&Entry> {
        let Kind::Map(entries) = &self.kind else { return None };
        names
            .iter()
            .find_map(|n| entries.iter().find(|e| e.key.as_deref() == Some(n) && !matches!(e.value.kind, Kind::Null)))
    }

    /// Text from a scalar that authors may write as text, a number, a boolean or a TOML date.
    pub fn text(&self) -> Option<String> {
        match &self.kind {
            Kind::Text(s) => Some(s.trim().to_owned()),
            Kind::Scalar(s) => Some(s.clone()),
            Kind::Bool(b) => Some(b.to_string()),
            Kind::Null | Kind::List(_) | Kind::Map(_) => None,
        }
    }

    /// A list written as a list, or as one comma-separated string.
    pub fn list(&self) -> Vec<String> {
        match &self.kind {
            Kind::List(items) => items.iter().filter_map(Node::text).filter(|s| !s.is_empty()).collect(),
            _ => self
                .text()
                .map(|s| s.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect())
                .unwrap_or_default(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::new(Kind::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::new(Kind::Scalar(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::new(Kind::Scalar(v.to_string())))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::new(Kind::Scalar(v.to_string())))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::new(Kind::Scalar(v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::new(Kind::Scalar(v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::new(Kind::Text(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::new(Kind::Text(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        Ok(Node::new(Kind::Text(String::from_utf8_lossy(v).into_owned())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Kind::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::new(Kind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::new(Kind::List(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Node, Node>()? {
            // A key that is a list or a map names nothing Casebook reads.
            let key = match key.kind {
                Kind::Text(s) | Kind::Scalar(s) => Some(s),
                Kind::Bool(b) => Some(b.to_string()),
                Kind::Null | Kind::List(_) | Kind::Map(_) => None,
            };
            entries.push(Entry { key, line: None, value });
        }
        Ok(Node::new(Kind::Map(entries)))
    }

    /// serde_yaml hands a value with a `!tag` over as an enum whose variant is the tag: the tag
    /// is dropped and the value kept.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = data.variant()?;
        value.newtype_variant::<Node>()
    }
}

/// The tree of a TOML front matter, with the line of every key and value from the parser's
/// spans. Integers are kept as written, so one too large for 64 bits is text, not an error.
pub(super) fn from_toml(value: &toml::Spanned<toml::de::DeValue<'_>>, lines: &LineIndex) -> Node {
    use toml::de::DeValue;
    let kind = match value.get_ref() {
        DeValue::String(s) => Kind::Text(s.to_string()),
        DeValue::Integer(i) => Kind::Scalar(
            i64::from_str_radix(i.as_str(), i.radix()).map_or_else(|_| i.as_str().to_owned(), |n| n.to_string()),
        ),
        DeValue::Float(f) => Kind::Scalar(f.as_str().to_owned()),
        DeValue::Boolean(b) => Kind::Bool(*b),
        DeValue::Datetime(d) => Kind::Scalar(d.to_string()),
        DeValue::Array(items) => Kind::List(items.iter().map(|item| from_toml(item, lines)).collect()),
        DeValue::Table(table) => Kind::Map(toml_entries(table, lines)),
    };
    Node { kind, line: Some(lines.line_of(value.span().start)) }
}

/// The fields of a TOML table, in the order they are written (the parser keeps them sorted).
pub(super) fn toml_entries(table: &toml::de::DeTable<'_>, lines: &LineIndex) -> Vec<Entry> {
    let mut entries: Vec<(usize, Entry)> = table
        .iter()
        .map(|(key, value)| {
            let at = key.span().start;
            (
                at,
                Entry {
                    key: Some(key.get_ref().to_string()),
                    line: Some(lines.line_of(at)),
                    value: from_toml(value, lines),
                },
            )
        })
        .collect();
    entries.sort_by_key(|(at, _)| *at);
    entries.into_iter().map(|(_, e)| e).collect()
}

/// Byte offsets to file lines, by binary search over the starts of lines: one pass to build,
/// so that finding the lines of 50,000 events costs no more than reading them.
pub(super) struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    /// For `text`, whose first line is line `first_line` of the file.
    pub fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { starts, first_line }
    }

    /// The file line of a byte offset of the text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1) + self.first_line
    }
}
