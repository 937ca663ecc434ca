//! The phone page in a real browser: Debian's headless Chromium at 390×844, driven through its
//! DevTools protocol over a pipe (`--remote-debugging-pipe`: no WebDriver, no network, no
//! extra crate). It opens the page, votes, changes the vote, and the room counts one answer.
//!
//! Skipped with a message where Chromium is missing, unless `CASEBOOK_REQUIRE_BROWSER` is set
//! (as CI sets it), where it fails.
#![allow(clippy::unwrap_used)] // a panic is the failure report

#[path = "support/phone.rs"]
mod phone;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use casebook::live::Limits;
use casebook_core::layer::Layer;
use casebook_core::live::Tally;
use casebook_core::plan::{Kind, Question};
use serde_json::{Value, json};

fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
    });
    if found.is_none() {
        let message = "Chromium is not installed (apt-get install chromium)";
        assert!(
            std::env::var_os("CASEBOOK_REQUIRE_BROWSER").is_none(),
            "{message}, and CASEBOOK_REQUIRE_BROWSER is set"
        );
        eprintln!("SKIPPED: {message}; the phone page was not tested in a browser");
    }
    found
}

/// Chromium's DevTools protocol over its pipe: messages of JSON, each ended by a NUL byte.
struct Browser {
    child: Child,
    to: ChildStdin,
    from: mpsc::Receiver<Value>,
    next: u64,
    session: Option<String>,
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &PathBuf) -> Self {
        let profile = tempfile::tempdir().unwrap();
        // The pipe is fds 3 (to Chromium) and 4 (from it); the shell puts ours there.
        let script = r#"exec "$0" --headless --no-sandbox --disable-gpu --remote-debugging-pipe --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
            --user-data-dir="$1" about:blank 3<&0 4>&1 </dev/null >/dev/null"#;
        let mut child = Command::new("sh")
            .args(["-c", script])
            .arg(binary)
            .arg(profile.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, from) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            while out.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        Self { child, to, from, next: 0, session: None, events: Vec::new(), _profile: profile }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if let Some(s) = &self.session {
            message["sessionId"] = json!(s);
        }
        self.to.write_all(message.to_string().as_bytes()).unwrap();
        self.to.write_all(&[0]).unwrap();
        self.to.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self.from.recv_timeout(left).unwrap_or_else(|_| panic!("{method}: no answer from Chromium"));
            if reply["id"] == json!(self.next) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    fn eval(&mut self, js: &str) -> Value {
        let r = self.call("Runtime.evaluate", json!({ "expression": js, "returnByValue": true }));
        r["result"]["value"].clone()
    }

    /// Waits until `js` is true in the page, for at most `secs`.
    fn until(&mut self, js: &str, secs: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if self.eval(js) == json!(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Taps the element `selector` finds, with the mouse at its centre, as a finger would.
    fn tap(&mut self, selector: &str) {
        let js = format!(
            "(() => {{ const r = document.querySelector({selector:?}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        );
        let at = self.eval(&js);
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            let event = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
            self.call("Input.dispatchMouseEvent", event);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn counts(server: &casebook::live::Server) -> (Vec<u32>, usize) {
    match server.room().round().map(|r| r.tally()) {
        Some(Tally::Options { counts, answers, .. }) => (counts, answers),
        _ => (Vec::new(), 0),
    }
}

#[test]
fn a_phone_votes_and_changes_its_vote_in_chromium() {
    let Some(binary) = chromium() else { return };
    let mut vote = Question::new("q1", "Should the Council **adopt** the draft?", 1);
    vote.kind =
        Kind::Vote { options: vec!["Adopt it".into(), "Veto it".into(), "<b>Abstain</b>".into()], tally: vec![0; 3] };
    let layer = Layer { questions: vec![vote].into(), ..Layer::default() };
    let server = phone::serve(&layer, "q1", Limits::default());
    let url = server.url();

    let mut b = Browser::launch(&binary);
    let targets = b.call("Target.createTarget", json!({ "url": "about:blank" }));
    let attached = b.call("Target.attachToTarget", json!({ "targetId": targets["targetId"], "flatten": true }));
    b.session = attached["sessionId"].as_str().map(str::to_owned);
    b.call("Runtime.enable", json!({}));
    b.call("Log.enable", json!({}));
    let metrics = json!({ "width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": true });
    b.call("Emulation.setDeviceMetricsOverride", metrics);
    b.call("Page.navigate", json!({ "url": url }));
    assert!(b.until("document.querySelectorAll('#answers button').length === 3", 15), "the options are shown");
    assert_eq!(b.eval("window.innerWidth"), json!(390));
    assert_eq!(b.eval("document.querySelector('#qtext').textContent"), json!("Should the Council adopt the draft?"));
    assert_eq!(
        b.eval("document.querySelectorAll('#answers button')[2].querySelector('.label').textContent"),
        json!("<b>Abstain</b>"),
        "markup from the plan is text on the phone"
    );
    assert_eq!(b.eval("document.querySelectorAll('#answers b').length"), json!(0));

    b.tap("#answers li:nth-child(1) button");
    assert!(
        b.until("document.querySelector('#answers li:nth-child(1) button').getAttribute('aria-pressed') === 'true'", 5)
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while counts(&server).1 == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(counts(&server), (vec![1, 0, 0], 1), "the vote is counted");

    b.tap("#answers li:nth-child(2) button");
    let deadline = Instant::now() + Duration::from_secs(5);
    while counts(&server).0 != [0, 1, 0] && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let page = b.eval(
        "document.querySelector('#status').textContent + ' | pressed: ' + Array.from(document.querySelectorAll('#answers button')).map(b => b.getAttribute('aria-pressed')).join(',')",
    );
    assert_eq!(counts(&server), (vec![0, 1, 0], 1), "changed, and counted once; the page says {page}");
    assert_eq!(b.eval("document.querySelectorAll('#answers button[aria-pressed=true]').length"), json!(1));

    // The page follows the room by itself: results revealed, then voting closed.
    server.room().set_revealed(true);
    assert!(b.until("!document.querySelector('#tally').hidden", 3), "results within a second or so");
    let shown = b.eval("document.querySelector('#tally').textContent").to_string();
    assert!(shown.contains("Veto it1") && shown.contains("Adopt it0"), "{shown}");
    server.room().set_open(false);
    assert!(b.until("!document.querySelector('#closed').hidden", 3), "Voting closed");
    assert!(b.until("document.querySelectorAll('#answers button:disabled').length === 3", 2));

    let errors: Vec<&Value> = b
        .events
        .iter()
        .filter(|e| {
            e["method"] == "Runtime.exceptionThrown"
                || (e["method"] == "Log.entryAdded" && e["params"]["entry"]["level"] == "error")
        })
        .collect();
    assert!(errors.is_empty(), "no script error and no policy violation: {errors:?}");
}
