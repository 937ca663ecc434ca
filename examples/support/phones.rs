//! A classroom of simulated phones on loopback, for `live_bench` and `tests/live_load.rs`: each
//! phone from its own address (127.1.x.y; Linux lets a socket bind any 127/8 address) joins,
//! answers, and then changes its answer once, over HTTP/1.1 with keep-alive. Bounded: a fixed
//! number of phones and requests, every wait with a timeout, and only the server it started.
#![allow(dead_code, clippy::unwrap_used, clippy::print_stdout)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casebook::live::{Limits, Server};
use casebook_core::live::{LiveKind, LiveQuestion, Room, Tally};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpSocket, TcpStream};

const OPTIONS: usize = 3;
const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Report {
    pub phones: usize,
    pub lost: usize,
    pub doubled: usize,
    pub errors: Vec<String>,
    /// Every request's time, sorted.
    pub latencies: Vec<Duration>,
    /// From the start until the last phone's first answer was counted.
    pub all_answered: Duration,
    pub counts: Vec<u32>,
}

impl Report {
    pub fn percentile_ms(&self, p: f64) -> f64 {
        let v = &self.latencies;
        if v.is_empty() {
            return 0.0;
        }
        v[((v.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
    }
}

struct Conn {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    async fn open(from: IpAddr, server: SocketAddr) -> std::io::Result<Self> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(from, 0))?;
        let stream = socket.connect(server).await?;
        stream.set_nodelay(true)?;
        Ok(Self { stream: BufReader::new(stream), host: server.to_string() })
    }

    /// One request; the status, the cookie set and the body.
    async fn request(
        &mut self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: &str,
    ) -> std::io::Result<(u16, Option<String>, Vec<u8>)> {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if let Some(c) = cookie {
            req += &format!("Cookie: {c}\r\n");
        }
        if !body.is_empty() {
            req += &format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len());
        }
        req += "\r\n";
        req += body;
        self.stream.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
        let (mut len, mut cookie) = (0usize, None);
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap_or((l, ""));
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            } else if k.eq_ignore_ascii_case("set-cookie") {
                cookie = v.trim().split(';').next().map(str::to_owned);
            }
        }
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body).await?;
        Ok((status, cookie, body))
    }
}

fn address(i: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8))
}

#[derive(Default)]
struct Shared {
    latencies: Vec<Duration>,
    errors: Vec<String>,
    /// Each phone's last answer that was accepted.
    finals: Vec<Option<usize>>,
}

async fn timed(
    conn: &mut Conn,
    shared: &Mutex<Shared>,
    what: (&str, &str),
    cookie: Option<&str>,
    body: &str,
) -> Option<(u16, Option<String>)> {
    let t0 = Instant::now();
    match tokio::time::timeout(TIMEOUT, conn.request(what.0, what.1, cookie, body)).await {
        Ok(Ok((status, set, _))) => {
            shared.lock().unwrap().latencies.push(t0.elapsed());
            Some((status, set))
        }
        Ok(Err(e)) => {
            shared.lock().unwrap().errors.push(format!("{} {}: {e}", what.0, what.1));
            None
        }
        Err(_) => {
            shared.lock().unwrap().errors.push(format!("{} {}: timed out", what.0, what.1));
            None
        }
    }
}

async fn phone(i: usize, server: SocketAddr, code: String, shared: Arc<Mutex<Shared>>, change_at: Instant) {
    let Ok(mut conn) = Conn::open(address(i), server).await else {
        shared.lock().unwrap().errors.push(format!("phone {i}: cannot connect from {}", address(i)));
        return;
    };
    let state = format!("/{code}/state");
    let Some((200, Some(cookie))) = timed(&mut conn, &shared, ("GET", &state), None, "").await else {
        shared.lock().unwrap().errors.push(format!("phone {i}: no device cookie"));
        return;
    };
    let answer = format!("/{code}/answer");
    let first = i % OPTIONS;
    if let Some((204, _)) =
        timed(&mut conn, &shared, ("POST", &answer), Some(&cookie), &format!("{{\"option\":{first}}}")).await
    {
        shared.lock().unwrap().finals[i] = Some(first);
    }
    tokio::time::sleep_until(change_at.into()).await;
    let second = (first + 1 + i % (OPTIONS - 1)) % OPTIONS;
    if let Some((204, _)) =
        timed(&mut conn, &shared, ("POST", &answer), Some(&cookie), &format!("{{\"option\":{second}}}")).await
    {
        shared.lock().unwrap().finals[i] = Some(second);
    }
}

/// Runs `phones` phones against a server of its own on 127.0.0.1.
pub fn run(phones: usize) -> Report {
    let mut room = Room::default();
    let kind = LiveKind::Vote((0..OPTIONS).map(|i| format!("Option {i}")).collect());
    room.show(Some(LiveQuestion { id: "q".into(), number: 1, text: "Which?".into(), kind }), 1);
    let server =
        Server::start(&[SocketAddr::from(([127, 0, 0, 1], 0))], room, Limits::default(), Box::new(|_| {})).unwrap();
    let code = server.code().to_owned();
    let shared = Arc::new(Mutex::new(Shared { finals: vec![None; phones], ..Shared::default() }));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let started = Instant::now();
    let change_at = started + Duration::from_secs(2);
    let mut all_answered = Duration::ZERO;
    runtime.block_on(async {
        let tasks: Vec<_> = (0..phones)
            .map(|i| tokio::spawn(phone(i, server.addr(), code.clone(), shared.clone(), change_at)))
            .collect();
        // The first answers, counted by the room itself.
        while Instant::now() < change_at {
            if server.room().round().map_or(0, |r| r.answer_count()) >= phones {
                all_answered = started.elapsed();
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        for task in tasks {
            let _ = tokio::time::timeout(TIMEOUT, task).await;
        }
    });
    if all_answered == Duration::ZERO {
        all_answered = started.elapsed();
    }
    let counts = match server.room().round().map(|r| r.tally()) {
        Some(Tally::Options { counts, .. }) => counts,
        _ => Vec::new(),
    };
    server.stop();
    let mut shared = std::mem::take(&mut *shared.lock().unwrap());
    let mut expected = vec![0u32; OPTIONS];
    for f in shared.finals.iter().flatten() {
        expected[*f] += 1;
    }
    let lost = expected.iter().zip(&counts).map(|(e, g)| e.saturating_sub(*g) as usize).sum::<usize>()
        + shared.finals.iter().filter(|f| f.is_none()).count();
    let doubled = counts.iter().zip(&expected).map(|(g, e)| g.saturating_sub(*e) as usize).sum();
    shared.latencies.sort();
    Report { phones, lost, doubled, errors: shared.errors, latencies: shared.latencies, all_answered, counts }
}
