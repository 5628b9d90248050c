//! The cluster lab's balancer rules, free of processes and sockets: the node names, and
//! which node gets a request under each routing policy, with the reason a learner reads.

pub use app::api::cluster::{ClusterStore, Routing};

/// The lab's nodes, always three, in this order.
pub const NODE_IDS: [&str; 3] = ["node-1", "node-2", "node-3"];

/// The load balancer's own cookie under sticky routing, as HAProxy's `cookie ... insert`
/// would set it. Scoped to the cluster's paths so the other labs never send it.
pub const STICKY_COOKIE: &str = "auth_lab_node";

/// The index of a node id (`node-2` -> 1), or `None` for anything else.
pub fn node_index(id: &str) -> Option<usize> {
    NODE_IDS.iter().position(|known| *known == id)
}

/// Why the balancer sent a request where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickReason {
    /// Round robin: the next node in turn.
    Turn,
    /// Sticky: the browser's cookie named this node and it is up.
    Pinned,
    /// Sticky, no (valid) cookie yet: the next node in turn, and the cookie pins it.
    NewPin,
    /// Sticky: the pinned node is down, so another takes over and the cookie moves.
    Repinned { was: usize },
}

/// The balancer's choice for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub node: usize,
    pub reason: PickReason,
    /// Nodes passed over because they were down, in the order they were tried.
    pub skipped: Vec<usize>,
    /// Whether the response must set the sticky cookie to `node`.
    pub set_cookie: bool,
}

/// The round-robin position, shared by every request through the balancer.
#[derive(Debug, Default)]
pub struct Turn(usize);

impl Turn {
    /// The next node that is up, starting after the last one served; the down ones met
    /// on the way are reported as skipped.
    fn next(&mut self, up: &[bool]) -> Option<(usize, Vec<usize>)> {
        let count = up.len();
        let mut skipped = Vec::new();
        for step in 0..count {
            let candidate = (self.0 + step) % count;
            if up[candidate] {
                self.0 = (candidate + 1) % count;
                return Some((candidate, skipped));
            }
            skipped.push(candidate);
        }
        None
    }
}

/// Picks the node for one request, or `None` when no node is up. `cookie` is the sticky
/// cookie's value as the browser sent it (ignored under round robin).
pub fn pick(routing: Routing, cookie: Option<&str>, up: &[bool], turn: &mut Turn) -> Option<Pick> {
    let pinned = match routing {
        Routing::RoundRobin => None,
        Routing::Sticky => cookie.and_then(node_index).filter(|i| *i < up.len()),
    };
    if let Some(node) = pinned.filter(|i| up[*i]) {
        return Some(Pick {
            node,
            reason: PickReason::Pinned,
            skipped: Vec::new(),
            set_cookie: false,
        });
    }
    let (node, mut skipped) = turn.next(up)?;
    let reason = match (routing, pinned) {
        (Routing::RoundRobin, _) => PickReason::Turn,
        (Routing::Sticky, None) => PickReason::NewPin,
        (Routing::Sticky, Some(was)) => {
            // The pinned node was tried first, whatever the turn said.
            skipped.retain(|i| *i != was);
            skipped.insert(0, was);
            PickReason::Repinned { was }
        }
    };
    Some(Pick {
        node,
        reason,
        skipped,
        set_cookie: routing == Routing::Sticky,
    })
}

