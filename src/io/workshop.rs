//! Identities for workshops held on several laptops: a fresh workshop id (File → Start a
//! workshop) and this process's tag for new hub codes, so that hubs made on two laptops never
//! share a code. Both come from the per-process random keys of the standard library's hasher
//! mixed with the clock and the process id (no extra dependency).

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Crockford's base 32: no I, L, O or U, so a code read aloud in a room is not misheard.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(elapsed) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(elapsed.as_nanos());
    }
    hasher.finish()
}

fn encode(mut value: u64, chars: usize) -> String {
    (0..chars)
        .map(|_| {
            let c = ALPHABET[(value % 32) as usize] as char;
            value /= 32;
            c
        })
        .collect()
}

/// A new workshop id: `W-` and 12 characters (60 random bits).
pub fn fresh_workshop_id() -> String {
    format!("W-{}", encode(random_u64(), 12))
}

/// This process's tag for new hub codes (6 characters, 30 random bits), the same all session.
pub fn hub_code_tag() -> &'static str {
    static TAG: OnceLock<String> = OnceLock::new();
    TAG.get_or_init(|| encode(random_u64(), 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_tags_are_well_formed_and_differ() {
        let (a, b) = (fresh_workshop_id(), fresh_workshop_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 14);
        assert!(a.starts_with("W-"));
        let tag = hub_code_tag();
        assert_eq!(tag.len(), 6);
        assert!(tag.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(hub_code_tag(), tag);
    }
}
