//! The routes: the page and its three files, the state (a long poll) and answers, all under the
//! join code; everything else is a 404 that says nothing about the code. Each connection has
//! caps on its headers, body and life, and each address and device a rate.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook_core::live::{AnswerIn, DeviceId, Reject};
use http_body_util::{BodyExt as _, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

use super::{Shared, codes, lock};

/// Request bodies are at most this long.
pub const MAX_BODY: usize = 4096;

/// Scripts only from this server's files (no inline script, so no nonce is needed), styles
/// likewise, requests only to it, and the page can't be framed.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                       img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!("../../assets/live/index.html");
const APP_JS: &str = include_str!("../../assets/live/app.js");
const STYLE_CSS: &str = include_str!("../../assets/live/style.css");
const ICON_SVG: &str = include_str!("../../assets/live/icon.svg");

/// The page for a join code (from the code's own alphabet, so it needs no escaping).
pub fn page(code: &str) -> String {
    INDEX_HTML.replace("__CODE__", code)
}

pub async fn accept_loop(s: Arc<Shared>, listener: TcpListener) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(_) => {
                // Out of file descriptors and the like: wait rather than spin.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let ip = peer.ip().to_canonical();
        {
            let mut c = lock(&s.conns);
            let per_ip = c.1.get(&ip).copied().unwrap_or(0);
            if c.0 >= s.limits.max_conns || per_ip >= s.limits.max_conns_per_ip {
                continue; // dropping the stream closes it
            }
            c.0 += 1;
            *c.1.entry(ip).or_insert(0) += 1;
        }
        let _ = stream.set_nodelay(true);
        let s = s.clone();
        tokio::spawn(async move {
            let _guard = ConnGuard(s.clone(), ip);
            let limits = s.limits.clone();
            let svc = service_fn(move |req| {
                let s = s.clone();
                async move { Ok::<_, Infallible>(handle(&s, req, ip).await) }
            });
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_buf_size(16 * 1024)
                .max_headers(40)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), svc);
            let mut conn = std::pin::pin!(conn);
            if tokio::time::timeout(limits.conn_lifetime, conn.as_mut()).await.is_err() {
                // Let the request in flight (a long poll) finish, then close.
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(limits.long_poll + Duration::from_secs(5), conn).await;
            }
        });
    }
}

/// Counts a connection while it is open.
struct ConnGuard(Arc<Shared>, IpAddr);

impl Drop for ConnGuard {
    fn drop(&mut self) {
        let mut c = lock(&self.0.conns);
        c.0 = c.0.saturating_sub(1);
        if let Some(n) = c.1.get_mut(&self.1) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.1.remove(&self.1);
            }
        }
    }
}

type Resp = Response<Full<Bytes>>;

fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if !content_type.is_empty() {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    r
}

fn error(status: StatusCode, code: &str) -> Resp {
    respond(status, "application/json", format!("{{\"error\":\"{code}\"}}"))
}

