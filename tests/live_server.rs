//! The room server over real sockets on loopback: the paths, the headers on every response,
//! nothing private in any body, and every kind of bad input refused with a 4xx and no change.
#![allow(clippy::unwrap_used)] // a panic is the failure report

#[path = "support/phone.rs"]
mod phone;

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use casebook::live::Limits;
use casebook_core::layer::Layer;
use casebook_core::plan::{Kind, Question};
use casebook_core::testing::{SECRETS, layer_with_secrets};
use phone::{Phone, answers, serve};

fn with_vote() -> Layer {
    let mut layer = layer_with_secrets();
    let mut vote = Question::new("q3", "Sanctions now?", 1);
    vote.kind = Kind::Vote { options: vec!["Yes".into(), "No".into()], tally: vec![40, 2] };
    vote.teaching_note = "SECRET-TEACHING-NOTE".into();
    layer.questions.put(vote);
    layer
}

#[test]
fn only_the_code_opens_anything_and_a_wrong_one_says_nothing() {
    let server = serve(&with_vote(), "q3", Limits::default());
    let code = server.code().to_owned();
    let mut phone = Phone::new(server.addr());
    let not_found = phone.get("/ZZZZZZZ/state");
    assert_eq!(not_found.status, 404);
    for path in ["/", "/favicon.ico", "/ZZZZZZZ", "/ZZZZZZZ/answer", &format!("/{code}/"), &format!("/{code}/x")] {
        let r = phone.get(path);
        assert_eq!((r.status, r.body.as_str()), (404, not_found.body.as_str()), "{path}");
    }
    assert_eq!(phone.get(&format!("/{}", code.to_lowercase())).status, 308, "typed in lower case");
    assert_eq!(phone.get(&format!("/{code}")).status, 200);
    assert_eq!(phone.request("DELETE", &format!("/{code}/state"), "", "").status, 405);
}

