//! Token buckets: per device (answers) and per address (every request, new devices).

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug)]
pub struct Rate {
    /// Requests allowed in a burst.
    pub burst: f64,
    /// Sustained requests per second.
    pub per_sec: f64,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Many buckets by key, forgetting keys idle long enough to be full again (bounded memory).
pub struct Buckets<K> {
    rate: Rate,
    map: HashMap<K, Bucket>,
    max_keys: usize,
    last_sweep: Instant,
}

impl<K: Hash + Eq + Copy> Buckets<K> {
    pub fn new(rate: Rate, max_keys: usize) -> Self {
        Self { rate, map: HashMap::new(), max_keys, last_sweep: Instant::now() }
    }

    /// Takes one token; `Err(retry_after)` when the bucket is empty.
    pub fn take(&mut self, key: K, now: Instant) -> Result<(), Duration> {
        if now.duration_since(self.last_sweep) > Duration::from_secs(30) || self.map.len() >= self.max_keys {
            let full_after = Duration::from_secs_f64(self.rate.burst / self.rate.per_sec);
            self.map.retain(|_, b| now.duration_since(b.last) < full_after);
            self.last_sweep = now;
        }
        if self.map.len() >= self.max_keys && !self.map.contains_key(&key) {
            return Err(Duration::from_secs(5));
        }
        let rate = self.rate;
        let b = self.map.entry(key).or_insert(Bucket { tokens: rate.burst, last: now });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate.per_sec).min(rate.burst);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / rate.per_sec))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn burst_then_refill() {
        let mut b = Buckets::new(Rate { burst: 3.0, per_sec: 1.0 }, 10);
        let t0 = Instant::now();
        assert!((0..3).all(|_| b.take(1, t0).is_ok()));
        let wait = b.take(1, t0).unwrap_err();
        assert!(wait > Duration::from_millis(900));
        assert!(b.take(1, t0 + Duration::from_millis(1001)).is_ok());
        assert!(b.take(2, t0).is_ok(), "keys are independent");
    }
}
