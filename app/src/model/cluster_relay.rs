//! The `/cluster` lab as steps the server runs. A click starts an action; the step says
//! which real request the browser sends next (through the balancer or to the control API),
//! the browser reports the answer, and the next step logs it, judges it and asks for the
//! next request, until the action is done. The page's log and findings travel with each
//! step as `LabState`, so the server keeps nothing per page. Pure: the caller reads the
//! cluster and renders the result.

use serde::{Deserialize, Serialize};

use super::relay_wire::UNREADABLE;
pub use super::relay_wire::{Outgoing, Report, StepError, TokenChange};
use super::{
    cluster::{hints, Call, CallKind, Preset, Setup, Tracker},
    Mode,
};
use crate::api::{
    cluster::{ClusterUpdate, ClusterView},
    SessionLoginResponse, TokenLoginResponse,
};

/// How many `/me` calls the "many" button sends: four rounds of three nodes.
pub const MANY: usize = 12;
/// How many times the revoked token is replayed: once per node under round robin (the
/// findings judge the replays only if they met every running node).
pub const REPLAYS: usize = 3;

/// How many calls the log keeps (and shows, newest first): more than the largest batch,
/// so the spread of the last click is always whole.
pub const KEPT_CALLS: usize = 24;

/// The demo account the cluster lab logs in as (a public one, listed on every lab page).
const LOGIN_BODY: &str = r#"{"username":"alice","password":"wonderland"}"#;

/// What the page knows between steps. The browser holds it and sends it back with the
/// next step; a learner who edits it only changes their own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabState {
    pub mode: Mode,
    /// The latest requests sent through the balancer (at most `KEPT_CALLS`), oldest first.
    pub calls: Vec<Call>,
    pub tracker: Tracker,
    /// The last refusal of the control API, as its code (`cluster_unavailable`...).
    pub control_error: Option<String>,
    /// The action under way, and what it still waits for.
    pub doing: Option<Doing>,
}

impl Default for LabState {
    fn default() -> Self {
        Self {
            mode: Mode::Session,
            calls: Vec::new(),
            tracker: Tracker::default(),
            control_error: None,
            doing: None,
        }
    }
}

/// What a stop or start button switches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Switch {
    Node(String),
    Redis,
}

/// Everything the `/cluster` page can ask for, as its controls name it
/// (`data-relay-action`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Preset(Preset),
    Configure(ClusterUpdate),
    Mode(Mode),
    Switch(Switch, bool),
    LogIn,
    Me(usize),
    LogOut,
    ReplayRevoked,
}

impl Action {
    /// The name a control carries: `preset:sticky`, `routing:round_robin`, `store:redis`,
    /// `mode:token`, `node:node-2:stop`, `redis:start`, `login`, `me`, `me-many`,
    /// `logout`, `replay`.
    pub fn name(&self) -> String {
        match self {
            Self::Preset(preset) => format!("preset:{}", preset.key()),
            Self::Configure(ClusterUpdate {
                routing: Some(routing),
                ..
            }) => format!("routing:{}", wire_name(routing)),
            Self::Configure(ClusterUpdate { store, .. }) => {
                format!("store:{}", store.map_or_else(String::new, wire_name))
            }
            Self::Mode(mode) => format!("mode:{}", wire_name(mode)),
            Self::Switch(Switch::Node(id), on) => format!("node:{id}:{}", verb(*on)),
            Self::Switch(Switch::Redis, on) => format!("redis:{}", verb(*on)),
            Self::LogIn => "login".into(),
            Self::Me(1) => "me".into(),
            Self::Me(_) => "me-many".into(),
            Self::LogOut => "logout".into(),
            Self::ReplayRevoked => "replay".into(),
        }
    }

