//! The step rules of a lab page on the relay (`/session`): each action is one real request
//! the browser sends (it attaches the HttpOnly cookie; the server never sees the browser's
//! jar), and its report is worded by the same rules the lab's island uses
//! ([`super::actions`]). The server supplies what it knows itself: the trace of the
//! reported request, its store, its clock.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    actions::{self, Theft},
    lab_client::{self, Answered},
    relay_wire::{Outgoing, Report, StepError},
    Banner, Lab, Mode, RequestRow, SessionTimes,
};
use crate::{
    api::{
        LoginRequest, LogoutResponse, PageSession, ReplayResult, RequestTrace,
        SessionLoginResponse, SessionMe, StoreView,
    },
    lang::Locale,
};

/// The inspector rows a step hands back: the newest, so that a page that runs for hours
/// (or watches someone else's load test) keeps steps of a few hundred KB. Older rows stay
/// on the page; the state forgets them.
pub const ROWS_KEPT: usize = 60;

/// The most feed reports one step takes (the relay sends those that wait together).
pub const FEED_BATCH: usize = 20;

/// The lab's state between steps, as the relay hands it back: everything the page shows
/// that neither the browser nor the server's store holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabState {
    pub mode: Mode,
    #[serde(default)]
    pub rows: Vec<RequestRow>,
    #[serde(default)]
    pub session_times: Option<SessionTimes>,
    #[serde(default)]
    pub last_set_cookie: Option<String>,
    #[serde(default)]
    pub cookie_from_page_load: bool,
    #[serde(default)]
    pub cookie_seen: Option<bool>,
    #[serde(default)]
    pub dead_session_id: Option<String>,
    #[serde(default)]
    pub banner: Option<Banner>,
    #[serde(default)]
    pub my_hints: Vec<String>,
    /// The server's event feed reached the browser: requests sent elsewhere show up.
    #[serde(default)]
    pub feed_live: bool,
    /// What the page said when it loaded (session mode's card), kept to draw it again.
    #[serde(default)]
    pub page: Option<PageCard>,
    /// The request the lab waits to hear about.
    #[serde(default)]
    pub doing: Option<Doing>,
}

/// The page-load card's inputs: what the server found for the cookie as it rendered the
/// page, and what a no-JS form redirected back with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageCard {
    pub view: Option<PageSession>,
    pub form_error: Option<String>,
    pub logged_out: bool,
}

/// A request sent and not yet reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doing {
    SessionLogin,
    SessionMe,
    SessionLogout,
    Replay(Theft),
}

/// The actions of the lab's controls, by the names the board's `data-relay-action` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Draw the board again with what the browser holds (the relay's first step).
    Resume,
    /// An expiry passed: draw again with the store as it is now.
    Tick,
    /// The event feed reported a request (`fields.trace_id`), or opened (none).
    Feed,
    Login,
    Me,
    Logout,
    ReplayDead,
    ReplayLive,
}

impl Action {
    pub const ALL: [Self; 8] = [
        Self::Resume,
        Self::Tick,
        Self::Feed,
        Self::Login,
        Self::Me,
        Self::Logout,
        Self::ReplayDead,
        Self::ReplayLive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Resume => "resume",
            Self::Tick => "tick",
            Self::Feed => "feed",
            Self::Login => "login",
            Self::Me => "me",
            Self::Logout => "logout",
            Self::ReplayDead => "replay_dead",
            Self::ReplayLive => "replay_live",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The form's fields as the relay read them when the action started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub ttl_secs: String,
    /// The feed's report: the IDs of requests someone else sent, space-separated.
    #[serde(default)]
    pub trace_id: String,
}

/// What only the browser knows, reported with every step: what `document.cookie` shows a
/// script, the token's localStorage entry as stored (another page's token shows in this
/// page's picture too), and the reader's offset from UTC now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Browser {
    #[serde(default)]
    pub cookie: String,
    #[serde(default)]
    pub storage: Option<String>,
    #[serde(default)]
    pub offset_min: i32,
}

