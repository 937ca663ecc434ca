//! Every item of a layer by its key, so that editing, undo and merging are one mechanism for
//! every kind of item. A new kind of item is a new `Key` and `Value` variant, and the compiler
//! points at each place that must handle it.

use super::{Annotation, Answer, Color, Layer};
use crate::plan::{ClassRecord, Plan, Question};
use crate::timeline::{LayerEra, LayerEvent, TimelineTitle};

/// The parts of a layer that are shown in different places. Each has its own revision, so a
/// keystroke in a note rebuilds only what shows notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Annotations,
    Timeline,
    Plan,
    Answers,
}

/// Where an item is in a layer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Annotation(String),
    ColorName(Color),
    Event(String),
    Era(String),
    /// A suggested event dismissed, by its suggestion key.
    Dismissed(String),
    TimelineTitle,
    Question(String),
    /// The order of the questions, as their ids.
    QuestionOrder,
    Plan,
    /// A student's answer, by question id.
    Answer(String),
    /// A class record of a live round, by its id.
    Record(String),
}

/// An item's value. `None` where a value is expected means the item is absent.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Annotation(Box<Annotation>),
    ColorName(String),
    Event(Box<LayerEvent>),
    Era(Box<LayerEra>),
    Dismissed,
    TimelineTitle(TimelineTitle),
    Question(Box<Question>),
    QuestionOrder(Vec<String>),
    Plan(Box<Plan>),
    Answer(Answer),
    Record(Box<ClassRecord>),
}

impl Key {
    pub fn part(&self) -> Part {
        match self {
            Key::Annotation(_) | Key::ColorName(_) => Part::Annotations,
            Key::Event(_) | Key::Era(_) | Key::Dismissed(_) | Key::TimelineTitle => Part::Timeline,
            Key::Question(_) | Key::QuestionOrder | Key::Plan | Key::Record(_) => Part::Plan,
            Key::Answer(_) => Part::Answers,
        }
    }
}

impl Value {
    /// When the item last changed, for items that record it: in a merge the later edit wins.
    pub fn modified_unix_ms(&self) -> Option<u64> {
        match self {
            Value::Annotation(a) => Some(a.modified_unix_ms),
            Value::Event(e) => Some(e.modified_unix_ms),
            Value::Era(e) => Some(e.modified_unix_ms),
            Value::Question(q) => Some(q.modified_unix_ms),
            Value::Answer(a) => Some(a.modified_unix_ms),
            Value::Record(r) => Some(r.modified_unix_ms),
            Value::ColorName(_)
            | Value::Dismissed
            | Value::TimelineTitle(_)
            | Value::QuestionOrder(_)
            | Value::Plan(_) => None,
        }
    }

    /// The key of an item value that carries its own id.
    pub fn key(&self) -> Option<Key> {
        match self {
            Value::Annotation(a) => Some(Key::Annotation(a.id.clone())),
            Value::Event(e) => Some(Key::Event(e.event.id.clone())),
            Value::Era(e) => Some(Key::Era(e.id.clone())),
            Value::Question(q) => Some(Key::Question(q.id.clone())),
            Value::TimelineTitle(_) => Some(Key::TimelineTitle),
            Value::QuestionOrder(_) => Some(Key::QuestionOrder),
            Value::Plan(_) => Some(Key::Plan),
            Value::Record(r) => Some(Key::Record(r.id.clone())),
            Value::ColorName(_) | Value::Dismissed | Value::Answer(_) => None,
        }
    }
}

impl Layer {
    /// The item at `key`, if the layer has it.
    pub fn value(&self, key: &Key) -> Option<Value> {
        match key {
            Key::Annotation(id) => self.annotations.get(id).map(|a| Value::Annotation(Box::new(a.clone()))),
            Key::ColorName(c) => self.color_names.get(c).map(|n| Value::ColorName(n.clone())),
            Key::Event(id) => self.events.get(id).map(|e| Value::Event(Box::new(e.clone()))),
            Key::Era(id) => self.eras.get(id).map(|e| Value::Era(Box::new(e.clone()))),
            Key::Dismissed(k) => self.dismissed.contains(k).then_some(Value::Dismissed),
            Key::TimelineTitle => self.timeline_title.clone().map(Value::TimelineTitle),
            Key::Question(id) => self.questions.get(id).map(|q| Value::Question(Box::new(q.clone()))),
            Key::QuestionOrder => Some(Value::QuestionOrder(self.questions.ids())),
            Key::Plan => Some(Value::Plan(Box::new(self.plan.clone()))),
            Key::Answer(id) => self.answers.get(id).map(|a| Value::Answer(a.clone())),
            Key::Record(id) => self.records.get(id).map(|r| Value::Record(Box::new(r.clone()))),
        }
    }