#[test]
fn every_response_has_the_policy_and_nothing_private() {
    let server = serve(&with_vote(), "q3", Limits::default());
    let code = server.code().to_owned();
    let layer = with_vote();
    let shared = casebook_core::shared::SharedLayer::new(&layer, casebook_core::shared::Results::Include);
    let mut phone = Phone::new(server.addr());
    let mut bodies = Vec::new();
    for id in ["q1", "q2", "q3"] {
        let q = casebook_core::live::LiveQuestion::new(&shared, shared.question(id).unwrap());
        server.room().show(Some(q), 1);
        server.room().set_revealed(true);
        for path in ["", "/app.js", "/style.css", "/icon.svg", "/state", "/nope"] {
            bodies.push(phone.get(&format!("/{code}{path}")));
        }
        bodies.push(phone.answer(&code, r#"{"text":"<b>hi</b>"}"#));
        bodies.push(phone.answer(&code, "{oops"));
    }
    for r in &bodies {
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        for secret in SECRETS {
            assert!(!r.body.contains(secret), "{secret} reaches a phone: {}", r.body);
        }
    }
    let page = &bodies[0].body;
    assert!(page.matches("<script").count() == 1 && page.contains("<script src="), "no inline script");
    assert!(!page.contains(" on") || !page.contains("onclick"), "no inline handlers");
    let js = &bodies[1].body;
    for html_sink in [".innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
        assert!(!js.contains(html_sink), "{html_sink}: text goes in as text");
    }
    assert!(js.contains("textContent"));
    let total: usize = bodies[..4].iter().map(|r| r.body.len()).sum();
    assert!(total < 50 * 1024, "the page is {total} bytes");
}

#[test]
fn bad_answers_get_a_4xx_and_change_nothing() {
    let server = serve(&with_vote(), "q3", Limits::default());
    let code = server.code().to_owned();
    let mut phone = Phone::new(server.addr());
    let state = phone.get(&format!("/{code}/state"));
    assert!(phone.cookie.is_some(), "the state sets the device cookie: {:?}", state.headers);
    let cookie = state.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let answer = format!("/{code}/answer");
    let json = "Content-Type: application/json\r\n";
    let cases: Vec<(u16, Phone, String, String)> = vec![
        (
            415,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            String::new(),
            r#"{"option":0}"#.into(),
        ),
        (400, Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) }, json.into(), "{oops".into()),
        (
            400,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            json.into(),
            r#"{"option":-1}"#.into(),
        ),
        (
            400,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            json.into(),
            r#"{"option":0,"x":1}"#.into(),
        ),
        (
            422,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            json.into(),
            r#"{"option":2}"#.into(),
        ),
        (
            422,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            json.into(),
            r#"{"text":"hi"}"#.into(),
        ),
        (
            413,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            json.into(),
            format!(r#"{{"name":"{}"}}"#, "x".repeat(5000)),
        ),
        (403, Phone::new(server.addr()), json.into(), r#"{"option":0}"#.into()),
        (
            403,
            Phone { cookie: phone.cookie.clone(), ..Phone::new(server.addr()) },
            format!("{json}Origin: http://evil.example\r\n"),
            r#"{"option":0}"#.into(),
        ),
    ];
    for (status, mut p, extra, body) in cases {
        let r = p.request("POST", &answer, &extra, &body);
        assert_eq!(r.status, status, "{extra} {body}: {}", r.body);
        assert_eq!(answers(&server), 0, "nothing counted for {body}");
    }
    // A declared body of a terabyte is refused before a byte of it is read.
    let cookie = phone.cookie.clone().unwrap();
    let head = format!(
        "POST {answer} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n{json}Content-Length: 1000000000000\r\n\r\n",
        server.addr()
    );
    assert_eq!(phone::raw(server.addr(), server.addr().ip(), head.as_bytes()).status, 413);
    // A name that a rebinding domain uses is misdirected.
    let evil = format!("GET /{code}/state HTTP/1.1\r\nHost: casebook.evil.example\r\n\r\n");
    assert_eq!(phone::raw(server.addr(), server.addr().ip(), evil.as_bytes()).status, 421);
    // Refused answers still count against the device's rate: a second phone answers.
    let mut good = Phone::new(server.addr());
    good.get(&format!("/{code}/state"));
    assert_eq!(good.answer(&code, r#"{"option":1}"#).status, 204);
    assert_eq!(good.answer(&code, r#"{"option":0}"#).status, 204);
    assert_eq!(answers(&server), 1, "a device's new answer replaces its old one");
    server.room().set_open(false);
    assert_eq!(good.answer(&code, r#"{"option":1}"#).status, 409, "voting closed");
}

#[test]
fn a_seat_someone_holds_and_an_oversized_text_are_refused() {
    let layer = with_vote();
    let server = serve(&layer, "q2", Limits::default());
    let code = server.code().to_owned();
    let (mut a, mut b) = (Phone::new(server.addr()), Phone::new(server.addr()));
    a.get(&format!("/{code}/state"));
    b.get(&format!("/{code}/state"));
    assert_eq!(a.answer(&code, r#"{"seat":"China","ballot":"no"}"#).status, 204);
    assert_eq!(b.answer(&code, r#"{"seat":"China","ballot":"yes"}"#).status, 409);
    assert_eq!(b.answer(&code, r#"{"seat":"China","ballot":"maybe"}"#).status, 400);
    assert_eq!(answers(&server), 1);
    let state: serde_json::Value = serde_json::from_str(&b.get(&format!("/{code}/state")).body).unwrap();
    assert_eq!(state["question"]["seats"][0]["taken"], true);
    drop(server);
    let server = serve(&layer, "q1", Limits::default());
    let code = server.code().to_owned();
    let mut c = Phone::new(server.addr());
    c.get(&format!("/{code}/state"));
    let long = format!(r#"{{"text":"{}"}}"#, "é".repeat(501));
    assert_eq!(c.answer(&code, &long).status, 422);
    assert_eq!(answers(&server), 0);
    let fits = format!(r#"{{"text":"{}"}}"#, "é".repeat(500));
    assert_eq!(c.answer(&code, &fits).status, 204, "500 characters, 1000 bytes");
}

#[test]
fn floods_from_one_device_or_one_address_are_limited() {
    let limits = Limits {
        answers_per_device: casebook::live::Rate { burst: 3.0, per_sec: 0.1 },
        answers_per_ip: casebook::live::Rate { burst: 5.0, per_sec: 0.1 },
        ..Limits::default()
    };
    let server = serve(&with_vote(), "q3", limits);
    let code = server.code().to_owned();
    let mut a = Phone::new(server.addr());
    a.get(&format!("/{code}/state"));
    let statuses: Vec<u16> = (0..5).map(|i| a.answer(&code, &format!(r#"{{"option":{}}}"#, i % 2)).status).collect();
    assert_eq!(statuses, [204, 204, 204, 429, 429], "per device");
    assert_eq!(server.room().round().unwrap().tally().bars()[0].1, 1, "the last counted answer stands");
    let mut b = Phone::new(server.addr());
    b.get(&format!("/{code}/state"));
    let statuses: Vec<u16> = (0..3).map(|_| b.answer(&code, r#"{"option":1}"#).status).collect();
    assert_eq!(statuses, [204, 204, 429], "per address: 5 in all");
    assert_eq!(answers(&server), 2);
    // New devices from one address: 4, then none for a while.
    let cookies: Vec<bool> = (0..4)
        .map(|_| {
            let mut p = Phone::new(server.addr());
            p.get(&format!("/{code}/state"));
            p.cookie.is_some()
        })
        .collect();
    assert_eq!(cookies, [true, true, false, false], "two were made above");
    // Every request, by address.
    let limits = Limits { requests_per_ip: casebook::live::Rate { burst: 10.0, per_sec: 0.1 }, ..Limits::default() };
    let server = serve(&with_vote(), "q3", limits);
    let mut p = Phone::new(server.addr());
    let statuses: Vec<u16> = (0..12).map(|_| p.get("/ZZZZZZZ").status).collect();
    assert_eq!(&statuses[9..], [404, 429, 429]);
}

#[test]
fn slow_and_silent_connections_are_closed() {
    let limits =
        Limits { header_timeout: Duration::from_secs(1), body_timeout: Duration::from_secs(1), ..Limits::default() };
    let server = serve(&with_vote(), "q3", limits);
    let code = server.code().to_owned();
    let mut setup = Phone::new(server.addr());
    setup.get(&format!("/{code}/state"));
    let cookie = setup.cookie.unwrap();
    // Connects and says nothing (or left without a FIN): closed after the header timeout.
    let started = Instant::now();
    let mut silent = std::net::TcpStream::connect(server.addr()).unwrap();
    silent.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 64];
    let _ = silent.read(&mut buf);
    assert!(started.elapsed() < Duration::from_secs(5), "closed after {:?}", started.elapsed());
    // Sends half its headers, a byte a while.
    let started = Instant::now();
    let mut slow = std::net::TcpStream::connect(server.addr()).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = slow.write_all(b"GET / HTTP/1.1\r\nHo");
    let _ = slow.read(&mut buf);
    assert!(started.elapsed() < Duration::from_secs(5), "slow headers closed after {:?}", started.elapsed());
    // Promises a body and sends a byte of it.
    let mut slow_body = std::net::TcpStream::connect(server.addr()).unwrap();
    slow_body.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let head = format!(
        "POST /{code}/answer HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{{",
        server.addr()
    );
    slow_body.write_all(head.as_bytes()).unwrap();
    let reply = phone::read_reply(&mut slow_body);
    assert_eq!(reply.status, 408);
    // Meanwhile everyone else was served.
    assert_eq!(Phone::new(server.addr()).get(&format!("/{code}")).status, 200);
    assert_eq!(answers(&server), 0);
}

#[test]
fn stopping_closes_the_port() {
    let server = serve(&with_vote(), "q3", Limits::default());
    let addr = server.addr();
    assert!(std::net::TcpStream::connect(addr).is_ok());
    server.stop();
    assert!(std::net::TcpStream::connect(addr).is_err(), "nothing listens after Stop");
}
