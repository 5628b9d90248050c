//! The cluster lab's pure rules: the five presets, what one request through the balancer
//! showed, and the findings table, which fills in only from what the learner really ran.

use serde::{Deserialize, Serialize};

use crate::api::cluster::{ClusterStore, ClusterView, Routing};

use super::Mode;

/// The five set-ups the interview answers name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    RoundRobinLocal,
    Sticky,
    Clustering,
    CentralRedis,
    Jwt,
}

impl Preset {
    pub const ALL: [Self; 5] = [
        Self::RoundRobinLocal,
        Self::Sticky,
        Self::Clustering,
        Self::CentralRedis,
        Self::Jwt,
    ];

    pub fn setup(self) -> Setup {
        let (routing, store, mode) = match self {
            Self::RoundRobinLocal => (Routing::RoundRobin, ClusterStore::Local, Mode::Session),
            Self::Sticky => (Routing::Sticky, ClusterStore::Local, Mode::Session),
            Self::Clustering => (Routing::RoundRobin, ClusterStore::Replicated, Mode::Session),
            Self::CentralRedis => (Routing::RoundRobin, ClusterStore::Redis, Mode::Session),
            Self::Jwt => (Routing::RoundRobin, ClusterStore::Local, Mode::Token),
        };
        Setup {
            routing,
            store,
            mode,
        }
    }

    /// A fixed name for element ids and test hooks (never shown as text).
    pub fn key(self) -> &'static str {
        match self {
            Self::RoundRobinLocal => "round-robin-local",
            Self::Sticky => "sticky",
            Self::Clustering => "clustering",
            Self::CentralRedis => "central-redis",
            Self::Jwt => "jwt",
        }
    }

    /// The preset that is exactly this set-up, if any.
    pub fn of(setup: Setup) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.setup() == setup)
    }
}

/// A routing, a store and a way of keeping the login: one row of the findings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    pub routing: Routing,
    pub store: ClusterStore,
    pub mode: Mode,
}

/// What one request through the balancer was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    LogIn,
    Me,
    LogOut,
    /// The revoked token sent again, as whoever copied it would.
    Replay,
}

/// One request through the balancer, as the page saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub seq: usize,
    pub kind: CallKind,
    pub mode: Mode,
    /// `x-served-by`; `None` when the balancer itself answered (no node up).
    pub node: Option<String>,
    pub status: u16,
    /// The refusal's code (`unknown_session`, `store_unavailable`...), as the server sent it.
    pub code: Option<String>,
    /// Which batch of calls it belongs to (one click), for the spread per node.
    pub batch: usize,
}

/// How many calls of the latest batch each node served, in node order, and how many
/// found no node.
pub fn spread(calls: &[Call], nodes: &[String]) -> (Vec<usize>, usize) {
    let Some(batch) = calls.last().map(|c| c.batch) else {
        return (vec![0; nodes.len()], 0);
    };
    let latest: Vec<&Call> = calls.iter().filter(|c| c.batch == batch).collect();
    let per_node = nodes
        .iter()
        .map(|id| {
            latest
                .iter()
                .filter(|c| c.node.as_deref() == Some(id))
                .count()
        })
        .collect();
    let nowhere = latest.iter().filter(|c| c.node.is_none()).count();
    (per_node, nowhere)
}

/// What one session costs the server side right now: how many copies of it the cluster
/// keeps, and their bytes added up over every node (the average over the sessions held).
/// Under `redis` every node reports the same shared rows, which are one copy, held once.
pub fn footprint(view: &ClusterView) -> (usize, usize) {
    let held = totals(view);
    // Under `redis` every node reports the same shared records, each of them one copy.
    let distinct = if view.store == ClusterStore::Redis {
        held.records
    } else {
        hints(view).len()
    };
    match distinct {
        0 => (0, 0),
        distinct => (held.records.div_ceil(distinct), held.bytes / distinct),
    }
}