/// One step: an action to start or the report of the request the last step asked for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    pub state: LabState,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub report: Option<Report>,
    #[serde(default)]
    pub fields: Option<Fields>,
    #[serde(default)]
    pub has_token: bool,
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub browser: Option<Browser>,
}

/// What the server knows for this step.
pub struct World<'a> {
    pub locale: Locale,
    pub now: i64,
    /// The server's trace of a request, by the ID its answer carried.
    pub trace: &'a dyn Fn(&str) -> Option<RequestTrace>,
    /// The store as it is now; `None` when inspection is off or the store is down.
    pub store: Option<StoreView>,
}

/// A step's outcome: the lab to draw (its signals hold the new state), the state to hand
/// back, and the request for the browser to send next.
pub struct Step {
    pub lab: Lab,
    pub state: LabState,
    pub send: Option<Outgoing>,
}

/// The lab as a page shows it, from a kept state and what the server and browser know now.
/// Creates signals: call it under an [`leptos::prelude::Owner`] that is dropped after use.
pub fn lab_from(state: &LabState, locale: Locale, now: i64, store: Option<StoreView>) -> Lab {
    let lab = Lab::new();
    let lab = Lab { locale, ..lab };
    lab.requests.set(state.rows.clone());
    lab.session_times.set(state.session_times);
    lab.last_set_cookie.set(state.last_set_cookie.clone());
    lab.cookie_from_page_load.set(state.cookie_from_page_load);
    lab.cookie_seen.set(state.cookie_seen);
    lab.dead_session_id.set(state.dead_session_id.clone());
    lab.banner.set(state.banner.clone());
    lab.my_hints.set(state.my_hints.clone());
    lab.feed_live.set(state.feed_live);
    lab.now.set(now);
    lab.store.set(store);
    lab
}

/// The state to keep from a lab after a step.
pub fn state_of(lab: Lab, mode: Mode, page: Option<PageCard>, doing: Option<Doing>) -> LabState {
    LabState {
        mode,
        rows: lab.requests.get_untracked(),
        session_times: lab.session_times.get_untracked(),
        last_set_cookie: lab.last_set_cookie.get_untracked(),
        cookie_from_page_load: lab.cookie_from_page_load.get_untracked(),
        cookie_seen: lab.cookie_seen.get_untracked(),
        dead_session_id: lab.dead_session_id.get_untracked(),
        banner: lab.banner.get_untracked(),
        my_hints: lab.my_hints.get_untracked(),
        feed_live: lab.feed_live.get_untracked(),
        page,
        doing,
    }
}

/// The state `/session` starts from: what the server found for the cookie as it rendered
/// the page (the store is read live, so the card keeps none).
pub fn first_state(page: Option<&PageSession>, card: PageCard) -> LabState {
    let lab = Lab::from_page(page);
    let view = card.view.map(|view| PageSession {
        store: None,
        ..view
    });
    let card = PageCard { view, ..card };
    state_of(lab, Mode::Session, Some(card), None)
}

/// Runs one step.
pub fn step(request: StepRequest, world: &World) -> Result<Step, StepError> {
    let StepRequest {
        state,
        action,
        report,
        fields,
        browser,
        ..
    } = request;
    let lab = lab_from(&state, world.locale, world.now, world.store.clone());
    // The board is drawn for a browser that runs the relay.
    lab.hydrated.set(true);
    if let Some(browser) = browser {
        actions::browser_state(lab, browser.cookie, browser.storage);
        lab.utc_offset_min.set(Some(browser.offset_min));
    }
    let (doing, send) = match (action.as_deref(), report, state.doing) {
        (Some(name), None, None) => {
            let action =
                Action::parse(name).ok_or_else(|| StepError::UnknownAction(name.to_owned()))?;
            start(lab, action, fields.unwrap_or_default(), world)
        }
        (Some(_), _, Some(_)) => return Err(StepError::Busy),
        (None, Some(report), Some(doing)) => {
            finish(lab, doing, &report, world);
            (None, None)
        }
        _ => return Err(StepError::NothingAsked),
    };
    lab.requests.update(|rows| {
        let over = rows.len().saturating_sub(ROWS_KEPT);
        rows.drain(..over);
    });
    let state = state_of(lab, state.mode, state.page, doing);
    Ok(Step { lab, state, send })
}

