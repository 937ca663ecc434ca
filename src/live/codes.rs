//! Join codes and device tokens, from the operating system's random source (`getrandom`).

/// No 0/O, 1/I/L: easy to read off a projector and to type. Upper case and digits only.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// 31^7 ≈ 2.75 × 10^10 codes: 34.7 bits.
pub const CODE_LEN: usize = 7;

/// A new join code, every letter equally likely.
pub fn join_code() -> std::io::Result<String> {
    let mut out = String::with_capacity(CODE_LEN);
    while out.len() < CODE_LEN {
        let mut buf = [0u8; 16];
        getrandom::fill(&mut buf).map_err(|e| std::io::Error::other(e.to_string()))?;
        for b in buf {
            // Rejection sampling: 248 = 8 × 31, so bytes from 248 up would favour the first letters.
            if b < 248 && out.len() < CODE_LEN {
                out.push(char::from(ALPHABET[usize::from(b % 31)]));
            }
        }
    }
    Ok(out)
}

/// 128 random bits that name a phone.
pub fn device_token() -> std::io::Result<[u8; 16]> {
    let mut t = [0u8; 16];
    getrandom::fill(&mut t).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(t)
}

pub fn token_hex(t: &[u8; 16]) -> String {
    t.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn parse_token(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut t = [0u8; 16];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        t[i] = u8::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
    }
    Some(t)
}

/// Without regard to case (people type codes off the wall), in time that does not depend on
/// where the first difference is.
pub fn code_matches(candidate: &str, code: &str) -> bool {
    candidate.len() == code.len()
        && candidate.bytes().zip(code.bytes()).fold(0u8, |acc, (a, b)| acc | (a.to_ascii_uppercase() ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_tokens_round_trip() {
        for _ in 0..1000 {
            let c = join_code().unwrap();
            assert_eq!(c.len(), CODE_LEN);
            assert!(c.bytes().all(|b| ALPHABET.contains(&b)));
            assert!(code_matches(&c.to_lowercase(), &c));
        }
        assert!((ALPHABET.len() as f64).powi(CODE_LEN as i32).log2() >= 30.0, "at least 30 bits");
        let t = device_token().unwrap();
        assert_eq!(parse_token(&token_hex(&t)), Some(t));
        assert_eq!(parse_token("zz"), None);
    }

    #[test]
    fn letters_are_uniform() {
        let mut counts = [0u32; 31];
        for _ in 0..20_000 {
            for b in join_code().unwrap().bytes() {
                counts[ALPHABET.iter().position(|a| *a == b).unwrap()] += 1;
            }
        }
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(f64::from(*max) / f64::from(*min) < 1.10, "{counts:?}");
    }
}
