//! Guessing an HS256 key offline, as anyone holding one token can: each word of a public
//! list is tried as the HMAC key over the token's `header.payload`, and checked against its
//! signature. The server it came from never notices.

use app::model::tamper::{signing_parts, Crack};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Tries `words` in order against `token`'s signature.
pub fn crack(token: &str, words: &[&str]) -> Crack {
    let Some((input, signature)) = signing_parts(token) else {
        return Crack::Unavailable;
    };
    for (i, word) in words.iter().enumerate() {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(word.as_bytes()) else {
            continue;
        };
        mac.update(input.as_bytes());
        // verify_slice compares in constant time; here it only saves a copy.
        if mac.verify_slice(&signature).is_ok() {
            return Crack::Found {
                word: (*word).to_owned(),
                tries: i + 1,
            };
        }
    }
    Crack::NotFound { tries: words.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(word: &str) -> String {
        let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        let key = jsonwebtoken::EncodingKey::from_secret(word.as_bytes());
        jsonwebtoken::encode(&header, &serde_json::json!({ "sub": "bob" }), &key).unwrap()
    }

    #[test]
    fn a_listed_word_is_found_with_the_tries_it_took() {
        let words = ["password", "secret", "changeme"];
        assert_eq!(
            crack(&signed("secret"), &words),
            Crack::Found {
                word: "secret".into(),
                tries: 2
            }
        );
    }

    #[test]
    fn an_unlisted_key_is_not_found_and_nonsense_is_not_a_token() {
        let words = ["password", "secret"];
        assert_eq!(
            crack(&signed("a long random key nobody lists"), &words),
            Crack::NotFound { tries: 2 }
        );
        assert_eq!(crack("not a token", &words), Crack::Unavailable);
    }
}
