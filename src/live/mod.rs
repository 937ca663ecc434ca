//! The room server: the phone page and its JSON over HTTP/1.1 on the classroom's network, only
//! while the instructor has gone live. hyper 1 on a tokio current-thread runtime, on one
//! background thread; the round logic is the core's [`Room`], behind a `std::sync::Mutex` that
//! every lock holds for one statement, so the window never waits on the network.
//!
//! The protocol is in `docs/LIVE.md`.

pub mod codes;
mod http;
pub mod lan;
pub mod qr;
mod ratelimit;
pub mod serve;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use casebook_core::live::{Room, Snapshot};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use ratelimit::Buckets;
pub use ratelimit::Rate;

/// The port tried first; a free one when it is taken.
pub const DEFAULT_PORT: u16 = 7420;

/// Timeouts and limits: the defaults are those of docs/LIVE.md; tests make them shorter.
#[derive(Clone, Debug)]
pub struct Limits {
    /// To send the request headers; also how long a kept-alive connection may sit idle.
    pub header_timeout: Duration,
    /// To send a request body.
    pub body_timeout: Duration,
    /// One connection's life, after which it closes once its request in flight is answered.
    pub conn_lifetime: Duration,
    /// How long `GET /state?v=N` waits for a change.
    pub long_poll: Duration,
    pub max_conns: usize,
    pub max_conns_per_ip: u32,
    /// Every request, by address.
    pub requests_per_ip: Rate,
    /// New device cookies, by address.
    pub devices_per_ip: Rate,
    pub answers_per_ip: Rate,
    pub answers_per_device: Rate,
    /// How often changes are published to phones and to the window.
    pub tick: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(5),
            conn_lifetime: Duration::from_secs(120),
            long_poll: Duration::from_secs(20),
            max_conns: 1024,
            max_conns_per_ip: 16,
            requests_per_ip: Rate { burst: 60.0, per_sec: 20.0 },
            devices_per_ip: Rate { burst: 4.0, per_sec: 1.0 / 30.0 },
            answers_per_ip: Rate { burst: 30.0, per_sec: 5.0 },
            answers_per_device: Rate { burst: 8.0, per_sec: 2.0 },
            tick: Duration::from_millis(200),
        }
    }
}

/// Called on the server thread, at most once a tick, with the room as it is when the tally,
/// the answers or the phones connected changed: the window sends it to itself as a message and
/// repaints; the command line prints a line.
pub type OnChange = Box<dyn Fn(Snapshot) + Send>;

struct Counters {
    per_ip: Buckets<IpAddr>,
    devices_per_ip: Buckets<IpAddr>,
    answers_per_ip: Buckets<IpAddr>,
    answers_per_device: Buckets<u32>,
}

pub(crate) struct Shared {
    code: String,
    room: Mutex<Room>,
    version: watch::Sender<u64>,
    counters: Mutex<Counters>,
    /// Open connections, in all and by address.
    conns: Mutex<(usize, HashMap<IpAddr, u32>)>,
    limits: Limits,
    page: String,
    stop: Notify,
}

/// A running room server. Dropping it stops it: every connection is closed at once.
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// macOS starts programs with 256 open files, too few for a class: raise the soft limit
/// towards the hard one.
#[cfg(unix)]
fn raise_fd_limit(want: u64) {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let lim = getrlimit(Resource::Nofile);
    let target = lim.maximum.map_or(want, |hard| hard.min(want));
    if lim.current.is_some_and(|cur| cur < target) {
        let _ = setrlimit(Resource::Nofile, Rlimit { current: Some(target), maximum: lim.maximum });
    }
}

impl Server {
    /// Binds the first address of `bind` that is free (on this thread, so the caller learns
    /// the port, or why not, at once) and serves `room` with a new join code on a thread of
    /// its own.
    pub fn start(bind: &[SocketAddr], room: Room, limits: Limits, on_change: OnChange) -> std::io::Result<Self> {
        #[cfg(unix)]
        raise_fd_limit(4096);
        let code = codes::join_code()?;
        let std_listener = std::net::TcpListener::bind(bind)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(std_listener)?
        };
        let counters = Counters {
            per_ip: Buckets::new(limits.requests_per_ip, 4096),
            devices_per_ip: Buckets::new(limits.devices_per_ip, 4096),
            answers_per_ip: Buckets::new(limits.answers_per_ip, 4096),
            answers_per_device: Buckets::new(limits.answers_per_device, 4096),
        };
        let shared = Arc::new(Shared {
            page: http::page(&code),
            code,
            room: Mutex::new(room),
            version: watch::Sender::new(1),
            counters: Mutex::new(counters),
            conns: Mutex::new((0, HashMap::new())),
            limits,
            stop: Notify::new(),
        });
        let s = shared.clone();
        let thread = std::thread::Builder::new().name("casebook-live".into()).spawn(move || {
            runtime.block_on(async move {
                tokio::spawn(ticker(s.clone(), on_change));
                tokio::spawn(http::accept_loop(s.clone(), listener));
                s.stop.notified().await;
            });
            // Dropping the runtime cancels the accept loop, the ticker and every connection.
        })?;
        let server = Self { shared, addr, thread: Some(thread) };
        log::info!("the room server listens on {}", server.url());
        Ok(server)
    }

    /// The address bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn code(&self) -> &str {
        &self.shared.code
    }

    /// The address to join at: `http://192.168.1.20:7420/K7M4QXZ`.
    pub fn url(&self) -> String {
        format!("http://{}/{}", self.addr, self.shared.code)
    }

    /// The room, locked: hold it for one statement.
    pub fn room(&self) -> MutexGuard<'_, Room> {
        lock(&self.shared.room)
    }

    /// Stops serving and waits for the thread to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
            log::info!("the room server at {} stopped", self.addr);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Publishes changes: to phones (a new version ends their long polls) and to the window.
async fn ticker(s: Arc<Shared>, on_change: OnChange) {
    let mut tick = tokio::time::interval(s.limits.tick);
    loop {
        tick.tick().await;
        let now = casebook_core::layer::now_unix_ms();
        let (public, snapshot) = {
            let mut room = lock(&s.room);
            let public = room.take_public_change();
            let snapshot = room.take_tally_change().then(|| room.snapshot(now));
            (public, snapshot)
        };
        if public {
            s.version.send_modify(|v| *v += 1);
        }
        if let Some(snapshot) = snapshot {
            on_change(snapshot);
        }
    }
}