    /// Reads a control's name back; `None` for anything the page never names.
    pub fn parse(name: &str) -> Option<Self> {
        let mut parts = name.split(':');
        let action = match (parts.next()?, parts.next(), parts.next()) {
            ("preset", Some(key), None) => {
                Self::Preset(Preset::ALL.into_iter().find(|p| p.key() == key)?)
            }
            ("routing", Some(key), None) => Self::Configure(ClusterUpdate {
                routing: Some(from_wire_name(key)?),
                store: None,
            }),
            ("store", Some(key), None) => Self::Configure(ClusterUpdate {
                routing: None,
                store: Some(from_wire_name(key)?),
            }),
            ("mode", Some(key), None) => Self::Mode(from_wire_name(key)?),
            ("node", Some(id), Some(verb)) if !id.is_empty() => {
                Self::Switch(Switch::Node(id.to_owned()), switch_on(verb)?)
            }
            ("redis", Some(verb), None) => Self::Switch(Switch::Redis, switch_on(verb)?),
            ("login", None, None) => Self::LogIn,
            ("me", None, None) => Self::Me(1),
            ("me-many", None, None) => Self::Me(MANY),
            ("logout", None, None) => Self::LogOut,
            ("replay", None, None) => Self::ReplayRevoked,
            _ => return None,
        };
        parts.next().is_none().then_some(action)
    }
}

/// A routing's, store's or mode's name as the JSON API spells it (its serde name), so a
/// control's name and `PUT /api/cluster` agree by construction.
fn wire_name<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn from_wire_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

fn verb(on: bool) -> &'static str {
    if on {
        "start"
    } else {
        "stop"
    }
}

fn switch_on(verb: &str) -> Option<bool> {
    match verb {
        "start" => Some(true),
        "stop" => Some(false),
        _ => None,
    }
}

/// An action under way: what its next report is the answer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Doing {
    Configure {
        store_changed: bool,
    },
    Switch {
        what: Switch,
        on: bool,
    },
    /// `before` is the session hints the cluster held before the login, to tell the
    /// login's own rows from everyone else's.
    LogIn {
        before: Vec<String>,
        batch: usize,
    },
    Me {
        left: usize,
        batch: usize,
    },
    LogOut {
        batch: usize,
    },
    Replay {
        left: usize,
        batch: usize,
        answers: Vec<(Option<String>, u16)>,
    },
}

/// One step's input: either a new action or the report of the request the last step
/// asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    pub state: LabState,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub report: Option<Report>,
    /// Whether localStorage holds the cluster token right now.
    #[serde(default)]
    pub has_token: bool,
}

/// A step's result: the new state, the next request (none when the action is done) and
/// the token change.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: LabState,
    pub send: Option<Outgoing>,
    pub token: TokenChange,
}

/// Whether a step needs the cluster read afresh: a login's start (the rows before it) and
/// every step that ends an action (the board it leaves, and what the findings judge). The
/// steps in between draw the board from the last reading and judge nothing by it.
pub fn needs_fresh_view(request: &StepRequest) -> bool {
    match (&request.action, &request.report, &request.state.doing) {
        (Some(name), None, _) => Action::parse(name) == Some(Action::LogIn),
        (None, Some(_), Some(Doing::Me { left, .. } | Doing::Replay { left, .. })) => *left <= 1,
        _ => true,
    }
}

/// Runs one step against the cluster as the server read it (`view`).
pub fn step(request: StepRequest, view: &ClusterView) -> Result<Step, StepError> {
    let StepRequest {
        mut state,
        action,
        report,
        ..
    } = request;
    match (action, report) {
        (Some(name), None) => {
            if state.doing.is_some() {
                return Err(StepError::Busy);
            }
            let action = Action::parse(&name)
                // Only the nodes the cluster has: the id goes into a request path.
                .filter(|action| match action {
                    Action::Switch(Switch::Node(id), _) => view.nodes.iter().any(|n| n.id == *id),
                    _ => true,
                })
                .ok_or(StepError::UnknownAction(name))?;
            state.control_error = None;
            Ok(start(state, action, view))
        }
        (None, Some(report)) => {
            let doing = state.doing.take().ok_or(StepError::NothingAsked)?;
            Ok(answered(state, doing, report, view))
        }
        _ => Err(StepError::NothingAsked),
    }
}

fn setup(state: &LabState, view: &ClusterView) -> Setup {
    Setup {
        routing: view.routing,
        store: view.store,
        mode: state.mode,
    }
}

fn next_batch(state: &LabState) -> usize {
    state.calls.last().map_or(1, |c| c.batch.saturating_add(1))
}