fn too_many(retry: Duration) -> Resp {
    let mut r = error(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
    let secs = retry.as_secs_f64().ceil().max(1.0) as u64;
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    r
}

fn not_found() -> Resp {
    respond(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", "Not found")
}

fn status_of(reject: Reject) -> StatusCode {
    match reject {
        Reject::NoQuestion | Reject::Closed | Reject::SeatTaken => StatusCode::CONFLICT,
        Reject::TooManyDevices => StatusCode::SERVICE_UNAVAILABLE,
        Reject::WrongKind
        | Reject::UnknownOption
        | Reject::UnknownSeat
        | Reject::UnknownBallot
        | Reject::TooLong
        | Reject::Empty => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// Only IP literals and localhost: a page that rebinds its own domain name to this laptop
/// cannot talk to the server, even if it guessed the code.
fn host_ok(req: &Request<Incoming>) -> bool {
    let Some(host) = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

fn cookie_token(req: &Request<Incoming>) -> Option<[u8; 16]> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix("cb=").and_then(codes::parse_token))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    Page,
    Js,
    Css,
    Icon,
    State,
    Answer,
}

async fn handle(s: &Shared, req: Request<Incoming>, ip: IpAddr) -> Resp {
    if let Err(retry) = lock(&s.counters).per_ip.take(ip, Instant::now()) {
        return too_many(retry);
    }
    let path = req.uri().path();
    let trimmed = path.strip_prefix('/').unwrap_or("");
    let (code, rest) = match trimmed.split_once('/') {
        Some((c, r)) => (c, Some(r)),
        None => (trimmed, None),
    };
    if !codes::code_matches(code, &s.code) {
        return not_found();
    }
    if code != s.code {
        // Typed in lower case: the page moves to the canonical path, since the cookie's Path
        // and the page's own addresses are case-sensitive. Nothing else is served there.
        if rest.is_none() && req.method() == Method::GET {
            let mut r = respond(StatusCode::PERMANENT_REDIRECT, "", Bytes::new());
            if let Ok(to) = HeaderValue::from_str(&format!("/{}", s.code)) {
                r.headers_mut().insert(header::LOCATION, to);
            }
            return r;
        }
        return not_found();
    }
    if !host_ok(&req) {
        return respond(StatusCode::MISDIRECTED_REQUEST, "text/plain; charset=utf-8", "Misdirected request");
    }
    let route = match rest {
        None => Route::Page,
        Some("app.js") => Route::Js,
        Some("style.css") => Route::Css,
        Some("icon.svg") => Route::Icon,
        Some("state") => Route::State,
        Some("answer") => Route::Answer,
        Some(_) => return not_found(),
    };
    let html = "text/html; charset=utf-8";
    match (route, req.method()) {
        (Route::Page, &Method::GET | &Method::HEAD) => respond(StatusCode::OK, html, s.page.clone()),
        (Route::Js, &Method::GET) => respond(StatusCode::OK, "text/javascript; charset=utf-8", APP_JS),
        (Route::Css, &Method::GET) => respond(StatusCode::OK, "text/css; charset=utf-8", STYLE_CSS),
        (Route::Icon, &Method::GET) => respond(StatusCode::OK, "image/svg+xml", ICON_SVG),
        (Route::State, &Method::GET) => state(s, &req, ip).await,
        (Route::Answer, &Method::POST) => answer(s, req, ip).await,
        (route, _) => {
            let mut r = respond(StatusCode::METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "Method not allowed");
            let allow = if route == Route::Answer { "POST" } else { "GET" };
            r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
            r
        }
    }
}

/// The device of a request's cookie, or a new one with the cookie to set. The cookie is set
/// here, by the page's own fetch, never on the page itself: a page opened from another app's
/// link arrives without the SameSite=Strict cookie and must not get a second identity.
fn device_of(s: &Shared, req: &Request<Incoming>, ip: IpAddr) -> (Option<DeviceId>, Option<String>) {
    if let Some(d) = cookie_token(req).and_then(|t| lock(&s.room).device(&t)) {
        return (Some(d), None);
    }
    if lock(&s.counters).devices_per_ip.take(ip, Instant::now()).is_err() {
        return (None, None); // it can watch; answers will be refused
    }
    let Ok(token) = codes::device_token() else { return (None, None) };
    match lock(&s.room).new_device(token) {
        Ok(d) => {
            let cookie =
                format!("cb={}; Path=/{}; Max-Age=43200; HttpOnly; SameSite=Strict", codes::token_hex(&token), s.code);
            (Some(d), Some(cookie))
        }
        Err(_) => (None, None),
    }
}

async fn state(s: &Shared, req: &Request<Incoming>, ip: IpAddr) -> Resp {
    let (device, set_cookie) = device_of(s, req, ip);
    if let Some(d) = device {
        lock(&s.room).seen(d, casebook_core::layer::now_unix_ms());
    }
    let since: Option<u64> =
        req.uri().query().and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("v="))).and_then(|v| v.parse().ok());
    let mut rx = s.version.subscribe();
    if set_cookie.is_none() && since == Some(*rx.borrow_and_update()) {
        // Answers when what phones see changes, or after the long poll's time.
        let _ = tokio::time::timeout(s.limits.long_poll, rx.changed()).await;
    }
    let version = *s.version.borrow();
    let body = lock(&s.room).state_json(version, device).to_string();
    let mut r = respond(StatusCode::OK, "application/json", body);
    if let Some(cookie) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    r
}

async fn answer(s: &Shared, req: Request<Incoming>, ip: IpAddr) -> Resp {
    let headers = req.headers();
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json-only");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        if origin.to_str().ok() != Some(&format!("http://{host}")) {
            return error(StatusCode::FORBIDDEN, "cross-origin");
        }
    }
    let Some(device) = cookie_token(&req).and_then(|t| lock(&s.room).device(&t)) else {
        return error(StatusCode::FORBIDDEN, "no-device");
    };
    {
        let now = Instant::now();
        let mut c = lock(&s.counters);
        if let Err(retry) = c.answers_per_device.take(device, now) {
            return too_many(retry);
        }
        if let Err(retry) = c.answers_per_ip.take(ip, now) {
            return too_many(retry);
        }
    }
    let declared: Option<u64> =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        // hyper closes the connection rather than read the rest.
        return error(StatusCode::PAYLOAD_TOO_LARGE, "too-large");
    }
    let limited = Limited::new(req.into_body(), MAX_BODY).collect();
    let body = match tokio::time::timeout(s.limits.body_timeout, limited).await {
        Err(_) => return error(StatusCode::REQUEST_TIMEOUT, "slow-body"),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return error(StatusCode::PAYLOAD_TOO_LARGE, "too-large");
        }
        Ok(Err(_)) => return error(StatusCode::BAD_REQUEST, "bad-body"),
        Ok(Ok(b)) => b.to_bytes(),
    };
    let Ok(input) = serde_json::from_slice::<AnswerIn>(&body) else {
        return error(StatusCode::BAD_REQUEST, "bad-json");
    };
    match lock(&s.room).submit(device, &input) {
        Ok(()) => respond(StatusCode::NO_CONTENT, "", Bytes::new()),
        Err(r) => error(status_of(r), r.code()),
    }
}
