//! Hostile input, as an attacker with a shared case folder or a crafted import file would try
//! it, through the command line: nothing leaves the case folder, no export carries live
//! script, two writers lose nothing. The text-processing items (quadratic inputs, fuzzing) are
//! in `crates/core/tests/`.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Command;

fn casebook(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook")).args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A case folder `case/` in a temporary folder, with `case.md` holding `markdown`.
fn case(markdown: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("case.md"), markdown).unwrap();
    (dir, case)
}

/// Every byte of every file under `dir`.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.extend(std::fs::read(&path).unwrap());
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_case_folder_is_an_error_and_never_packed() {
    let (dir, case) = case("# Keys\n\n![k](k.png)\n\n![etc](etc/passwd)\n\n![env](env.png)\n");
    let secret = dir.path().join("id_rsa");
    std::fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY----- SECRET-KEY-BYTES").unwrap();
    std::os::unix::fs::symlink(&secret, case.join("k.png")).unwrap();
    std::os::unix::fs::symlink("/etc", case.join("etc")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", case.join("env.png")).unwrap();
    let (code, out, _) = casebook(&["check", s(&case)]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("outside the case folder").count(), 3, "{out}");

    let pack = dir.path().join("pack");
    let (code, _, err) = casebook(&["export", "--format", "pack", s(&case), "-o", s(&pack)]);
    assert_eq!(code, 0, "{err}");
    let packed = String::from_utf8_lossy(&all_bytes(&pack)).into_owned();
    assert!(!packed.contains("SECRET-KEY-BYTES"), "the key is in the pack");
    assert!(!packed.contains("root:"), "/etc/passwd is in the pack");
    assert!(!packed.contains("PATH="), "the environment is in the pack");
}

#[cfg(unix)]
#[test]
fn a_case_or_layer_that_is_a_link_elsewhere_is_refused() {
    let (dir, case) = case("# Votes\n");
    let outside = dir.path().join("elsewhere.md");
    std::fs::write(&outside, "# Not the case\n").unwrap();
    std::fs::remove_file(case.join("case.md")).unwrap();
    std::os::unix::fs::symlink(&outside, case.join("case.md")).unwrap();
    let (code, out, _) = casebook(&["check", s(&case)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("outside the case folder"), "{out}");

    let (_dir2, case) = self::case("# Votes\n");
    let layer = dir.path().join("someone-elses.json");
    std::fs::write(&layer, "{\"format\": \"casebook-layer\", \"version\": 2, \"annotations\": []}").unwrap();
    std::os::unix::fs::symlink(&layer, case.join("instructor.casebook.json")).unwrap();
    let (code, _, err) = casebook(&["export", "--format", "w3c", s(&case)]);
    assert_eq!(code, 1);
    assert!(err.contains("outside the case folder"), "{err}");
}

#[test]
fn images_are_size_checked_and_each_is_copied_once() {
    let refs: String = (0..5_000).map(|_| "![chart](chart.png)\n\n").collect();
    let (dir, case) = case(&format!("# Charts\n\n{refs}"));
    std::fs::write(case.join("chart.png"), vec![7u8; 100_000]).unwrap();
    let pack = dir.path().join("pack");
    let (code, _, err) = casebook(&["export", "--format", "pack", s(&case), "-o", s(&pack)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(4 files, nothing private)"), "one chart, once: {err}");
    let written: u64 = all_bytes(&pack).len() as u64;
    assert!(written < 250_000, "{written} bytes written for one 100 kB image");
}

#[test]
fn an_export_asks_before_replacing_and_never_writes_through_a_link() {
    let (dir, case) = case("# Votes\n\nText.\n");
    let out = dir.path().join("handout.md");
    std::fs::write(&out, "my own file").unwrap();
    let (code, _, err) = casebook(&["export", "--format", "handout-md", s(&case), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own file");
    let (code, _, err) = casebook(&["export", "--format", "handout-md", s(&case), "-o", s(&out), "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# Votes"));
    #[cfg(unix)]
    {
        let target = dir.path().join("bashrc");
        std::fs::write(&target, "untouched").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (code, _, err) = casebook(&["export", "--format", "handout-md", s(&case), "-o", s(&link), "--force"]);
        assert_eq!(code, 1);
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
    }
}

#[test]
fn exporting_writes_nothing_into_the_case_folder() {
    let (dir, case) = case("# Votes\n\nText.\n");
    std::fs::write(case.join("student.casebook.json"), "{\"format\": \"casebook-layer\", \"version\": 2}").unwrap();
    let before: Vec<_> = std::fs::read_dir(&case).unwrap().map(|e| e.unwrap().file_name()).collect();
    for format in ["notes-md", "handout-html", "teaching-note-md", "timelinejs", "w3c"] {
        let out = dir.path().join(format!("out-{format}"));
        let (code, _, err) = casebook(&["export", "--format", format, s(&case), "--layer", "student", "-o", s(&out)]);
        assert_eq!(code, 0, "{format}: {err}");
    }
    let after: Vec<_> = std::fs::read_dir(&case).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "an export wrote into the case folder");
}

/// A layer of the case with a hostile link or image in every field an export shows.
fn hostile_layer(text: &str) -> casebook_core::layer::Layer {
    use casebook_core::layer::{Color, Layer};
    use casebook_core::plan::{Kind, Plan, Question, Segment};
    use casebook_core::timeline::{Event, LayerEvent, PartialDate};
    let bad = "[x](javascript:alert(1)) [v](vbscript:msgbox) [d](data:text/html,x) ![](https://evil.example/p.gif) <img src=x onerror=alert(1)>";
    let mut a = casebook_core::testing::annotation_on("a", text, "Thirteen members");
    a.note = bad.to_owned();
    a.tags = vec!["<script>alert(1)</script>".into()];
    a.color = Color::Evidence;
    let mut q = Question::new("q", bad, 1);
    q.kind = Kind::Choice { options: vec![bad.into()] };
    q.segment = Some("s".into());
    let event = Event::new("e", PartialDate::year(2022), "[t](javascript:alert(1)) <script>alert(1)</script>");
    Layer {
        annotations: vec![a].into(),
        questions: vec![q].into(),
        events: vec![LayerEvent { event, hidden: false, created_unix_ms: 1, modified_unix_ms: 1, origin: None }].into(),
        plan: Plan {
            objectives: vec![bad.into()],
            segments: vec![Segment { id: "s".into(), title: bad.into(), minutes: 5, note: bad.into(), closing: false }],
            ..Plan::default()
        },
        ..Layer::default()
    }
}

#[test]
fn html_exports_carry_no_live_script_and_fetch_nothing() {
    let text = "Thirteen members voted `[code](javascript:alert(1))` for it.";
    let (dir, case) = case(&format!("---\ntitle: \"<script>alert(1)</script> [t](javascript:x)\"\n---\n{text}\n"));
    let doc = casebook_core::case::load(&case).unwrap().doc.text;
    let mut layer = hostile_layer(&doc);
    // A quote with a code span that holds a link: text, never Markdown.
    let start = doc.find("Thirteen").unwrap();
    layer.annotations.put(casebook_core::layer::Annotation::new(
        "code",
        casebook_core::anchor::Selector::from_range(
            &doc,
            &casebook_core::anchor::TextIndex::new(&doc),
            start..doc.len(),
        ),
        casebook_core::layer::Color::KeyFact,
        1,
    ));
    std::fs::write(case.join("instructor.casebook.json"), layer.to_json()).unwrap();
    for format in ["handout-html", "teaching-note-html"] {
        let out = dir.path().join(format!("{format}.html"));
        let (code, _, err) = casebook(&["export", "--format", format, s(&case), "-o", s(&out)]);
        assert_eq!(code, 0, "{err}");
        let html = std::fs::read_to_string(&out).unwrap();
        let lower = html.to_lowercase();
        for live in ["href=\"javascript", "href=\"vbscript", "href=\"data:", "<script", "<img", "src=\"http"] {
            assert!(!lower.contains(live), "{format} has {live}:\n{html}");
        }
        assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"), "{format}");
        assert!(html.contains("javascript:alert(1)"), "{format}: the words stay, as text");
    }
}

#[test]
fn concurrent_imports_lose_nothing() {
    let (dir, case) = case("# Votes\n\nThirteen members voted for the draft. China and Russia vetoed it.\n");
    let file = |n: usize| {
        let path = dir.path().join(format!("a{n}.json"));
        let json = serde_json::json!([{
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": format!("https://example.org/anno/{n}"),
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": format!("note {n}")},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Thirteen members"}}
        }]);
        std::fs::write(&path, json.to_string()).unwrap();
        path
    };
    let mut expected = 0;
    for round in 0..50 {
        let writers = 2 + round % 3;
        let children: Vec<_> = (0..writers)
            .map(|k| {
                let f = file(expected + k);
                Command::new(env!("CARGO_BIN_EXE_casebook"))
                    .args(["import", s(&case), s(&f)])
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        expected += writers;
        let layer = casebook_core::layer::store::load(&case.join("instructor.casebook.json")).unwrap().layer;
        assert_eq!(layer.annotations.len(), expected, "round {round}: imports were lost");
    }
}

#[test]
fn terminal_escapes_in_names_are_printed_as_text() {
    let (dir, _) = case("# Votes\n");
    let evil = dir.path().join("x\u{1b}[2K\rFAKE: all good");
    std::fs::create_dir(&evil).unwrap();
    std::fs::write(evil.join("case.md"), "---\ntimeline:\n  - date: nope\n    title: \"\u{1b}[31mred\"\n---\n# x\n")
        .unwrap();
    let (_, out, _) = casebook(&["check", s(&evil)]);
    assert!(!out.contains('\u{1b}') && !out.contains('\r'), "{out:?}");
    assert!(out.contains("\\u{1b}[2K\\rFAKE"), "{out}");
}

#[test]
fn a_layer_with_a_byte_order_mark_is_read() {
    let (_dir, case) = case("# Votes\n\nThirteen members voted.\n");
    let layer = casebook_core::layer::Layer {
        annotations: vec![casebook_core::testing::annotation_on("a", "Thirteen members voted.", "Thirteen")].into(),
        ..Default::default()
    };
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(layer.to_json().into_bytes());
    std::fs::write(case.join("instructor.casebook.json"), bytes).unwrap();
    let (code, out, err) = casebook(&["export", "--format", "w3c", s(&case)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Thirteen"), "{out}");
}

#[test]
fn a_pack_leaves_out_vote_results_unless_asked() {
    let (dir, case) = case(&format!("# Votes\n\n{}\n", casebook_core::testing::TEXT));
    std::fs::write(case.join("instructor.casebook.json"), casebook_core::testing::layer_with_secrets().to_json())
        .unwrap();
    let ballots = |pack: &Path| {
        let layer = casebook_core::layer::store::load(&pack.join("instructor.casebook.json")).unwrap().layer;
        layer.questions.iter().map(|q| q.options().iter().filter_map(|(_, n)| *n).sum::<u32>()).sum::<u32>()
    };
    let plain = dir.path().join("pack");
    assert_eq!(casebook(&["export", "--format", "pack", s(&case), "-o", s(&plain)]).0, 0);
    assert_eq!(ballots(&plain), 0, "no tallies or ballots before class");
    let with = dir.path().join("pack-with-results");
    assert_eq!(casebook(&["export", "--format", "pack", s(&case), "-o", s(&with), "--include-results"]).0, 0);
    assert_eq!(ballots(&with), 15, "the ballots when asked for");
}
