//! The catalog words the interview pages share: a topic's name and a lab page's name.

use super::catalog::Topic;
use crate::i18n::{td_string, Locale};

pub fn topic_name(locale: Locale, topic: Topic) -> &'static str {
    match topic {
        Topic::Http => td_string!(locale, interview.topics.http),
        Topic::Jwt => td_string!(locale, interview.topics.jwt),
        Topic::Scale => td_string!(locale, interview.topics.scale),
        Topic::Security => td_string!(locale, interview.topics.security),
        Topic::Myths => td_string!(locale, interview.topics.myths),
    }
}

/// The navigation's name for a lab page (`/session` → "Session mode").
pub fn page_name(locale: Locale, path: &str) -> &'static str {
    match path {
        "/session" => td_string!(locale, common.nav.session),
        "/token" => td_string!(locale, common.nav.token),
        "/compare" => td_string!(locale, common.nav.compare),
        "/cluster" => td_string!(locale, common.nav.cluster),
        _ => td_string!(locale, common.nav.security),
    }
}
