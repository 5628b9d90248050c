//! Unguessable identifiers: random bytes from the operating system, written as base64url.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;

/// `bytes` random bytes from the OS, as unpadded base64url (16 bytes make 22 characters).
pub fn base64url(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_asked_length_and_differ() {
        let (a, b) = (base64url(16), base64url(16));
        assert_eq!(a.len(), 22);
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 16);
    }
}
