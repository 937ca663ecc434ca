//! 300 phones on loopback join and answer, then each changes its answer once: nothing lost,
//! nothing counted twice. Timings are measured by `examples/live_bench.rs`, not asserted here.
#![allow(clippy::unwrap_used)]

#[path = "../examples/support/phones.rs"]
mod phones;

#[test]
fn three_hundred_phones_answer_and_change_and_each_counts_once() {
    let report = phones::run(300);
    assert!(report.errors.is_empty(), "{:?}", &report.errors[..report.errors.len().min(5)]);
    assert_eq!((report.lost, report.doubled), (0, 0), "counts {:?}", report.counts);
    assert_eq!(report.counts.iter().sum::<u32>(), 300);
    assert_eq!(report.latencies.len(), 900, "join, answer and change for each");
}