/// Starts an action: the request to send, or a redraw for those that send none.
fn start(
    lab: Lab,
    action: Action,
    fields: Fields,
    world: &World,
) -> (Option<Doing>, Option<Outgoing>) {
    let json = |value: &LoginRequest| lab_client::login_body(value);
    match action {
        Action::Resume | Action::Tick => (None, None),
        Action::Feed => {
            lab.feed_live.set(true);
            let ids = fields.trace_id.split_whitespace().take(FEED_BATCH);
            for trace in ids.filter_map(world.trace) {
                actions::add_foreign(lab, Mode::Session, trace);
            }
            (None, None)
        }
        Action::Login => {
            let login = LoginRequest {
                ttl_secs: fields.ttl_secs.parse::<i64>().ok(),
                ..LoginRequest::new(fields.username, fields.password)
            };
            let body = json(&login);
            let send = Outgoing::new("POST", "/api/session/login", body.as_deref());
            (Some(Doing::SessionLogin), Some(send))
        }
        Action::Me => (
            Some(Doing::SessionMe),
            Some(Outgoing::new("GET", "/api/session/me", None)),
        ),
        // An empty JSON body: the API takes state-changing requests only as JSON.
        Action::Logout => (
            Some(Doing::SessionLogout),
            Some(Outgoing::new("POST", "/api/session/logout", Some("{}"))),
        ),
        Action::ReplayDead | Action::ReplayLive => {
            let theft = match action {
                Action::ReplayDead => Theft::DeadCookie,
                _ => Theft::LiveCookie,
            };
            // Nothing to replay (no logout revealed an ID): the board stays as it is.
            let Some((ask, body)) = actions::replay_ask(lab, theft) else {
                return (None, None);
            };
            let send = Outgoing::new(ask.method, ask.path, Some(body.as_deref().unwrap_or("{}")));
            (Some(Doing::Replay(theft)), Some(send))
        }
    }
}

/// The browser's report as the typed answer the lab's rules read.
fn answered<T: serde::de::DeserializeOwned + Serialize>(report: &Report) -> Answered<T> {
    let (shown, answer) = lab_client::decode(report.status, &report.body);
    Answered {
        status: report.status,
        duration_ms: report.duration_ms.unwrap_or(0.0),
        trace_id: report.trace_id.clone(),
        shown,
        answer,
    }
}

/// Records the reported request and words what it did.
fn finish(lab: Lab, doing: Doing, report: &Report, world: &World) {
    if report.status == 0 {
        let why = Some(report.body.as_str()).filter(|b| !b.is_empty());
        actions::not_sent(lab, why.unwrap_or("network"));
        return;
    }
    let trace = report.trace_id.as_deref().and_then(world.trace);
    let trace = trace.as_ref();
    match doing {
        Doing::SessionLogin => {
            let answer = answered::<SessionLoginResponse>(report);
            actions::record(lab, &actions::session_login_ask(lab), &answer, trace);
            actions::session_login_done(lab, answer);
        }
        Doing::SessionMe => {
            let answer = answered::<SessionMe>(report);
            actions::record(lab, &actions::session_me_ask(lab), &answer, trace);
            actions::session_me_done(lab, answer, trace);
        }
        Doing::SessionLogout => {
            let answer = answered::<LogoutResponse>(report);
            actions::record(lab, &actions::session_logout_ask(lab), &answer, trace);
            actions::session_logout_done(lab, answer);
        }
        Doing::Replay(theft) => {
            let answer = answered::<ReplayResult>(report);
            if let Some((ask, _)) = actions::replay_ask(lab, theft) {
                actions::record(lab, &ask, &answer, trace);
            }
            let replayed = answer
                .answer
                .as_ref()
                .ok()
                .and_then(|r| r.trace_id.as_deref())
                .and_then(world.trace);
            actions::replay_done(lab, theft, answer, replayed);
        }
    }
}

