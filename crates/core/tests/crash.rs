//! Crash safety of saves: a child process saves a growing layer in a loop and is killed with
//! SIGKILL at random moments, 200 times. After each kill the file must parse and hold one of
//! the last two states the child reported as saved.
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::io::{BufRead as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use casebook_core::anchor::{Selector, TextQuote};
use casebook_core::layer::store;
use casebook_core::layer::{Annotation, Color, Layer};

const CHILD_ENV: &str = "CASEBOOK_CRASH_CHILD_FILE";

fn annotation(i: usize) -> Annotation {
    Annotation {
        id: format!("a{i}"),
        target: Selector {
            quote: TextQuote { exact: format!("passage number {i} ").repeat(4), ..Default::default() },
            position: None,
        },
        color: Color::Evidence,
        note: "A note long enough to make each save take a little while. ".repeat(8),
        tags: vec!["crash".into()],
        private: false,
        created_unix_ms: i as u64,
        modified_unix_ms: i as u64,
        replies: Vec::new(),
        origin: None,
    }
}

/// The child: run only when the parent sets the variable, it saves forever.
#[test]
fn crash_child_saves_forever() {
    let Ok(file) = std::env::var(CHILD_ENV) else { return };
    let path = Path::new(&file);
    let mut base = store::load(path).expect("the file parses when the child starts");
    let mut stdout = std::io::stdout().lock();
    loop {
        let mut layer: Layer = base.layer.clone();
        let next = layer.annotations.len() + 1;
        layer.annotations.put(annotation(next));
        base = store::save(path, &base, &layer).expect("save");
        writeln!(stdout, "committed {next}").and_then(|()| stdout.flush()).expect("stdout");
    }
}

#[test]
fn killed_saves_leave_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::INSTRUCTOR_FILE);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut committed = 0;
    for round in 0..200 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_child_saves_forever", "--exact", "--nocapture", "--test-threads", "1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(2_000 + seed % 25_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        for line in stdout.lines().map_while(Result::ok) {
            // The test harness may print on the same line before the child's first report.
            if let Some((_, n)) = line.rsplit_once("committed ") {
                committed = n.parse().unwrap();
            }
        }
        if !path.exists() {
            assert_eq!(committed, 0, "round {round}: the file vanished");
            continue;
        }
        let on_disk = store::load(&path).unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"));
        let n = on_disk.layer.annotations.len();
        assert!(
            n == committed || n == committed + 1,
            "round {round}: {n} annotations on disk, {committed} reported saved"
        );
        committed = n;
    }
    assert!(committed > 20, "the child saved only {committed} times in 200 rounds");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    // The last child's temporary file may remain until the next save removes it.
    assert!(leftovers.len() <= 1, "temporary files pile up: {leftovers:?}");
}