    /// Puts in, replaces or (with `None`) removes the item at `key`. A value of another kind
    /// than the key is a mistake in the caller and changes nothing.
    pub fn set(&mut self, key: &Key, value: Option<Value>) {
        match (key, value) {
            (Key::Annotation(_), Some(Value::Annotation(a))) => {
                self.annotations.put(*a);
            }
            (Key::Annotation(id), None) => {
                self.annotations.remove(id);
            }
            (Key::ColorName(c), Some(Value::ColorName(name))) => {
                self.color_names.insert(*c, name);
            }
            (Key::ColorName(c), None) => {
                self.color_names.remove(c);
            }
            (Key::Event(_), Some(Value::Event(e))) => {
                self.events.put(*e);
            }
            (Key::Event(id), None) => {
                self.events.remove(id);
            }
            (Key::Era(_), Some(Value::Era(e))) => {
                self.eras.put(*e);
            }
            (Key::Era(id), None) => {
                self.eras.remove(id);
            }
            (Key::Dismissed(k), Some(Value::Dismissed)) => {
                self.dismissed.insert(k.clone());
            }
            (Key::Dismissed(k), None) => {
                self.dismissed.remove(k);
            }
            (Key::TimelineTitle, Some(Value::TimelineTitle(t))) => self.timeline_title = Some(t),
            (Key::TimelineTitle, None) => self.timeline_title = None,
            (Key::Question(_), Some(Value::Question(q))) => {
                self.questions.put(*q);
            }
            (Key::Question(id), None) => {
                self.questions.remove(id);
            }
            (Key::QuestionOrder, Some(Value::QuestionOrder(ids))) => self.questions.reorder(&ids),
            (Key::QuestionOrder, None) => {}
            (Key::Plan, Some(Value::Plan(p))) => self.plan = *p,
            (Key::Plan, None) => self.plan = Plan::default(),
            (Key::Answer(id), Some(Value::Answer(a))) => {
                self.answers.insert(id.clone(), a);
            }
            (Key::Answer(id), None) => {
                self.answers.remove(id);
            }
            (Key::Record(_), Some(Value::Record(r))) => {
                self.records.put(*r);
            }
            (Key::Record(id), None) => {
                self.records.remove(id);
            }
            (key, Some(value)) => debug_assert!(false, "{key:?} cannot hold {value:?}"),
        }
    }

    /// The keys of every item the layer holds, but the question order (which is not an item).
    pub fn keys(&self) -> Vec<Key> {
        let mut keys = Vec::new();
        keys.extend(self.annotations.iter().map(|a| Key::Annotation(a.id.clone())));
        keys.extend(self.color_names.keys().map(|c| Key::ColorName(*c)));
        keys.extend(self.events.iter().map(|e| Key::Event(e.event.id.clone())));
        keys.extend(self.eras.iter().map(|e| Key::Era(e.id.clone())));
        keys.extend(self.dismissed.iter().map(|k| Key::Dismissed(k.clone())));
        keys.extend(self.timeline_title.as_ref().map(|_| Key::TimelineTitle));
        keys.extend(self.questions.iter().map(|q| Key::Question(q.id.clone())));
        keys.push(Key::Plan);
        keys.extend(self.answers.keys().map(|id| Key::Answer(id.clone())));
        keys.extend(self.records.iter().map(|r| Key::Record(r.id.clone())));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{annotation, layer_event};

    #[test]
    fn every_key_reads_back_what_was_set() {
        let mut layer = Layer::default();
        let values = [
            Value::Annotation(Box::new(annotation("a", "note", 1))),
            Value::Event(Box::new(layer_event("e", "Event", 1))),
            Value::Question(Box::new(Question::new("q", "Why?", 1))),
            Value::TimelineTitle(TimelineTitle { headline: "T".into(), text: String::new(), kept: Default::default() }),
        ];
        for value in values {
            let key = value.key().unwrap();
            layer.set(&key, Some(value.clone()));
            assert_eq!(layer.value(&key), Some(value), "{key:?}");
            layer.set(&key, None);
            assert_eq!(layer.value(&key), None, "{key:?} removed");
        }
        let key = Key::ColorName(Color::Actor);
        layer.set(&key, Some(Value::ColorName("Person".into())));
        assert_eq!(layer.color_name(Color::Actor), "Person");
        let answer = Answer { text: "Because".into(), modified_unix_ms: 1 };
        layer.set(&Key::Answer("q".into()), Some(Value::Answer(answer.clone())));
        assert_eq!(layer.answers.get("q"), Some(&answer));
    }
}
