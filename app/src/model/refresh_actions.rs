//! The token page's refresh-token actions: refresh with the HttpOnly cookie, and the lab's
//! thief copying that cookie and replaying it. Each says what the server answered.

use leptos::prelude::*;

use super::{
    actions::{banner, learn_from, push_row, refused, Ask},
    lab_client::Answered,
    Lab, Mode, RequestRow, RowKind, Tone,
};
use crate::{
    api::{
        RefreshCopied, RefreshReplayRequest, RefreshReplayResult, RequestTrace, TokenLoginResponse,
    },
    i18n::td_string,
};

/// A catalog string, as an owned `String`.
macro_rules! say {
    ($($args:tt)*) => {
        td_string!($($args)*).to_string()
    };
}

pub(crate) fn refresh_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Token,
        kind: RowKind::Refresh,
        label: say!(lab.locale, outcome.action.refresh),
        method: "POST",
        path: "/api/token/refresh",
        bearer: None,
    }
}

/// What a refresh's answer means; the new access token to store, if one came.
pub(crate) fn refresh_done(lab: Lab, answered: Answered<TokenLoginResponse>) -> Option<String> {
    let locale = lab.locale;
    let before = lab
        .refresh
        .get_untracked()
        .map_or(0, |grant| grant.generation);
    let issued = match answered.answer {
        Ok(issued) => issued,
        Err(refusal) => {
            // Every refusal cleared the cookie: this chain is over.
            lab.refresh.set(None);
            let what = say!(locale, outcome.what.request_refused);
            banner(lab, Tone::Bad, refused(locale, &what, &refusal));
            return None;
        }
    };
    lab.kept_token.set(Some(issued.access_token.clone()));
    let next = issued.refresh.as_ref().map_or(before + 1, |g| g.generation);
    lab.refresh.set(issued.refresh);
    let text = say!(locale, outcome.refresh.rotated, used = next - 1, next);
    banner(lab, Tone::Good, text);
    Some(issued.access_token)
}

pub(crate) fn thief_copy_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Token,
        kind: RowKind::ReplayOrder,
        label: say!(lab.locale, outcome.action.thief_copy),
        method: "POST",
        path: "/api/token/refresh/lab-copy",
        bearer: None,
    }
}

pub(crate) fn thief_copy_done(lab: Lab, answered: Answered<RefreshCopied>) {
    let locale = lab.locale;
    match answered.answer {
        Ok(copied) => {
            lab.thief_copy.set(Some(copied));
            banner(lab, Tone::Warning, say!(locale, outcome.refresh.copied));
        }
        Err(refusal) => {
            let what = say!(locale, outcome.what.request_refused);
            banner(lab, Tone::Bad, refused(locale, &what, &refusal));
        }
    }
}

/// The thief's order to replay its copy, and the order's body; `None` before it copied.
pub(crate) fn thief_replay_ask(lab: Lab) -> Option<(Ask<'static>, String)> {
    let copy = lab.thief_copy.get_untracked()?;
    let ask = Ask {
        mode: Mode::Token,
        kind: RowKind::ReplayOrder,
        label: say!(lab.locale, outcome.action.thief_replay),
        method: "POST",
        path: "/api/lab/replay-refresh",
        bearer: None,
    };
    let body = serde_json::to_string(&RefreshReplayRequest {
        copy_id: copy.copy_id,
    })
    .ok()?;
    Some((ask, body))
}

/// What the thief's replay showed: its request's row (with `replayed`, the server's trace
/// of it) and the sentence.
pub(crate) fn thief_replay_done(
    lab: Lab,
    answered: Answered<RefreshReplayResult>,
    replayed: Option<RequestTrace>,
) {
    let locale = lab.locale;
    let replay = match answered.answer {
        Ok(replay) => replay,
        Err(refusal) => {
            let what = say!(locale, outcome.what.replay_failed);
            banner(lab, Tone::Warning, refused(locale, &what, &refusal));
            return;
        }
    };
    record_thief_request(lab, &replay, replayed);
    let (tone, text) = match (replay.status, replay.reason.as_deref(), replay.generation) {
        (200, _, Some(generation)) => (
            Tone::Bad,
            say!(locale, outcome.refresh.thief_rotated, generation),
        ),
        (_, Some("refresh_reused"), _) => {
            // The family is gone for the user too; the next refresh will say so.
            (Tone::Good, say!(locale, outcome.refresh.thief_caught))
        }
        (_, Some("refresh_revoked"), _) => {
            (Tone::Good, say!(locale, outcome.refresh.thief_revoked))
        }
        (status, reason, _) => {
            let code = reason.unwrap_or("?");
            let why = super::present::reason(locale, code).unwrap_or(code);
            let what = say!(locale, outcome.what.request_refused);
            (
                Tone::Warning,
                say!(locale, outcome.refused, what, status, code, why),
            )
        }
    };
    banner(lab, tone, text);
}

/// Lists the thief's own request (sent by the server, tagged with this page) with its trace.
fn record_thief_request(lab: Lab, replay: &RefreshReplayResult, trace: Option<RequestTrace>) {
    if let Some(trace) = &trace {
        learn_from(lab, Mode::Token, trace);
    }
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode: Mode::Token,
            kind: RowKind::StolenRefresh,
            action: say!(lab.locale, outcome.action.thief_replay),
            method: "POST".into(),
            path: "/api/token/refresh".into(),
            status: replay.status,
            duration_ms: trace.as_ref().map_or(0.0, |t| t.duration_ms),
            sent_auth: "Cookie: auth_lab_refresh".into(),
            auth_bytes: trace.as_ref().and_then(|t| t.cookie_bytes),
            response_body: serde_json::to_string_pretty(replay).unwrap_or_default(),
            refusal_code: replay.reason.clone(),
            trace,
        },
    );
}
