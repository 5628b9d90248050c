//! The `/cluster` page's state and what its buttons do. Every change is a real request to
//! the control API or through the balancer; the page then shows the cluster as the server
//! reports it (each node's own counts), never a guess.

use leptos::prelude::*;

use super::{
    cluster::{Call, CallKind, Preset, Setup, Tracker},
    lab_client::{self, Answered, Base, Switch},
    Mode,
};
use crate::{
    api::{
        cluster::{ClusterUpdate, ClusterView},
        TokenLogoutRequest,
    },
    client,
};

/// How many `/me` calls the "many" button sends: four rounds of three nodes.
pub const MANY: usize = 12;
/// How many times the revoked token is replayed: once per node under round robin (the
/// findings judge the replays only if they met every running node).
pub const REPLAYS: usize = 3;

/// The page's signals; `Copy`, so every handler can hold it.
#[derive(Debug, Clone, Copy)]
pub struct ClusterLab {
    pub view: RwSignal<ClusterView>,
    pub mode: RwSignal<Mode>,
    pub calls: RwSignal<Vec<Call>>,
    pub tracker: RwSignal<Tracker>,
    pub busy: RwSignal<bool>,
    pub hydrated: RwSignal<bool>,
    /// The last refusal of the control API, as its code (`cluster_unavailable`...).
    pub control_error: RwSignal<Option<String>>,
    /// A token the page still holds in localStorage.
    pub has_token: RwSignal<bool>,
}

impl ClusterLab {
    /// Starts from the cluster as the server found it while rendering the page.
    pub fn new(view: ClusterView) -> Self {
        Self {
            view: RwSignal::new(view),
            mode: RwSignal::new(Mode::Session),
            calls: RwSignal::new(Vec::new()),
            tracker: RwSignal::new(Tracker::default()),
            busy: RwSignal::new(false),
            hydrated: RwSignal::new(false),
            control_error: RwSignal::new(None),
            has_token: RwSignal::new(false),
        }
    }

    /// The set-up the page is in now: the cluster's routing and store, the page's mode.
    pub fn setup(self) -> Setup {
        let (routing, store) = self.view.with_untracked(|v| (v.routing, v.store));
        Setup {
            routing,
            store,
            mode: self.mode.get_untracked(),
        }
    }

    /// The browser-side start: the token this page may have kept from an earlier visit.
    pub fn start_in_browser(self) {
        Effect::new(move |_| {
            self.hydrated.set(true);
            self.has_token
                .set(client::load_token_at(client::CLUSTER_TOKEN_KEY).is_some());
        });
    }
}

/// Everything the `/cluster` page can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterAction {
    Preset(Preset),
    Configure(ClusterUpdate),
    Mode(Mode),
    Switch(Switch, bool),
    LogIn,
    Me(usize),
    LogOut,
    ReplayRevoked,
}

/// Runs one action to the end; the buttons are disabled meanwhile.
pub async fn run(lab: ClusterLab, action: ClusterAction) {
    if lab.busy.get_untracked() {
        return;
    }
    lab.busy.set(true);
    lab.control_error.set(None);
    match action {
        ClusterAction::Preset(preset) => {
            let setup = preset.setup();
            if setup.mode != lab.mode.get_untracked() {
                lab.tracker.update(Tracker::mode_changed);
            }
            lab.mode.set(setup.mode);
            let update = ClusterUpdate {
                routing: Some(setup.routing),
                store: Some(setup.store),
            };
            configure(lab, update).await;
        }
        ClusterAction::Configure(update) => configure(lab, update).await,
        ClusterAction::Mode(mode) => {
            if mode != lab.mode.get_untracked() {
                lab.tracker.update(Tracker::mode_changed);
            }
            lab.mode.set(mode);
        }
        ClusterAction::Switch(what, on) => switch(lab, what, on).await,
        ClusterAction::LogIn => log_in(lab).await,
        ClusterAction::Me(times) => me(lab, times).await,
        ClusterAction::LogOut => log_out(lab).await,
        ClusterAction::ReplayRevoked => replay_revoked(lab).await,
    }
    lab.busy.set(false);
}

/// Takes a control answer's view, or keeps its refusal code for the page to word.
fn take_view(
    lab: ClusterLab,
    answered: Result<Answered<ClusterView>, String>,
) -> Option<ClusterView> {
    match answered {
        Ok(Answered {
            answer: Ok(view), ..
        }) => {
            lab.view.set(view.clone());
            Some(view)
        }
        Ok(Answered {
            answer: Err(refusal),
            ..
        }) => {
            lab.control_error.set(Some(refusal.code));
            None
        }
        Err(_) => {
            lab.control_error.set(Some("network".into()));
            None
        }
    }
}

async fn refresh(lab: ClusterLab) -> Option<ClusterView> {
    take_view(lab, lab_client::cluster().await)
}

async fn configure(lab: ClusterLab, update: ClusterUpdate) {
    let before = lab.view.get_untracked().store;
    let changed = update.store.is_some_and(|store| store != before);
    if take_view(lab, lab_client::configure_cluster(&update).await).is_some() {
        lab.tracker.update(|t| t.reconfigured(changed));
    }
}

