//! The token page's refresh-token actions: refresh with the HttpOnly cookie, and the lab's
//! thief copying that cookie and replaying it. Each says what the server answered.

use leptos::prelude::*;

use super::{
    actions::{banner, learn_from, push_row, read_browser_state, refused, send, Ask},
    lab_client, Lab, Mode, RequestRow, RowKind, Tone,
};
use crate::{
    api::{RefreshReplayRequest, RefreshReplayResult},
    client,
    i18n::td_string,
};

/// A catalog string, as an owned `String`.
macro_rules! say {
    ($($args:tt)*) => {
        td_string!($($args)*).to_string()
    };
}

pub async fn refresh(lab: Lab) {
    let locale = lab.locale;
    let ask = Ask {
        mode: Mode::Token,
        kind: RowKind::Refresh,
        label: say!(locale, outcome.action.refresh),
        method: "POST",
        path: "/api/token/refresh",
        bearer: None,
    };
    let before = lab
        .refresh
        .get_untracked()
        .map_or(0, |grant| grant.generation);
    let Some((answered, _)) = send(lab, ask, lab_client::token_refresh()).await else {
        return;
    };
    let issued = match answered.answer {
        Ok(issued) => issued,
        Err(refusal) => {
            // Every refusal cleared the cookie: this chain is over.
            lab.refresh.set(None);
            let what = say!(locale, outcome.what.request_refused);
            banner(lab, Tone::Bad, refused(locale, &what, &refusal));
            return;
        }
    };
    if let Err(err) = client::store_token(&issued.access_token) {
        banner(
            lab,
            Tone::Bad,
            say!(locale, outcome.token.storage_refused, err),
        );
        return;
    }
    lab.kept_token.set(Some(issued.access_token));
    let next = issued.refresh.as_ref().map_or(before + 1, |g| g.generation);
    lab.refresh.set(issued.refresh);
    read_browser_state(lab);
    let text = say!(locale, outcome.refresh.rotated, used = next - 1, next);
    banner(lab, Tone::Good, text);
}

pub async fn thief_copy(lab: Lab) {
    let locale = lab.locale;
    let ask = Ask {
        mode: Mode::Token,
        kind: RowKind::ReplayOrder,
        label: say!(locale, outcome.action.thief_copy),
        method: "POST",
        path: "/api/token/refresh/lab-copy",
        bearer: None,
    };
    let Some((answered, _)) = send(lab, ask, lab_client::thief_copy()).await else {
        return;
    };
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

pub async fn thief_replay(lab: Lab) {
    let locale = lab.locale;
    let Some(copy) = lab.thief_copy.get_untracked() else {
        return;
    };
    let ask = Ask {
        mode: Mode::Token,
        kind: RowKind::ReplayOrder,
        label: say!(locale, outcome.action.thief_replay),
        method: "POST",
        path: "/api/lab/replay-refresh",
        bearer: None,
    };
    let request = RefreshReplayRequest {
        copy_id: copy.copy_id,
    };
    let Some((answered, _)) = send(lab, ask, lab_client::thief_replay(&request)).await else {
        return;
    };
    let replay = match answered.answer {
        Ok(replay) => replay,
        Err(refusal) => {
            let what = say!(locale, outcome.what.replay_failed);
            banner(lab, Tone::Warning, refused(locale, &what, &refusal));
            return;
        }
    };
    record_thief_request(lab, &replay).await;
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
async fn record_thief_request(lab: Lab, replay: &RefreshReplayResult) {
    let trace = match &replay.trace_id {
        Some(id) => lab_client::trace(id).await,
        None => None,
    };
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
    super::actions::refresh_store(lab).await;
}
