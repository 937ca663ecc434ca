//! The room under a class: 300 simulated phones on loopback join and answer at once, then each
//! changes its answer once. Prints `live_bench phones=300 lost=0 doubled=0 p99_ms=X` and the
//! time until every first answer was counted (goal: p99 at most 50 ms, all within 2 s).
//!
//! `cargo run --release --example live_bench [PHONES]`
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[path = "support/phones.rs"]
mod phones;

fn main() {
    let n = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(300);
    let report = phones::run(n);
    for e in report.errors.iter().take(5) {
        println!("error: {e}");
    }
    println!(
        "live_bench phones={} lost={} doubled={} p99_ms={:.2} p50_ms={:.2} max_ms={:.2} requests={} all_answered_ms={} counts={:?}",
        report.phones,
        report.lost,
        report.doubled,
        report.percentile_ms(0.99),
        report.percentile_ms(0.5),
        report.percentile_ms(1.0),
        report.latencies.len(),
        report.all_answered.as_millis(),
        report.counts
    );
}