async fn switch(lab: ClusterLab, what: Switch, on: bool) {
    if take_view(lab, lab_client::switch_cluster(&what, on).await).is_some() && !on {
        lab.tracker.update(|t| match &what {
            Switch::Node(id) => t.node_stopped(id),
            Switch::Redis => t.redis_stopped(),
        });
    }
}

/// Adds one request to the log.
fn record(
    lab: ClusterLab,
    kind: CallKind,
    batch: usize,
    status: u16,
    node: Option<String>,
    code: Option<String>,
) {
    let mode = lab.mode.get_untracked();
    lab.calls.update(|calls| {
        let seq = calls.last().map_or(1, |c| c.seq + 1);
        calls.push(Call {
            seq,
            kind,
            mode,
            node,
            status,
            code,
            batch,
        });
    });
}

fn next_batch(lab: ClusterLab) -> usize {
    lab.calls
        .with_untracked(|calls| calls.last().map_or(1, |c| c.batch + 1))
}

/// Logs a typed answer, or a request that never got one (status 0).
fn log_answer<T>(
    lab: ClusterLab,
    kind: CallKind,
    batch: usize,
    answered: &Result<Answered<T>, String>,
) -> u16 {
    match answered {
        Ok(a) => {
            let code = a.answer.as_ref().err().map(|r| r.code.clone());
            record(lab, kind, batch, a.status, a.served_by.clone(), code);
            a.status
        }
        Err(_) => {
            record(lab, kind, batch, 0, None, Some("network".into()));
            0
        }
    }
}

async fn log_in(lab: ClusterLab) {
    let before = lab.view.get_untracked();
    let batch = next_batch(lab);
    let setup = lab.setup();
    let served_by = match setup.mode {
        Mode::Session => {
            let answered = lab_client::session_login(
                Base::Cluster,
                &crate::api::LoginRequest::new("alice", "wonderland"),
            )
            .await;
            log_answer(lab, CallKind::LogIn, batch, &answered);
            answered
                .ok()
                .filter(|a| a.answer.is_ok())
                .and_then(|a| a.served_by)
        }
        Mode::Token => {
            let login = crate::api::LoginRequest::new("alice", "wonderland");
            let answered = lab_client::token_login(Base::Cluster, &login).await;
            log_answer(lab, CallKind::LogIn, batch, &answered);
            let answered = answered.ok();
            let token = answered
                .as_ref()
                .and_then(|a| a.answer.as_ref().ok())
                .map(|t| t.access_token.clone());
            if let Some(token) = token {
                let kept = client::store_token_at(client::CLUSTER_TOKEN_KEY, &token).is_ok();
                lab.has_token.set(kept);
            }
            answered
                .filter(|a| a.answer.is_ok())
                .and_then(|a| a.served_by)
        }
    };
    let after = refresh(lab).await;
    if let (Some(node), Some(after)) = (served_by, after) {
        lab.tracker
            .update(|t| t.logged_in(setup, &node, &before, &after));
    }
}

async fn me(lab: ClusterLab, times: usize) {
    let batch = next_batch(lab);
    for _ in 0..times {
        let setup = lab.setup();
        let status = match setup.mode {
            Mode::Session => {
                let answered = lab_client::session_me(Base::Cluster).await;
                log_answer(lab, CallKind::Me, batch, &answered)
            }
            Mode::Token => {
                let token = client::load_token_at(client::CLUSTER_TOKEN_KEY);
                let answered = lab_client::token_me(Base::Cluster, token.as_deref()).await;
                log_answer(lab, CallKind::Me, batch, &answered)
            }
        };
        lab.tracker.update(|t| t.answered_me(setup, status));
    }
    refresh(lab).await;
}

async fn log_out(lab: ClusterLab) {
    let batch = next_batch(lab);
    let setup = lab.setup();
    match setup.mode {
        Mode::Session => {
            let answered = lab_client::session_logout(Base::Cluster).await;
            log_answer(lab, CallKind::LogOut, batch, &answered);
            if let Some(after) = refresh(lab).await {
                lab.tracker.update(|t| t.logged_out_session(setup, &after));
            }
        }
        Mode::Token => {
            // The page keeps its token until the replays: they send it as a thief's copy would.
            let token = client::load_token_at(client::CLUSTER_TOKEN_KEY);
            let request = TokenLogoutRequest { revoke: true };
            let answered =
                lab_client::token_logout(Base::Cluster, token.as_deref(), &request).await;
            if log_answer(lab, CallKind::LogOut, batch, &answered) == 200 {
                lab.tracker.update(Tracker::revoked_token);
            }
            refresh(lab).await;
        }
    }
}

async fn replay_revoked(lab: ClusterLab) {
    let batch = next_batch(lab);
    let setup = lab.setup();
    let token = client::load_token_at(client::CLUSTER_TOKEN_KEY);
    let mut answers = Vec::with_capacity(REPLAYS);
    for _ in 0..REPLAYS {
        let answered = lab_client::token_me(Base::Cluster, token.as_deref()).await;
        let status = log_answer(lab, CallKind::Replay, batch, &answered);
        answers.push((answered.ok().and_then(|a| a.served_by), status));
    }
    let up = lab
        .view
        .with_untracked(|v| v.nodes.iter().filter(|n| n.up).count());
    lab.tracker.update(|t| t.replayed(setup, &answers, up));
    client::delete_token_at(client::CLUSTER_TOKEN_KEY);
    lab.has_token.set(false);
    refresh(lab).await;
}