/// What the whole cluster holds and has sent between its nodes, from the nodes' own counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Session records kept, copies included (under `redis`, the shared records once).
    pub records: usize,
    pub bytes: usize,
    /// Copies the nodes sent to their peers since they started, and their bytes.
    pub copies_sent: u64,
    pub copy_bytes_sent: u64,
}

pub fn totals(view: &ClusterView) -> Totals {
    let up: Vec<_> = view.nodes.iter().filter(|n| n.up).collect();
    let (records, bytes) = if view.store == ClusterStore::Redis {
        up.first()
            .map_or((0, 0), |n| (n.status.sessions, n.status.bytes))
    } else {
        up.iter().fold((0, 0), |(r, b), n| {
            (r + n.status.sessions, b + n.status.bytes)
        })
    };
    Totals {
        records,
        bytes,
        copies_sent: view.nodes.iter().map(|n| n.status.copies_sent).sum(),
        copy_bytes_sent: view.nodes.iter().map(|n| n.status.copy_bytes_sent).sum(),
    }
}

/// The session hints the cluster holds, on any node that runs.
pub fn hints(view: &ClusterView) -> Vec<String> {
    let mut hints: Vec<String> = view
        .nodes
        .iter()
        .filter(|n| n.up)
        .flat_map(|n| n.status.rows.iter().map(|r| r.id_hint.clone()))
        .collect();
    hints.sort_unstable();
    hints.dedup();
    hints
}

/// What one set-up has shown so far; `None` is "not tried yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    pub survives_node_stop: Option<bool>,
    pub survives_redis_stop: Option<bool>,
    pub copies: Option<usize>,
    pub bytes: Option<usize>,
    pub logout_everywhere: Option<bool>,
}

/// What the next `/me` answer will tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Pending {
    NodeStop,
    RedisStop,
}

/// Follows one browser's login through the lab and turns what happened into findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    /// The node that answered the login, while the page believes it is logged in.
    login_node: Option<String>,
    /// Session hints that appeared with the login.
    mine: Vec<String>,
    pending: Option<Pending>,
    /// After a token logout with revocation: the replays still to judge.
    revoked: bool,
    pub rows: Vec<(Setup, Findings)>,
}

impl Tracker {
    fn findings(&mut self, setup: Setup) -> &mut Findings {
        if let Some(index) = self.rows.iter().position(|(s, _)| *s == setup) {
            return &mut self.rows[index].1;
        }
        self.rows.push((setup, Findings::default()));
        &mut self.rows.last_mut().expect("just pushed").1
    }

    /// A new store or routing: what was pending belongs to the old set-up. A new store
    /// also restarts every node empty, so the login is gone.
    pub fn reconfigured(&mut self, store_changed: bool) {
        self.pending = None;
        if store_changed {
            self.forget_login();
        }
    }

    /// Another way of keeping the login: what this page knew of the old one no longer
    /// describes the requests it sends next.
    pub fn mode_changed(&mut self) {
        self.pending = None;
        self.forget_login();
    }

    fn forget_login(&mut self) {
        self.login_node = None;
        self.mine.clear();
        // A restart also emptied the deny-lists, so a replay would prove nothing.
        self.revoked = false;
    }

    /// A successful login through `node`; `before` is what [`hints`] gave just before it,
    /// `after` the cluster's view after it (for the session's own rows and what they cost).
    pub fn logged_in(&mut self, setup: Setup, node: &str, before: &[String], after: &ClusterView) {
        self.login_node = Some(node.to_owned());
        self.pending = None;
        self.revoked = false;
        self.mine = hints(after)
            .into_iter()
            .filter(|h| !before.contains(h))
            .collect();
        let (copies, bytes) = match setup.mode {
            Mode::Session => footprint(after),
            // A token is kept by the browser alone: the cluster holds nothing for it.
            Mode::Token => (0, 0),
        };
        let findings = self.findings(setup);
        findings.copies = Some(copies);
        findings.bytes = Some(bytes);
    }