/// Every moment at which the page's picture changes by itself: an expiry in the store,
/// or of the session this page holds. The relay asks for a redraw as each one passes.
pub fn due_times(lab: Lab) -> Vec<i64> {
    let mut times: Vec<i64> = lab
        .session_times
        .get_untracked()
        .map(|t| vec![t.idle_expires_at, t.absolute_expires_at])
        .unwrap_or_default();
    if let Some(store) = lab.store.get_untracked() {
        for row in &store.sessions {
            times.extend([row.idle_expires_at, row.absolute_expires_at]);
        }
        times.extend(store.denylist.iter().map(|r| r.expires_at));
    }
    let now = lab.now.get_untracked();
    times.retain(|t| *t > now);
    times.sort_unstable();
    times.dedup();
    times
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Outcome, SessionRow, StepKind, TraceStep};

    const NOW: i64 = 1_000;

    fn world<'a>(trace: &'a dyn Fn(&str) -> Option<RequestTrace>) -> World<'a> {
        World {
            locale: Locale::en,
            now: NOW,
            trace,
            store: None,
        }
    }

    fn no_trace(_: &str) -> Option<RequestTrace> {
        None
    }

    fn fresh() -> LabState {
        first_state(
            None,
            PageCard {
                view: None,
                form_error: None,
                logged_out: false,
            },
        )
    }

    fn act(state: &LabState, action: &str, fields: Option<Fields>) -> StepRequest {
        StepRequest {
            state: state.clone(),
            action: Some(action.into()),
            report: None,
            fields,
            has_token: false,
            token: None,
            browser: Some(Browser {
                cookie: String::new(),
                storage: None,
                offset_min: 540,
            }),
        }
    }

    fn report(state: &LabState, status: u16, body: &str, trace_id: Option<&str>) -> StepRequest {
        StepRequest {
            action: None,
            report: Some(Report {
                status,
                served_by: None,
                body: body.into(),
                trace_id: trace_id.map(Into::into),
                opened: None,
                duration_ms: Some(4.5),
            }),
            ..act(state, "", None)
        }
    }

    fn trace(id: &str, path: &str, steps: Vec<TraceStep>) -> RequestTrace {
        RequestTrace {
            id: id.into(),
            method: "GET".into(),
            path: path.into(),
            status: 200,
            duration_ms: 1.0,
            at: NOW,
            cookie_bytes: Some(48),
            authorization_bytes: None,
            steps,
            response_headers: Vec::new(),
            page: None,
        }
    }

    #[test]
    fn a_login_asks_for_the_real_request_and_keeps_no_password() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let fields = Fields {
                username: "alice".into(),
                password: "wonderland".into(),
                ttl_secs: "30".into(),
                trace_id: String::new(),
            };
            let step = step(act(&fresh(), "login", Some(fields)), &world(&no_trace)).unwrap();
            let send = step.send.expect("a request to send");
            assert_eq!(
                (send.method, send.path.as_str()),
                ("POST", "/api/session/login")
            );
            let body: serde_json::Value =
                serde_json::from_str(send.body.as_deref().unwrap()).unwrap();
            assert_eq!(body["ttl_secs"], 30);
            assert_eq!(body["password"], "wonderland");
            assert_eq!(step.state.doing, Some(Doing::SessionLogin));
            let kept = serde_json::to_string(&step.state).unwrap();
            assert!(!kept.contains("wonderland"), "{kept}");
        });
    }

    #[test]
    fn a_reported_login_is_recorded_with_the_servers_trace_and_worded() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let started = step(act(&fresh(), "login", None), &world(&no_trace)).unwrap();
            let set_cookie = TraceStep {
                step: StepKind::SetCookie,
                outcome: Outcome::Info,
                detail: "auth_lab_sid=sid:ab12…; HttpOnly; SameSite=Lax; Path=/".into(),
                hint: Some("sid:ab12".into()),
            };
            let traces = |id: &str| {
                (id == "t1").then(|| trace("t1", "/api/session/login", vec![set_cookie.clone()]))
            };
            let body = r#"{"username":"alice","role":"user","mode":"session","idle_expires_at":1030,
                "absolute_expires_at":4600,"ttl":{"secs":30,"source":"requested"},
                "cookie":{"http_only":true,"same_site":"lax","secure":false,"persistent":true}}"#;
            let done = step(
                report(&started.state, 200, body, Some("t1")),
                &world(&traces),
            )
            .unwrap();
            assert!(done.send.is_none());
            let state = done.state;
            assert_eq!(state.doing, None);
            assert_eq!(state.rows.len(), 1);
            assert_eq!(state.rows[0].status, 200);
            assert_eq!(state.rows[0].duration_ms, 4.5);
            assert_eq!(
                state.rows[0].trace.as_ref().map(|t| t.id.as_str()),
                Some("t1")
            );
            assert_eq!(state.my_hints, vec!["sid:ab12".to_owned()]);
            assert_eq!(state.session_times.map(|t| t.idle_expires_at), Some(1030));
            assert!(state.last_set_cookie.unwrap().contains("HttpOnly"));
            let banner = state.banner.unwrap();
            assert_eq!(banner.tone, super::super::Tone::Good);
            assert!(banner.text.contains("alice"), "{}", banner.text);
        });
    }

    #[test]
    fn an_expired_session_is_worded_from_the_refusal_and_forgets_the_lifetimes() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let mut state = fresh();
            state.session_times = Some(SessionTimes {
                idle_expires_at: 990,
                absolute_expires_at: 4_000,
            });
            let started = step(act(&state, "me", None), &world(&no_trace)).unwrap();
            assert_eq!(started.send.as_ref().unwrap().path, "/api/session/me");
            let body = r#"{"error":"unauthenticated","reason":"expired","message":"x"}"#;
            let done = step(report(&started.state, 401, body, None), &world(&no_trace)).unwrap();
            assert_eq!(done.state.session_times, None);
            assert_eq!(done.state.rows[0].refusal_code.as_deref(), Some("expired"));
            assert_eq!(done.state.banner.unwrap().tone, super::super::Tone::Warning);
        });
    }

    #[test]
    fn a_logout_reveals_the_dead_id_and_only_then_can_it_be_replayed() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let nothing = step(act(&fresh(), "replay_dead", None), &world(&no_trace)).unwrap();
            assert!(nothing.send.is_none(), "no ID to replay yet");
            let started = step(act(&fresh(), "logout", None), &world(&no_trace)).unwrap();
            let body = r#"{"mode":"session","server_state_changed":true,"message":"m","dead_session_id":"abc"}"#;
            let done = step(report(&started.state, 200, body, None), &world(&no_trace)).unwrap();
            assert_eq!(done.state.dead_session_id.as_deref(), Some("abc"));
            let replay = step(act(&done.state, "replay_dead", None), &world(&no_trace)).unwrap();
            let send = replay.send.unwrap();
            assert_eq!(send.path, "/api/lab/replay-session");
            assert!(send.body.unwrap().contains("abc"));
        });
    }

    #[test]
    fn the_feed_lists_someone_elses_request_and_a_busy_lab_refuses_a_new_action() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let traces =
                |id: &str| (id == "f1").then(|| trace("f1", "/api/session/me", Vec::new()));
            let fields = Fields {
                trace_id: "f1".into(),
                ..Fields::default()
            };
            let fed = step(act(&fresh(), "feed", Some(fields)), &world(&traces)).unwrap();
            assert!(fed.state.feed_live);
            assert_eq!(fed.state.rows.len(), 1);
            assert!(fed.state.rows[0].foreign());
            let started = step(act(&fed.state, "me", None), &world(&no_trace)).unwrap();
            let again = step(act(&started.state, "logout", None), &world(&no_trace));
            assert_eq!(again.err(), Some(StepError::Busy));
            let unknown = step(act(&fresh(), "hack", None), &world(&no_trace));
            assert_eq!(unknown.err(), Some(StepError::UnknownAction("hack".into())));
            let stray = step(report(&fresh(), 200, "{}", None), &world(&no_trace));
            assert_eq!(stray.err(), Some(StepError::NothingAsked));
        });
    }

    #[test]
    fn the_feed_takes_several_reports_at_once_and_the_state_keeps_the_newest_rows() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let traces = |id: &str| Some(trace(id, "/api/session/me", Vec::new()));
            let mut state = fresh();
            for round in 0..7 {
                let ids: Vec<String> = (0..10).map(|i| format!("t{round}-{i}")).collect();
                let fields = Fields {
                    trace_id: ids.join(" "),
                    ..Fields::default()
                };
                state = step(act(&state, "feed", Some(fields)), &world(&traces))
                    .unwrap()
                    .state;
            }
            assert_eq!(state.rows.len(), ROWS_KEPT);
            // Numbered on from the newest, never reusing a number the page still shows.
            assert_eq!(state.rows.first().map(|r| r.seq), Some(70 - ROWS_KEPT + 1));
            assert_eq!(state.rows.last().map(|r| r.seq), Some(70));
            let many = Fields {
                trace_id: (0..30).map(|i| format!("x{i} ")).collect(),
                ..Fields::default()
            };
            let fed = step(act(&fresh(), "feed", Some(many)), &world(&traces)).unwrap();
            assert_eq!(fed.state.rows.len(), FEED_BATCH);
        });
    }

    #[test]
    fn a_token_another_page_stored_shows_in_this_pages_picture() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            // A JWT whose payload is {"exp":2000}, as gloo-storage stores it (JSON).
            let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjIwMDB9.c2ln";
            let mut request = act(&fresh(), "resume", None);
            request.browser = Some(Browser {
                cookie: "theme=dark".into(),
                storage: Some(format!("\"{token}\"")),
                offset_min: 0,
            });
            let step = step(request, &world(&no_trace)).unwrap();
            assert_eq!(step.lab.token.get_untracked().as_deref(), Some(token));
            assert_eq!(step.lab.token_exp.get_untracked(), Some(2000));
            assert_eq!(step.lab.document_cookie.get_untracked(), "theme=dark");
        });
    }

    #[test]
    fn times_are_written_in_the_readers_zone_once_the_relay_reported_it() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let started = step(act(&fresh(), "me", None), &world(&no_trace)).unwrap();
            // 54_245 s is 15:04:05 UTC, 00:04:05 in Seoul (the reported +540 min).
            let body = r#"{"username":"alice","role":"user","idle_expires_at":54245,"absolute_expires_at":90000,"created_at":0}"#;
            let done = step(report(&started.state, 200, body, None), &world(&no_trace)).unwrap();
            let text = done.state.banner.unwrap().text;
            assert!(text.contains("12:04:05 AM"), "{text}");
            assert!(!text.contains("UTC"), "{text}");
        });
    }

    #[test]
    fn due_times_are_the_expiries_still_ahead() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let mut state = fresh();
            state.session_times = Some(SessionTimes {
                idle_expires_at: 1_030,
                absolute_expires_at: 4_600,
            });
            let store = StoreView {
                backend: "memory".into(),
                count: 1,
                sessions: vec![SessionRow {
                    id_hint: "sid:x".into(),
                    username: "bob".into(),
                    created_at: 0,
                    idle_expires_at: 900,
                    absolute_expires_at: 1_030,
                    bytes: 10,
                }],
                denylist: Vec::new(),
                refresh_families: Vec::new(),
                total_bytes: 10,
            };
            let lab = lab_from(&state, Locale::en, NOW, Some(store));
            assert_eq!(due_times(lab), vec![1_030, 4_600]);
        });
    }
}