/// The balancer's decision as one trace line, in English like every trace detail.
pub fn describe(pick: &Pick) -> String {
    let node = NODE_IDS[pick.node];
    let mut line = match pick.reason {
        PickReason::Turn => format!("round robin: next in turn is {node}"),
        PickReason::Pinned => format!("sticky: cookie {STICKY_COOKIE}={node}, so {node}"),
        PickReason::NewPin => {
            format!("sticky: no {STICKY_COOKIE} cookie yet; {node} is next in turn and gets pinned")
        }
        PickReason::Repinned { was } => format!(
            "sticky: cookie {STICKY_COOKIE}={} but that node is down; failing over to {node} and re-pinning",
            NODE_IDS[was]
        ),
    };
    let down: Vec<&str> = pick
        .skipped
        .iter()
        .filter(|i| !matches!(pick.reason, PickReason::Repinned { was } if was == **i))
        .map(|i| NODE_IDS[*i])
        .collect();
    if !down.is_empty() {
        line.push_str(&format!(" (skipped, down: {})", down.join(", ")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_UP: [bool; 3] = [true, true, true];

    fn nodes(
        routing: Routing,
        cookie: Option<&str>,
        up: &[bool],
        turn: &mut Turn,
        n: usize,
    ) -> Vec<usize> {
        (0..n)
            .map(|_| pick(routing, cookie, up, turn).expect("a node is up").node)
            .collect()
    }

    #[test]
    fn round_robin_takes_each_node_in_turn_and_skips_the_down_ones() {
        let mut turn = Turn::default();
        assert_eq!(
            nodes(Routing::RoundRobin, None, &ALL_UP, &mut turn, 6),
            [0, 1, 2, 0, 1, 2]
        );

        let up = [true, false, true];
        let mut turn = Turn::default();
        let first = pick(Routing::RoundRobin, None, &up, &mut turn).unwrap();
        assert_eq!((first.node, first.skipped.clone()), (0, vec![]));
        let second = pick(Routing::RoundRobin, None, &up, &mut turn).unwrap();
        assert_eq!((second.node, second.skipped.clone()), (2, vec![1]));
        assert_eq!(second.reason, PickReason::Turn);
        assert!(!second.set_cookie, "round robin sets no cookie");
        assert_eq!(
            describe(&second),
            "round robin: next in turn is node-3 (skipped, down: node-2)"
        );
    }

    #[test]
    fn round_robin_ignores_a_sticky_cookie() {
        let mut turn = Turn::default();
        assert_eq!(
            nodes(Routing::RoundRobin, Some("node-3"), &ALL_UP, &mut turn, 3),
            [0, 1, 2]
        );
    }

    #[test]
    fn sticky_pins_a_new_browser_and_then_keeps_it_on_that_node() {
        let mut turn = Turn::default();
        let _ = pick(Routing::RoundRobin, None, &ALL_UP, &mut turn); // node-1 served someone
        let first = pick(Routing::Sticky, None, &ALL_UP, &mut turn).unwrap();
        assert_eq!(
            (first.node, first.reason, first.set_cookie),
            (1, PickReason::NewPin, true)
        );
        assert_eq!(
            nodes(Routing::Sticky, Some("node-2"), &ALL_UP, &mut turn, 5),
            [1; 5]
        );
        let again = pick(Routing::Sticky, Some("node-2"), &ALL_UP, &mut turn).unwrap();
        assert!(!again.set_cookie, "an honoured pin is not set again");
    }

    #[test]
    fn sticky_fails_over_when_the_pinned_node_is_down_and_moves_the_pin() {
        let up = [true, false, true];
        let mut turn = Turn::default();
        let pick = pick(Routing::Sticky, Some("node-2"), &up, &mut turn).unwrap();
        assert_eq!(pick.node, 0);
        assert_eq!(pick.reason, PickReason::Repinned { was: 1 });
        assert_eq!(pick.skipped, vec![1]);
        assert!(pick.set_cookie);
        assert_eq!(
            describe(&pick),
            "sticky: cookie auth_lab_node=node-2 but that node is down; failing over to node-1 and re-pinning"
        );
    }

    #[test]
    fn a_forged_or_unknown_sticky_cookie_counts_as_none() {
        let mut turn = Turn::default();
        for cookie in ["node-9", "", "NODE-1", "node-1; x"] {
            let pick = pick(Routing::Sticky, Some(cookie), &ALL_UP, &mut turn).unwrap();
            assert_eq!(pick.reason, PickReason::NewPin, "{cookie:?}");
        }
    }

    #[test]
    fn no_node_up_means_no_pick() {
        let mut turn = Turn::default();
        assert_eq!(
            pick(Routing::RoundRobin, None, &[false; 3], &mut turn),
            None
        );
        assert_eq!(
            pick(Routing::Sticky, Some("node-1"), &[false; 3], &mut turn),
            None
        );
    }

    #[test]
    fn node_ids_parse_exactly() {
        assert_eq!(node_index("node-1"), Some(0));
        assert_eq!(node_index("node-3"), Some(2));
        assert_eq!(node_index("node-4"), None);
        assert_eq!(node_index("node-01"), None);
    }
}