    pub fn node_stopped(&mut self, node: &str) {
        if self.login_node.as_deref() == Some(node) {
            self.pending = Some(Pending::NodeStop);
        }
    }

    pub fn redis_stopped(&mut self) {
        if self.login_node.is_some() {
            self.pending = Some(Pending::RedisStop);
        }
    }

    /// A `/me` answer: the first one after a stop says whether the login survived it.
    pub fn answered_me(&mut self, setup: Setup, status: u16) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let survived = Some(status == 200);
        let findings = self.findings(setup);
        match pending {
            Pending::NodeStop => findings.survives_node_stop = survived,
            Pending::RedisStop => findings.survives_redis_stop = survived,
        }
    }

    /// A session logout: it reached every node if none of them still holds the login's
    /// rows afterwards.
    pub fn logged_out_session(&mut self, setup: Setup, after: &ClusterView) {
        let left = hints(after);
        let everywhere = !self.mine.iter().any(|h| left.contains(h));
        if !self.mine.is_empty() {
            self.findings(setup).logout_everywhere = Some(everywhere);
        }
        self.login_node = None;
        self.mine.clear();
        self.pending = None;
    }

    /// A token logout that asked for revocation; the replays that follow judge it.
    pub fn revoked_token(&mut self) {
        self.login_node = None;
        self.pending = None;
        self.revoked = true;
    }

    /// The revoked token replayed: `(node that answered, status)` for each replay. The
    /// revocation reached every node only if every node that is up refused it; replays
    /// that missed a running node (sticky routing, a node down) cannot tell.
    pub fn replayed(&mut self, setup: Setup, answers: &[(Option<String>, u16)], up_nodes: usize) {
        let mut nodes: Vec<&str> = answers.iter().filter_map(|(n, _)| n.as_deref()).collect();
        nodes.sort_unstable();
        nodes.dedup();
        if !self.revoked || nodes.len() < up_nodes || up_nodes == 0 {
            return;
        }
        let everywhere = answers.iter().all(|(_, s)| *s == 401);
        self.findings(setup).logout_everywhere = Some(everywhere);
    }

    pub fn logged_in_at(&self) -> Option<&str> {
        self.login_node.as_deref()
    }

    pub fn has_revoked_token(&self) -> bool {
        self.revoked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cluster::{NodeRow, NodeStatus, NodeView, RedisView};

    fn node(id: &str, up: bool, rows: &[(&str, bool)]) -> NodeView {
        let rows: Vec<NodeRow> = rows
            .iter()
            .map(|(hint, copy)| NodeRow {
                id_hint: (*hint).into(),
                username: "alice".into(),
                bytes: 160,
                copy: *copy,
            })
            .collect();
        NodeView {
            id: id.into(),
            up,
            pid: up.then_some(1),
            status: NodeStatus {
                sessions: rows.len(),
                bytes: rows.len() * 160,
                rows,
                ..NodeStatus::default()
            },
        }
    }

    fn view(store: ClusterStore, nodes: Vec<NodeView>) -> ClusterView {
        ClusterView {
            routing: Routing::RoundRobin,
            store,
            nodes,
            redis: RedisView {
                up: false,
                pid: None,
                managed: true,
            },
            started: true,
        }
    }

    #[test]
    fn every_preset_is_its_own_setup_and_is_found_again_from_it() {
        for preset in Preset::ALL {
            assert_eq!(Preset::of(preset.setup()), Some(preset), "{preset:?}");
        }
        let odd = Setup {
            routing: Routing::Sticky,
            store: ClusterStore::Redis,
            mode: Mode::Token,
        };
        assert_eq!(Preset::of(odd), None);
    }

    #[test]
    fn the_spread_counts_the_latest_batch_per_node() {
        let call = |batch, node: Option<&str>| Call {
            seq: 0,
            kind: CallKind::Me,
            mode: Mode::Session,
            node: node.map(Into::into),
            status: 200,
            code: None,
            batch,
        };
        let ids: Vec<String> = ["node-1", "node-2", "node-3"].map(String::from).into();
        let calls = vec![
            call(1, Some("node-3")),
            call(2, Some("node-1")),
            call(2, Some("node-1")),
            call(2, Some("node-2")),
            call(2, None),
        ];
        assert_eq!(spread(&calls, &ids), (vec![2, 1, 0], 1));
        assert_eq!(spread(&[], &ids), (vec![0, 0, 0], 0));
    }

    #[test]
    fn the_footprint_counts_copies_and_bytes_of_one_session_across_the_nodes() {
        let local = view(
            ClusterStore::Local,
            vec![
                node("node-1", true, &[("a", false)]),
                node("node-2", true, &[]),
                node("node-3", true, &[]),
            ],
        );
        assert_eq!(footprint(&local), (1, 160));
        let two = view(
            ClusterStore::Local,
            vec![node("node-1", true, &[("a", false), ("b", false)])],
        );
        assert_eq!(
            footprint(&two),
            (1, 160),
            "per session, not the cluster's total"
        );
        let replicated = view(
            ClusterStore::Replicated,
            vec![
                node("node-1", true, &[("a", false)]),
                node("node-2", true, &[("a", true)]),
                node("node-3", true, &[("a", true)]),
            ],
        );
        assert_eq!(footprint(&replicated), (3, 480));
        // Every node reads the same Redis: one copy, counted once.
        let redis = view(
            ClusterStore::Redis,
            vec![
                node("node-1", true, &[("a", false)]),
                node("node-2", true, &[("a", false)]),
            ],
        );
        assert_eq!(footprint(&redis), (1, 160));
        assert_eq!(footprint(&view(ClusterStore::Local, vec![])), (0, 0));
    }

    #[test]
    fn totals_add_every_nodes_records_but_count_a_shared_redis_once() {
        let mut replicated = view(
            ClusterStore::Replicated,
            vec![
                node("node-1", true, &[("a", false)]),
                node("node-2", true, &[("a", true)]),
            ],
        );
        replicated.nodes[0].status.copies_sent = 2;
        replicated.nodes[0].status.copy_bytes_sent = 320;
        let t = totals(&replicated);
        assert_eq!(
            (t.records, t.bytes, t.copies_sent, t.copy_bytes_sent),
            (2, 320, 2, 320)
        );
        let redis = view(
            ClusterStore::Redis,
            vec![
                node("node-1", true, &[("a", false)]),
                node("node-2", true, &[("a", false)]),
            ],
        );
        assert_eq!((totals(&redis).records, totals(&redis).bytes), (1, 160));
        let down = view(
            ClusterStore::Local,
            vec![node("node-1", false, &[("a", false)])],
        );
        assert_eq!(totals(&down).records, 0, "a stopped node holds nothing");
    }

    fn setup(preset: Preset) -> Setup {
        preset.setup()
    }

    #[test]
    fn a_stop_of_the_logins_node_is_judged_by_the_next_me_answer_only() {
        let empty = view(ClusterStore::Local, vec![node("node-1", true, &[])]);
        let after = view(
            ClusterStore::Local,
            vec![node("node-1", true, &[("a", false)])],
        );
        let sticky = setup(Preset::Sticky);
        let mut tracker = Tracker::default();
        tracker.logged_in(sticky, "node-1", &hints(&empty), &after);

        // Stopping another node proves nothing about this login.
        tracker.node_stopped("node-2");
        tracker.answered_me(sticky, 200);
        assert_eq!(tracker.rows[0].1.survives_node_stop, None);

        tracker.node_stopped("node-1");
        tracker.answered_me(sticky, 401);
        tracker.answered_me(sticky, 200); // later answers do not rewrite it
        let findings = &tracker.rows[0].1;
        assert_eq!(findings.survives_node_stop, Some(false));
        assert_eq!((findings.copies, findings.bytes), (Some(1), Some(160)));
    }

    #[test]
    fn a_redis_stop_counts_only_while_logged_in() {
        let redis = setup(Preset::CentralRedis);
        let mut tracker = Tracker::default();
        tracker.redis_stopped();
        tracker.answered_me(redis, 503);
        assert!(tracker.rows.is_empty(), "nobody was logged in");
        let v = view(ClusterStore::Redis, vec![]);
        tracker.logged_in(redis, "node-2", &hints(&v), &v);
        tracker.redis_stopped();
        tracker.answered_me(redis, 503);
        assert_eq!(tracker.rows[0].1.survives_redis_stop, Some(false));
    }

    #[test]
    fn a_session_logout_reaches_everywhere_only_if_no_node_keeps_the_logins_rows() {
        let before = view(
            ClusterStore::Local,
            vec![node("node-1", true, &[("old", false)])],
        );
        let after = view(
            ClusterStore::Local,
            vec![node("node-1", true, &[("old", false), ("a", false)])],
        );
        let rr = setup(Preset::RoundRobinLocal);
        let mut tracker = Tracker::default();
        tracker.logged_in(rr, "node-1", &hints(&before), &after);
        tracker.logged_out_session(rr, &after); // the logout met a node that did not know it
        assert_eq!(tracker.rows[0].1.logout_everywhere, Some(false));

        let clustering = setup(Preset::Clustering);
        let copies = view(
            ClusterStore::Replicated,
            vec![
                node("node-1", true, &[("b", false)]),
                node("node-2", true, &[("b", true)]),
            ],
        );
        tracker.logged_in(clustering, "node-1", &hints(&before), &copies);
        tracker.logged_out_session(clustering, &view(ClusterStore::Replicated, vec![]));
        assert_eq!(tracker.rows[1].1.logout_everywhere, Some(true));
    }

    #[test]
    fn revocation_reaches_everywhere_only_if_every_running_node_refuses_the_replay() {
        let jwt = setup(Preset::Jwt);
        let v = view(ClusterStore::Local, vec![]);
        let answer = |node: &str, status| (Some(node.to_owned()), status);
        let mut tracker = Tracker::default();
        tracker.replayed(jwt, &[answer("node-1", 401)], 1);
        assert!(tracker.rows.is_empty(), "nothing was revoked yet");
        tracker.logged_in(jwt, "node-1", &hints(&v), &v);
        assert_eq!(
            (tracker.rows[0].1.copies, tracker.rows[0].1.bytes),
            (Some(0), Some(0))
        );
        tracker.revoked_token();
        // Replays that all met the revoking node prove nothing about the others.
        let same = [
            answer("node-2", 401),
            answer("node-2", 401),
            answer("node-2", 401),
        ];
        tracker.replayed(jwt, &same, 3);
        assert_eq!(tracker.rows[0].1.logout_everywhere, None);
        let spread = [
            answer("node-2", 401),
            answer("node-3", 200),
            answer("node-1", 200),
        ];
        tracker.replayed(jwt, &spread, 3);
        assert_eq!(tracker.rows[0].1.logout_everywhere, Some(false));
    }

    #[test]
    fn a_new_mode_or_store_forgets_the_login_and_the_revocation() {
        let v = view(ClusterStore::Local, vec![]);
        let sticky = setup(Preset::Sticky);
        let mut tracker = Tracker::default();
        tracker.logged_in(sticky, "node-1", &hints(&v), &v);
        tracker.mode_changed();
        tracker.node_stopped("node-1");
        tracker.answered_me(setup(Preset::Jwt), 401);
        assert!(
            tracker
                .rows
                .iter()
                .all(|(_, f)| f.survives_node_stop.is_none()),
            "{tracker:?}"
        );

        tracker.revoked_token();
        tracker.reconfigured(true);
        assert!(
            !tracker.has_revoked_token(),
            "a restart empties the deny-lists"
        );
    }
}
