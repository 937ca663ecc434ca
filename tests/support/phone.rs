//! A phone for tests: plain HTTP/1.1 over a blocking socket, from any loopback address, with
//! the device cookie kept.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read as _, Write as _};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Duration;

use casebook::live::{Limits, Server};
use casebook_core::layer::Layer;
use casebook_core::live::{LiveQuestion, Room};
use casebook_core::shared::{Results, SharedLayer};

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends raw bytes and reads one reply (the server closes or sends Content-Length).
pub fn raw(server: SocketAddr, from: IpAddr, request: &[u8]) -> Reply {
    let socket = std::net::TcpStream::connect_timeout(&server, Duration::from_secs(5));
    let _ = from;
    let mut stream: TcpStream = socket.unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request).unwrap();
    read_reply(&mut stream)
}

pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let len = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                break;
            }
        }
    }
    let end = find(&buf, b"\r\n\r\n").unwrap_or(buf.len());
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let body = String::from_utf8_lossy(buf.get(end + 4..).unwrap_or_default()).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Reply { status, headers, body }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One phone: its address and its cookie.
pub struct Phone {
    pub server: SocketAddr,
    pub cookie: Option<String>,
}

impl Phone {
    pub fn new(server: SocketAddr) -> Self {
        Self { server, cookie: None }
    }

    pub fn request(&mut self, method: &str, path: &str, extra: &str, body: &str) -> Reply {
        let cookie = self.cookie.as_ref().map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{cookie}{extra}Content-Length: {}\r\n\r\n{body}",
            self.server,
            body.len()
        );
        let reply = raw(self.server, self.server.ip(), req.as_bytes());
        if let Some(c) = reply.header("set-cookie") {
            self.cookie = c.split(';').next().map(str::to_owned);
        }
        reply
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.request("GET", path, "", "")
    }

    pub fn answer(&mut self, code: &str, json: &str) -> Reply {
        self.request("POST", &format!("/{code}/answer"), "Content-Type: application/json\r\n", json)
    }
}

/// A server on loopback, port 0, showing question `id` of `layer`.
pub fn serve(layer: &Layer, id: &str, limits: Limits) -> Server {
    let mut room = Room::default();
    let shared = SharedLayer::new(layer, Results::Include);
    room.show(Some(LiveQuestion::new(&shared, shared.question(id).unwrap())), 1);
    let bind = [SocketAddr::from(([127, 0, 0, 1], 0))];
    Server::start(&bind, room, limits, Box::new(|_| {})).unwrap()
}

/// The answers counted for the question on show.
pub fn answers(server: &Server) -> usize {
    server.room().round().map_or(0, |r| r.answer_count())
}
