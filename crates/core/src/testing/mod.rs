//! Builders for tests, here and in the app's tests: annotations, events, layers and cases in
//! temporary folders, and a layer with private text in every private place.
#![allow(clippy::unwrap_used)] // a panic in a test helper is the test's failure report

pub mod hostile;

use std::path::{Path, PathBuf};

use crate::anchor::{Selector, TextIndex, TextQuote};
use crate::case::Case;
use crate::layer::{Annotation, Color, Layer};
use crate::plan::unsc::{Ballot, CouncilVote};
use crate::plan::{Kind, Plan, Question, Segment};
use crate::timeline::{Event, LayerEvent, PartialDate};

/// An annotation on the made-up quote "quote ID", with a note, last changed at `modified`.
pub fn annotation(id: &str, note: &str, modified: u64) -> Annotation {
    let target = Selector { quote: TextQuote { exact: format!("quote {id}"), ..Default::default() }, position: None };
    Annotation { note: note.into(), modified_unix_ms: modified, ..Annotation::new(id, target, Color::KeyFact, 1) }
}

/// An annotation on the first occurrence of `quote` in `text`.
pub fn annotation_on(id: &str, text: &str, quote: &str) -> Annotation {
    Annotation::new(id, select(text, quote), Color::Actor, 1)
}

/// The selector of the first occurrence of `quote` in `text`.
pub fn select(text: &str, quote: &str) -> Selector {
    let start = text.find(quote).unwrap_or_else(|| panic!("{quote:?} is not in the text"));
    Selector::from_range(text, &TextIndex::new(text), start..start + quote.len())
}

/// A layer event on 26 May 2022.
pub fn layer_event(id: &str, title: &str, modified: u64) -> LayerEvent {
    LayerEvent {
        event: Event::new(id, PartialDate::ymd(2022, 5, 26), title),
        hidden: false,
        created_unix_ms: 1,
        modified_unix_ms: modified,
        origin: None,
    }
}

/// A case folder in a temporary directory; the folder lives as long as this value.
pub struct TempCase {
    pub dir: tempfile::TempDir,
    pub case: Case,
}

impl TempCase {
    /// A case folder `case/` whose `case.md` is `markdown`.
    pub fn new(markdown: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let case_dir = dir.path().join("case");
        std::fs::create_dir(&case_dir).unwrap();
        std::fs::write(case_dir.join(crate::case::CASE_FILE), markdown).unwrap();
        let case = crate::case::load(&case_dir.join(crate::case::CASE_FILE)).unwrap();
        Self { dir, case }
    }

    /// The same, with an instructor layer beside it.
    pub fn with_layer(markdown: &str, layer: &Layer) -> Self {
        let made = Self::new(markdown);
        std::fs::write(made.instructor_path(), layer.to_json()).unwrap();
        made
    }

    pub fn file(&self) -> &Path {
        &self.case.path
    }

    pub fn folder(&self) -> &Path {
        &self.case.dir
    }

    pub fn instructor_path(&self) -> PathBuf {
        crate::layer::store::instructor_path(&self.case.path)
    }
}

/// The text that [`layer_with_secrets`] marks up.
pub const TEXT: &str = "Thirteen members voted for the draft. China and Russia vetoed it. The Assembly met.";

/// The private texts of [`layer_with_secrets`]: none may reach a student, a slide or a phone.
pub const SECRETS: [&str; 7] = [
    "SECRET-TEACHING-NOTE",
    "SECRET-SEGMENT-NOTE",
    "SECRET-ANNOTATION",
    "SECRET-HIGHLIGHT",
    "SECRET-DISMISSAL",
    "SECRET-TEXT-ANSWER",
    "SECRET-STUDENT-NAME",
];

/// A layer over [`TEXT`] with something private in every place a private thing can be, a
/// shared highlight, a planned open question and a Security Council vote as cast in May 2022.
pub fn layer_with_secrets() -> Layer {
    let plan = Plan {
        objectives: vec!["Explain the veto".into()],
        class_minutes: 80,
        segments: vec![Segment {
            id: "s1".into(),
            title: "The vote".into(),
            minutes: 30,
            note: "SECRET-SEGMENT-NOTE".into(),
            closing: false,
        }],
    };
    let mut open = Question::new("q1", "Why did the draft fail?", 1);
    open.segment = Some("s1".into());
    open.teaching_note = "SECRET-TEACHING-NOTE".into();
    open.passages = vec![select(TEXT, "China and Russia vetoed it")];
    let mut vote = Question::new("q2", "Vote on the draft", 1);
    vote.segment = Some("s1".into());
    let mut council = CouncilVote::default();
    let members: Vec<String> = council.members().map(|(m, _)| m.to_owned()).collect();
    for m in members {
        let ballot = if m == "China" || m == "Russia" { Ballot::No } else { Ballot::Yes };
        council.ballots.insert(m, ballot);
    }
    vote.kind = Kind::CouncilVote(council);
    vote.teaching_note = "SECRET-TEACHING-NOTE".into();
    let mut private = Annotation::new("a1", select(TEXT, "China and Russia vetoed it"), Color::Question, 1);
    private.private = true;
    private.note = "SECRET-ANNOTATION".into();
    let mut shared = Annotation::new("a2", select(TEXT, "Thirteen members voted"), Color::Evidence, 1);
    shared.note = "Count the votes.".into();
    let mut private_plain = Annotation::new("a3", select(TEXT, "The Assembly met"), Color::Actor, 1);
    private_plain.private = true;
    private_plain.note = "SECRET-HIGHLIGHT".into();
    let mut layer = Layer {
        plan,
        questions: vec![open, vote].into(),
        annotations: vec![private, shared, private_plain].into(),
        ..Layer::default()
    };
    layer.dismissed.insert("SECRET-DISMISSAL".into());
    // A class record of the open question, with a student's answer and name.
    layer.records.put(crate::plan::ClassRecord {
        id: "r1".into(),
        question: "q1".into(),
        text: "Why did the draft fail?".into(),
        kind: "open".into(),
        held_unix_ms: 1_796_212_800_000,
        answers: 1,
        options: Vec::new(),
        council: None,
        texts: vec![crate::plan::record::TextAnswer {
            text: "SECRET-TEXT-ANSWER".into(),
            name: Some("SECRET-STUDENT-NAME".into()),
        }],
        created_unix_ms: 1,
        modified_unix_ms: 1,
    });
    layer
}

/// The folder of the project, where `cases/` is.
pub fn project_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A folder of the real files others wrote in `../shared/corpus/`, beside the checkout and not
/// copied into it. Where it is absent the test says so and is skipped, unless
/// `CASEBOOK_REQUIRE_CORPUS` is set (as CI sets it), where the test fails.
pub fn corpus_dir(name: &str) -> Option<PathBuf> {
    let dir = project_dir().join("../shared/corpus").join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!("the corpus is absent at {}", dir.display());
    assert!(std::env::var_os("CASEBOOK_REQUIRE_CORPUS").is_none(), "{message}, and CASEBOOK_REQUIRE_CORPUS is set");
    eprintln!("SKIPPED: {message}; nothing was checked");
    None
}
