//! `casebook serve`, run as an instructor would run it without the window: phones answer, a
//! signal ends it, the round is in the layer and the last line is its JSON.
#![allow(clippy::unwrap_used)] // a panic is the failure report

#[path = "support/phone.rs"]
mod phone;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use casebook_core::layer::Layer;
use casebook_core::plan::{Kind, Question};
use phone::Phone;

fn case_with_vote() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.md"), "---\ntitle: Votes\n---\n# Votes\n\nThe Council voted.\n").unwrap();
    let mut open = Question::new("q1", "Why?", 1);
    open.teaching_note = "PRIVATE".into();
    let mut vote = Question::new("q2", "Adopt the draft?", 1);
    vote.kind = Kind::Vote { options: vec!["Yes".into(), "No".into()], tally: vec![0, 0] };
    let layer = Layer { questions: vec![open, vote].into(), ..Layer::default() };
    std::fs::write(dir.path().join("instructor.casebook.json"), layer.to_json()).unwrap();
    dir
}

#[test]
fn serve_counts_answers_and_saves_the_round_on_a_signal() {
    for signal in ["-TERM", "-INT"] {
        let dir = case_with_vote();
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["serve", dir.path().to_str().unwrap(), "--question", "2", "--bind", "127.0.0.1", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let url = first.strip_prefix("listening on http://").unwrap_or_else(|| panic!("{first}"));
        let (addr, code) = url.split_once('/').unwrap();
        assert_eq!(code.len(), 7, "{first}");
        let addr = addr.parse().unwrap();
        let (mut a, mut b) = (Phone::new(addr), Phone::new(addr));
        for p in [&mut a, &mut b] {
            let state: serde_json::Value = serde_json::from_str(&p.get(&format!("/{code}/state")).body).unwrap();
            assert_eq!(state["question"]["text"], "Adopt the draft?");
        }
        assert_eq!(a.answer(code, r#"{"option":0}"#).status, 204);
        assert_eq!(b.answer(code, r#"{"option":0}"#).status, 204);
        assert_eq!(b.answer(code, r#"{"option":1}"#).status, 204);
        // The tally lines come as answers do.
        let mut seen = String::new();
        while !seen.contains(r#""count":1"#) || !seen.contains(r#""answers":2"#) {
            seen = lines.next().unwrap().unwrap();
            assert!(seen.starts_with("tally "), "{seen}");
        }
        let status = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let last = lines.last().unwrap().unwrap();
        let json: serde_json::Value = serde_json::from_str(&last).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"question": 2, "answers": 2,
                "tally": [{"option": "Yes", "count": 1}, {"option": "No", "count": 1}]}),
            "{signal}"
        );
        assert!(child.wait().unwrap().success());
        let saved: Layer =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("instructor.casebook.json")).unwrap())
                .unwrap();
        assert_eq!(saved.records.len(), 1, "the round is in the layer");
        let record = saved.records.iter().next().unwrap();
        assert_eq!((record.question.as_str(), record.answers), ("q2", 2));
        assert_eq!(record.summary(), "Yes 1, No 1 (2 answered)");
    }
}

#[test]
fn serve_refuses_a_question_the_plan_does_not_have() {
    let dir = case_with_vote();
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["serve", dir.path().to_str().unwrap(), "--question", "3", "--bind", "127.0.0.1", "--port", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no question 3: the plan has 2"));
}