fn set_mode(state: &mut LabState, mode: Mode) {
    if mode != state.mode {
        state.tracker.mode_changed();
    }
    state.mode = mode;
}

fn done(state: LabState, token: TokenChange) -> Step {
    Step {
        state,
        send: None,
        token,
    }
}

fn next(mut state: LabState, doing: Doing, send: Outgoing) -> Step {
    state.doing = Some(doing);
    Step {
        state,
        send: Some(send),
        token: TokenChange::Keep,
    }
}

/// The balancer's address of an auth endpoint: the same contract as the lab's own.
fn balanced(endpoint: &str) -> String {
    format!("/cluster/api/{endpoint}")
}

fn me_request(mode: Mode) -> Outgoing {
    match mode {
        Mode::Session => Outgoing::new("GET", balanced("session/me"), None),
        Mode::Token => Outgoing::new("GET", balanced("token/me"), None).with_bearer(),
    }
}

fn configure(state: LabState, update: ClusterUpdate, view: &ClusterView) -> Step {
    let store_changed = update.store.is_some_and(|store| store != view.store);
    let body = serde_json::to_string(&update).unwrap_or_else(|_| "{}".into());
    next(
        state,
        Doing::Configure { store_changed },
        Outgoing::new("PUT", "/api/cluster", Some(&body)),
    )
}

