//! A request as a sequence diagram: who talked to whom, in the order the server's trace
//! says. Pure: the diagram component draws whatever this returns.

use crate::{
    api::{Outcome, RequestTrace, StepKind},
    i18n::{td_string, Locale},
};

/// The three places a request touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Browser,
    Server,
    Store,
}

/// One line of the diagram: an arrow between two lanes, or a note on one (`from == to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub from: Lane,
    pub to: Lane,
    pub label: String,
    pub outcome: Outcome,
}

impl Message {
    fn new(from: Lane, to: Lane, label: impl Into<String>, outcome: Outcome) -> Self {
        Self {
            from,
            to,
            label: label.into(),
            outcome,
        }
    }

    pub fn is_note(&self) -> bool {
        self.from == self.to
    }
}

/// What each step of a trace looks like in the diagram; `None` for steps the first and
/// last arrows already show.
fn step_message(locale: Locale, step: StepKind, outcome: Outcome) -> Option<Message> {
    use Lane::{Server, Store};
    let store = |label: &str| Some(Message::new(Server, Store, label, outcome));
    let note = |label: &str| Some(Message::new(Server, Server, label, outcome));
    macro_rules! text {
        ($key:ident) => {
            td_string!(locale, outcome.sequence.$key)
        };
    }
    match step {
        // The balancer sits before the server; the single-server labs never see its step.
        StepKind::RequestReceived
        | StepKind::SetCookie
        | StepKind::Balancer
        | StepKind::Responded => None,
        StepKind::StoreLookup => store(text!(look_up_session)),
        StepKind::SessionCreated => store(text!(save_session)),
        StepKind::SessionIdCycled => store(text!(delete_old_id)),
        StepKind::SessionDestroyed => store(text!(delete_session)),
        StepKind::IdleExtended if outcome == Outcome::Ok => store(text!(save_idle)),
        StepKind::IdleExtended => note(text!(idle_unchanged)),
        StepKind::DenylistChecked if outcome == Outcome::Info => note(text!(denylist_untouched)),
        StepKind::DenylistChecked => store(text!(denylist_check)),
        StepKind::DenylistAdded => store(text!(denylist_add)),
        StepKind::RefreshChecked => store(text!(look_up_family)),
        StepKind::RefreshRotated => store(text!(rotate_refresh)),
        StepKind::FamilyRevoked => store(text!(revoke_family)),
        StepKind::CredentialsChecked => note(text!(check_password)),
        StepKind::CookieReceived => note(text!(read_cookie)),
        StepKind::BearerReceived => note(text!(read_bearer)),
        StepKind::SignatureChecked => note(text!(check_signature)),
        StepKind::HeaderChecked => note(text!(check_header)),
        StepKind::ClaimsChecked => note(text!(check_claims)),
        StepKind::ExpChecked => note(text!(check_exp)),
        StepKind::TokenIssued => note(text!(sign_jwt)),
    }
}

/// The whole diagram of one traced request.
pub fn messages(locale: Locale, trace: &RequestTrace) -> Vec<Message> {
    use Lane::{Browser, Server};
    let credential = match (trace.cookie_bytes, trace.authorization_bytes) {
        (Some(_), Some(_)) => " + Cookie + Authorization",
        (Some(_), None) => " + Cookie",
        (None, Some(_)) => " + Authorization",
        (None, None) => "",
    };
    let mut lines = vec![Message::new(
        Browser,
        Server,
        format!("{} {}{credential}", trace.method, trace.path),
        Outcome::Info,
    )];
    lines.extend(
        trace
            .steps
            .iter()
            .filter_map(|s| step_message(locale, s.step, s.outcome)),
    );
    let sets_cookie = trace
        .response_headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("set-cookie"));
    let answer = format!(
        "{}{}",
        trace.status,
        if sets_cookie { " + Set-Cookie" } else { "" }
    );
    let outcome = if (200..300).contains(&trace.status) {
        Outcome::Ok
    } else {
        Outcome::Failed
    };
    lines.push(Message::new(Server, Browser, answer, outcome));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{HeaderLine, TraceStep};

    fn trace(path: &str, status: u16, steps: &[(StepKind, Outcome)]) -> RequestTrace {
        RequestTrace {
            id: "t1".into(),
            method: "GET".into(),
            path: path.into(),
            status,
            duration_ms: 1.0,
            at: 0,
            cookie_bytes: Some(36),
            authorization_bytes: None,
            steps: steps
                .iter()
                .map(|(step, outcome)| TraceStep {
                    step: *step,
                    outcome: *outcome,
                    detail: String::new(),
                    hint: None,
                })
                .collect(),
            response_headers: Vec::new(),
            page: None,
        }
    }

    #[test]
    fn a_session_lookup_goes_to_the_store_and_back() {
        let t = trace(
            "/api/session/me",
            200,
            &[
                (StepKind::RequestReceived, Outcome::Info),
                (StepKind::CookieReceived, Outcome::Ok),
                (StepKind::StoreLookup, Outcome::Ok),
                (StepKind::IdleExtended, Outcome::Ok),
                (StepKind::Responded, Outcome::Ok),
            ],
        );
        let lines = messages(Locale::en, &t);
        let route: Vec<(Lane, Lane)> = lines.iter().map(|m| (m.from, m.to)).collect();
        assert_eq!(
            route,
            [
                (Lane::Browser, Lane::Server),
                (Lane::Server, Lane::Server),
                (Lane::Server, Lane::Store),
                (Lane::Server, Lane::Store),
                (Lane::Server, Lane::Browser),
            ]
        );
        assert_eq!(lines[0].label, "GET /api/session/me + Cookie");
        assert_eq!(lines[4].label, "200");
        assert_eq!(lines[2].label, "look up the session ID");
        // The same request in Korean: the protocol line stays as sent, the steps are worded.
        let ko = messages(Locale::ko, &t);
        assert_eq!(ko[0].label, lines[0].label);
        assert_eq!(ko[2].label, "세션 ID 조회");
    }

    #[test]
    fn an_unmoved_idle_expiry_stays_on_the_server_and_a_refusal_is_marked() {
        let mut t = trace(
            "/api/session/me",
            401,
            &[
                (StepKind::StoreLookup, Outcome::Failed),
                (StepKind::IdleExtended, Outcome::Info),
            ],
        );
        t.response_headers.push(HeaderLine {
            name: "set-cookie".into(),
            value: "auth_lab_sid=; Max-Age=0".into(),
        });
        let lines = messages(Locale::en, &t);
        assert_eq!(lines[1].outcome, Outcome::Failed);
        assert!(lines[2].is_note(), "nothing was written to the store");
        let last = lines.last().unwrap();
        assert_eq!(last.label, "401 + Set-Cookie");
        assert_eq!(last.outcome, Outcome::Failed);
    }

    #[test]
    fn a_token_check_touches_the_store_once_for_the_deny_list() {
        let t = trace(
            "/api/token/me",
            200,
            &[
                (StepKind::BearerReceived, Outcome::Ok),
                (StepKind::SignatureChecked, Outcome::Ok),
                (StepKind::HeaderChecked, Outcome::Ok),
                (StepKind::ClaimsChecked, Outcome::Ok),
                (StepKind::ExpChecked, Outcome::Ok),
                (StepKind::DenylistChecked, Outcome::Ok),
            ],
        );
        let to_store = messages(Locale::en, &t)
            .iter()
            .filter(|m| m.to == Lane::Store)
            .count();
        assert_eq!(to_store, 1);
    }
}