fn start(mut state: LabState, action: Action, view: &ClusterView) -> Step {
    match action {
        Action::Preset(preset) => {
            let setup = preset.setup();
            set_mode(&mut state, setup.mode);
            let update = ClusterUpdate {
                routing: Some(setup.routing),
                store: Some(setup.store),
            };
            configure(state, update, view)
        }
        Action::Configure(update) => configure(state, update, view),
        Action::Mode(mode) => {
            set_mode(&mut state, mode);
            done(state, TokenChange::Keep)
        }
        Action::Switch(what, on) => {
            let path = match &what {
                Switch::Node(id) => format!("/api/cluster/nodes/{id}/{}", verb(on)),
                Switch::Redis => format!("/api/cluster/redis/{}", verb(on)),
            };
            next(
                state,
                Doing::Switch { what, on },
                Outgoing::new("POST", path, Some("{}")),
            )
        }
        Action::LogIn => {
            let batch = next_batch(&state);
            let path = match state.mode {
                Mode::Session => balanced("session/login"),
                Mode::Token => balanced("token/login"),
            };
            let before = hints(view);
            next(
                state,
                Doing::LogIn { before, batch },
                Outgoing::new("POST", path, Some(LOGIN_BODY)),
            )
        }
        Action::Me(times) => {
            let batch = next_batch(&state);
            let send = me_request(state.mode);
            let left = times.max(1);
            next(state, Doing::Me { left, batch }, send)
        }
        Action::LogOut => {
            let batch = next_batch(&state);
            let send = match state.mode {
                Mode::Session => Outgoing::new("POST", balanced("session/logout"), Some("{}")),
                // The page keeps its token until the replays: they send it as a thief's
                // copy would.
                Mode::Token => {
                    Outgoing::new("POST", balanced("token/logout"), Some(r#"{"revoke":true}"#))
                        .with_bearer()
                }
            };
            next(state, Doing::LogOut { batch }, send)
        }
        Action::ReplayRevoked => {
            let batch = next_batch(&state);
            let doing = Doing::Replay {
                left: REPLAYS,
                batch,
                answers: Vec::new(),
            };
            next(state, doing, me_request(Mode::Token))
        }
    }
}

/// Adds one request through the balancer to the log, with `code` for what went wrong.
fn record(
    state: &mut LabState,
    kind: CallKind,
    batch: usize,
    report: &Report,
    code: Option<String>,
) {
    let seq = state.calls.last().map_or(1, |c| c.seq.saturating_add(1));
    state.calls.push(Call {
        seq,
        kind,
        mode: state.mode,
        node: report.served_by.clone(),
        status: report.status,
        code,
        batch,
    });
    let over = state.calls.len().saturating_sub(KEPT_CALLS);
    state.calls.drain(..over);
}

fn answered(mut state: LabState, doing: Doing, report: Report, view: &ClusterView) -> Step {
    let setup = setup(&state, view);
    match doing {
        Doing::Configure { store_changed } => {
            match report.refusal() {
                None => state.tracker.reconfigured(store_changed),
                Some(code) => state.control_error = Some(code),
            }
            done(state, TokenChange::Keep)
        }
        Doing::Switch { what, on } => {
            match report.refusal() {
                None if !on => match &what {
                    Switch::Node(id) => state.tracker.node_stopped(id),
                    Switch::Redis => state.tracker.redis_stopped(),
                },
                None => {}
                Some(code) => state.control_error = Some(code),
            }
            done(state, TokenChange::Keep)
        }
        Doing::LogIn { before, batch } => {
            // A login counts only with the answer it should have; a 200 without a token is
            // not one the page can use.
            let token = match (report.ok(), state.mode) {
                (false, _) => None,
                (true, Mode::Session) => serde_json::from_str::<SessionLoginResponse>(&report.body)
                    .ok()
                    .map(|_| TokenChange::Keep),
                (true, Mode::Token) => serde_json::from_str::<TokenLoginResponse>(&report.body)
                    .ok()
                    .map(|login| TokenChange::Store(login.access_token)),
            };
            let code = match (&token, report.ok()) {
                (None, true) => Some(UNREADABLE.into()),
                _ => report.refusal(),
            };
            record(&mut state, CallKind::LogIn, batch, &report, code);
            if let (Some(_), Some(node)) = (&token, &report.served_by) {
                state.tracker.logged_in(setup, node, &before, view);
            }
            done(state, token.unwrap_or(TokenChange::Keep))
        }
        Doing::Me { left, batch } => {
            record(&mut state, CallKind::Me, batch, &report, report.refusal());
            state.tracker.answered_me(setup, report.status);
            match left.saturating_sub(1) {
                0 => done(state, TokenChange::Keep),
                left => {
                    let send = me_request(state.mode);
                    next(state, Doing::Me { left, batch }, send)
                }
            }
        }
        Doing::LogOut { batch } => {
            record(
                &mut state,
                CallKind::LogOut,
                batch,
                &report,
                report.refusal(),
            );
            match state.mode {
                Mode::Session => state.tracker.logged_out_session(setup, view),
                Mode::Token if report.status == 200 => state.tracker.revoked_token(),
                Mode::Token => {}
            }
            done(state, TokenChange::Keep)
        }
        Doing::Replay {
            left,
            batch,
            mut answers,
        } => {
            record(
                &mut state,
                CallKind::Replay,
                batch,
                &report,
                report.refusal(),
            );
            answers.push((report.served_by, report.status));
            match left.saturating_sub(1) {
                0 => {
                    let up = view.nodes.iter().filter(|n| n.up).count();
                    state.tracker.replayed(setup, &answers, up);
                    done(state, TokenChange::Delete)
                }
                left => {
                    let doing = Doing::Replay {
                        left,
                        batch,
                        answers,
                    };
                    next(state, doing, me_request(Mode::Token))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cluster::{ClusterStore, NodeRow, NodeStatus, NodeView, RedisView, Routing};

    fn node(id: &str, rows: &[&str]) -> NodeView {
        let rows: Vec<NodeRow> = rows
            .iter()
            .map(|hint| NodeRow {
                id_hint: (*hint).into(),
                username: "alice".into(),
                bytes: 160,
                copy: false,
            })
            .collect();
        NodeView {
            id: id.into(),
            up: true,
            pid: Some(1),
            status: NodeStatus {
                sessions: rows.len(),
                bytes: rows.len() * 160,
                rows,
                ..NodeStatus::default()
            },
        }
    }

    fn cluster(routing: Routing, rows: [&[&str]; 3]) -> ClusterView {
        ClusterView {
            routing,
            store: ClusterStore::Local,
            nodes: vec![
                node("node-1", rows[0]),
                node("node-2", rows[1]),
                node("node-3", rows[2]),
            ],
            redis: RedisView {
                up: false,
                pid: None,
                managed: true,
            },
            started: true,
        }
    }

    fn empty() -> ClusterView {
        cluster(Routing::RoundRobin, [&[], &[], &[]])
    }

    /// A session login's answer, as a node sends it.
    const SESSION_LOGIN: &str = r#"{"username":"alice","role":"user","mode":"session",
        "idle_expires_at":1,"absolute_expires_at":2,"ttl":{"secs":120,"source":"default"},
        "cookie":{"http_only":true,"same_site":"lax","secure":false,"persistent":false}}"#;

    fn start(state: LabState, action: &str, view: &ClusterView) -> Result<Step, StepError> {
        step(
            StepRequest {
                state,
                action: Some(action.into()),
                report: None,
                has_token: false,
            },
            view,
        )
    }

    fn report(
        state: LabState,
        status: u16,
        node: Option<&str>,
        body: &str,
        view: &ClusterView,
    ) -> Step {
        step(
            StepRequest {
                state,
                action: None,
                report: Some(Report {
                    status,
                    served_by: node.map(Into::into),
                    body: body.into(),
                    trace_id: None,
                    opened: None,
                    duration_ms: None,
                }),
                has_token: false,
            },
            view,
        )
        .expect("a report the step asked for")
    }

    #[test]
    fn every_control_name_reads_back_as_its_action() {
        let actions = [
            Action::Preset(Preset::CentralRedis),
            Action::Configure(ClusterUpdate {
                routing: Some(Routing::Sticky),
                store: None,
            }),
            Action::Configure(ClusterUpdate {
                routing: None,
                store: Some(ClusterStore::Replicated),
            }),
            Action::Mode(Mode::Token),
            Action::Switch(Switch::Node("node-2".into()), false),
            Action::Switch(Switch::Redis, true),
            Action::LogIn,
            Action::Me(1),
            Action::Me(MANY),
            Action::LogOut,
            Action::ReplayRevoked,
        ];
        let names: Vec<String> = actions.iter().map(Action::name).collect();
        assert_eq!(
            names,
            [
                "preset:central-redis",
                "routing:sticky",
                "store:replicated",
                "mode:token",
                "node:node-2:stop",
                "redis:start",
                "login",
                "me",
                "me-many",
                "logout",
                "replay",
            ]
        );
        for action in actions {
            assert_eq!(
                Action::parse(&action.name()),
                Some(action.clone()),
                "{}",
                action.name()
            );
        }
        for junk in [
            "",
            "preset:nope",
            "node::stop",
            "node:node-1:pause",
            "node:node-1:stop:now",
            "redis",
            "me:2",
            "login:now",
        ] {
            assert_eq!(Action::parse(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn a_new_action_while_one_waits_or_a_report_nobody_asked_for_is_refused() {
        let view = empty();
        let waiting = start(LabState::default(), "me", &view).unwrap().state;
        assert_eq!(start(waiting, "login", &view), Err(StepError::Busy));
        let unasked = StepRequest {
            state: LabState::default(),
            action: None,
            report: Some(Report {
                status: 200,
                served_by: None,
                body: String::new(),
                trace_id: None,
                opened: None,
                duration_ms: None,
            }),
            has_token: false,
        };
        assert_eq!(step(unasked, &view), Err(StepError::NothingAsked));
        assert_eq!(
            start(LabState::default(), "dance", &view),
            Err(StepError::UnknownAction("dance".into()))
        );
    }

    #[test]
    fn a_session_login_through_the_balancer_is_logged_and_found_on_its_node() {
        let before = empty();
        let step = start(LabState::default(), "login", &before).unwrap();
        let send = step.send.clone().unwrap();
        assert_eq!(
            (send.method, send.path.as_str()),
            ("POST", "/cluster/api/session/login")
        );
        assert!(!send.bearer);
        let after = cluster(Routing::RoundRobin, [&[], &["abcd"], &[]]);
        let step = report(step.state, 200, Some("node-2"), SESSION_LOGIN, &after);
        assert_eq!(step.send, None);
        assert_eq!(step.token, TokenChange::Keep);
        assert_eq!(step.state.tracker.logged_in_at(), Some("node-2"));
        let call = &step.state.calls[0];
        assert_eq!(
            (call.seq, call.status, call.node.as_deref()),
            (1, 200, Some("node-2"))
        );
        let (_, findings) = &step.state.tracker.rows[0];
        assert_eq!(findings.copies, Some(1));
    }

    #[test]
    fn many_calls_of_me_ask_for_one_request_each_and_log_every_refusal_code() {
        let view = empty();
        let mut step = start(LabState::default(), "me-many", &view).unwrap();
        let mut sent = 0;
        while step.send.is_some() {
            sent += 1;
            let node = format!("node-{}", sent % 3 + 1);
            let body = r#"{"error":"unauthorized","reason":"unknown_session","message":"x"}"#;
            step = report(step.state, 401, Some(&node), body, &view);
        }
        assert_eq!(sent, MANY);
        assert_eq!(step.state.calls.len(), MANY);
        assert!(step
            .state
            .calls
            .iter()
            .all(|c| c.batch == 1 && c.code.as_deref() == Some("unknown_session")));
        assert_eq!(step.state.doing, None);
    }

    #[test]
    fn the_log_keeps_the_latest_calls_and_counts_on() {
        let view = empty();
        let mut state = LabState::default();
        for _ in 0..3 {
            let mut step = start(state, "me-many", &view).unwrap();
            while step.send.is_some() {
                step = report(step.state, 200, Some("node-1"), "{}", &view);
            }
            state = step.state;
        }
        assert_eq!(state.calls.len(), KEPT_CALLS);
        assert_eq!(
            state.calls.last().map(|c| (c.seq, c.batch)),
            Some((3 * MANY, 3))
        );
    }

    #[test]
    fn a_token_login_hands_the_token_to_the_browser_and_the_replays_take_it_back() {
        let view = empty();
        let state = start(LabState::default(), "mode:token", &view)
            .unwrap()
            .state;
        assert_eq!(state.mode, Mode::Token);
        let step = start(state, "login", &view).unwrap();
        assert_eq!(step.send.as_ref().unwrap().path, "/cluster/api/token/login");
        let body = r#"{"access_token":"h.p.s","token_type":"Bearer","expires_in":120,
            "expires_at":1,"ttl":{"secs":120,"source":"default"},"leeway_secs":0}"#;
        let step = report(step.state, 200, Some("node-1"), body, &view);
        assert_eq!(
            step.token,
            TokenChange::Store("h.p.s".into()),
            "{:?}",
            step.state.calls
        );

        let step = start(step.state, "logout", &view).unwrap();
        let send = step.send.clone().unwrap();
        assert!(send.bearer);
        assert_eq!(send.body.as_deref(), Some(r#"{"revoke":true}"#));
        let step = report(step.state, 200, Some("node-1"), "{}", &view);
        assert!(step.state.tracker.has_revoked_token());

        let mut step = start(step.state, "replay", &view).unwrap();
        let mut nodes = ["node-1", "node-2", "node-3"].into_iter();
        while let Some(send) = step.send.clone() {
            assert!(send.bearer && send.path == "/cluster/api/token/me");
            let node = nodes.next().expect("three replays");
            let status = if node == "node-1" { 401 } else { 200 };
            step = report(step.state, status, Some(node), "{}", &view);
        }
        assert_eq!(step.token, TokenChange::Delete);
        let jwt = Preset::Jwt.setup();
        let found = step
            .state
            .tracker
            .rows
            .iter()
            .find(|(s, _)| *s == jwt)
            .map(|(_, f)| f.logout_everywhere);
        assert_eq!(found, Some(Some(false)));
    }

    #[test]
    fn a_refused_control_request_keeps_its_code_for_the_page() {
        let view = empty();
        let step = start(LabState::default(), "redis:stop", &view).unwrap();
        assert_eq!(step.send.as_ref().unwrap().path, "/api/cluster/redis/stop");
        let body = r#"{"error":"redis_not_in_use","reason":null,"message":"x"}"#;
        let step = report(step.state, 409, None, body, &view);
        assert_eq!(
            step.state.control_error.as_deref(),
            Some("redis_not_in_use")
        );
        assert!(
            step.state.calls.is_empty(),
            "control requests are not balancer calls"
        );
        let step = report(
            start(step.state, "node:node-1:stop", &view).unwrap().state,
            0,
            None,
            "",
            &view,
        );
        assert_eq!(step.state.control_error.as_deref(), Some("network"));
    }

    #[test]
    fn a_preset_sends_its_whole_setup_and_a_new_store_forgets_the_login() {
        let view = cluster(Routing::RoundRobin, [&["abcd"], &[], &[]]);
        let mut state = LabState::default();
        state
            .tracker
            .logged_in(Preset::RoundRobinLocal.setup(), "node-1", &[], &view);
        let step = start(state, "preset:central-redis", &view).unwrap();
        let send = step.send.clone().unwrap();
        assert_eq!((send.method, send.path.as_str()), ("PUT", "/api/cluster"));
        assert_eq!(
            send.body.as_deref(),
            Some(r#"{"routing":"round_robin","store":"redis"}"#)
        );
        let step = report(step.state, 200, None, "{}", &view);
        assert_eq!(step.state.tracker.logged_in_at(), None);
    }

    #[test]
    fn the_state_survives_its_trip_through_the_browser() {
        let view = empty();
        let step = start(LabState::default(), "login", &view).unwrap();
        let json = serde_json::to_string(&step.state).unwrap();
        let back: LabState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, step.state);
    }

    #[test]
    fn only_the_clusters_own_nodes_can_be_switched() {
        let view = empty();
        assert!(start(LabState::default(), "node:node-3:stop", &view).is_ok());
        for name in [
            "node:node-9:stop",
            "node:..%2F..%2Fapi%2Fx:stop",
            "node:../x:start",
        ] {
            assert_eq!(
                start(LabState::default(), name, &view),
                Err(StepError::UnknownAction(name.into()))
            );
        }
    }

    #[test]
    fn an_answer_that_is_not_the_json_it_should_be_is_logged_as_unreadable_and_counts_for_nothing()
    {
        let view = cluster(Routing::RoundRobin, [&["abcd"], &[], &[]]);
        let step = start(LabState::default(), "login", &empty()).unwrap();
        let step = report(step.state, 200, Some("node-1"), "{}", &view);
        assert_eq!(step.state.calls[0].code.as_deref(), Some("unreadable"));
        assert_eq!(step.state.tracker.logged_in_at(), None);
        let step = start(step.state, "me", &view).unwrap();
        let step = report(step.state, 200, Some("node-1"), "<html>", &view);
        assert_eq!(step.state.calls[1].code.as_deref(), Some("unreadable"));
    }

    #[test]
    fn only_a_logins_start_and_the_step_that_ends_an_action_read_the_cluster_afresh() {
        let view = empty();
        let asked = |state: &LabState, action: Option<&str>| StepRequest {
            state: state.clone(),
            action: action.map(Into::into),
            report: action.is_none().then(|| Report {
                status: 200,
                served_by: None,
                body: "{}".into(),
                trace_id: None,
                opened: None,
                duration_ms: None,
            }),
            has_token: false,
        };
        let fresh = LabState::default();
        assert!(needs_fresh_view(&asked(&fresh, Some("login"))));
        assert!(!needs_fresh_view(&asked(&fresh, Some("me-many"))));
        let mut step = start(fresh, "me-many", &view).unwrap();
        let mut fresh_reads = 0;
        while step.send.is_some() {
            fresh_reads += usize::from(needs_fresh_view(&asked(&step.state, None)));
            step = report(step.state, 200, Some("node-1"), "{}", &view);
        }
        assert_eq!(fresh_reads, 1, "only the twelfth answer ends the action");
        let configuring = start(LabState::default(), "store:redis", &view)
            .unwrap()
            .state;
        assert!(needs_fresh_view(&asked(&configuring, None)));
    }

    #[test]
    fn a_state_at_the_end_of_its_counters_does_not_overflow() {
        let view = empty();
        let mut state = LabState::default();
        state.calls.push(Call {
            seq: usize::MAX,
            kind: CallKind::Me,
            mode: Mode::Session,
            node: None,
            status: 200,
            code: None,
            batch: usize::MAX,
        });
        let step = start(state, "me", &view).unwrap();
        let step = report(step.state, 200, Some("node-1"), "{}", &view);
        let last = step.state.calls.last().unwrap();
        assert_eq!((last.seq, last.batch), (usize::MAX, usize::MAX));
    }
}
