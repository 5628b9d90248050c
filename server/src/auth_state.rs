//! The auth state every handler shares: clock, accounts, token key and policy, the
//! session store, the jti deny-list, and the switches a learner or operator can set.

use std::{fmt, net::IpAddr, sync::Arc};

use crate::{
    core::{
        accounts::Accounts,
        clock::{Clock, SystemClock, UnixTime},
        limiter::FailureWindow,
        token::{TokenKey, TokenPolicy},
        trace::Trace,
        ttl::{DEFAULT_SESSION_ABSOLUTE_SECS, DEFAULT_SESSION_IDLE_SECS, DEFAULT_TOKEN_SECS},
    },
    hash_gate::HashGate,
    refresh_store::RefreshFamilies,
    store::{Denylist, SessionBackend},
    trace_log::TraceLog,
};

/// Switches that change the server's behaviour, all safe by default.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Adds `Secure` and the `__Host-` prefix to the session cookie. Off by default: the lab
    /// is served over plain http, where Chromium keeps Secure cookies only on loopback (which
    /// it treats as trustworthy) and Safari drops them.
    pub secure_cookies: bool,
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
    pub token_secs: i64,
    /// Serves `/api/inspect/*` (store rows, traces).
    pub inspect: bool,
    /// Set on a cluster node: its session cookie has its own name and lives under
    /// `/cluster`, the balancer's paths, so it never meets the single-server labs' cookie.
    pub cluster_node: bool,
    /// Accepts the lab's per-login cookie options (`"cookie": {...}` on a session login).
    /// `--no-lab-cookie-options` refuses them, for a deployment that teaches nothing.
    pub lab_cookie_options: bool,
    /// How long a refresh-token family lives from its login.
    pub refresh_family_secs: i64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_idle_secs: DEFAULT_SESSION_IDLE_SECS,
            session_absolute_secs: DEFAULT_SESSION_ABSOLUTE_SECS,
            token_secs: DEFAULT_TOKEN_SECS,
            inspect: true,
            cluster_node: false,
            lab_cookie_options: true,
            refresh_family_secs: crate::core::refresh::DEFAULT_FAMILY_SECS,
        }
    }
}

impl AuthSettings {
    /// The session cookie's name; `__Host-` requires Secure, Path=/ and no Domain.
    pub fn cookie_name(&self) -> &'static str {
        match (self.cluster_node, self.secure_cookies) {
            (false, true) => "__Host-auth_lab_sid",
            (false, false) => "auth_lab_sid",
            // `__Host-` needs Path=/; `__Secure-` still forbids an insecure origin to set it.
            (true, true) => "__Secure-auth_lab_cluster_sid",
            (true, false) => "auth_lab_cluster_sid",
        }
    }

    /// The session cookie's `Path`.
    pub fn cookie_path(&self) -> &'static str {
        if self.cluster_node {
            "/cluster"
        } else {
            "/"
        }
    }
}

/// The shared auth state. Cloning it is one reference-count increment: axum clones the
/// state for every request, and `make bench` showed field-by-field clones of keys, strings
/// and a dozen `Arc`s costing more than the auth check itself.
#[derive(Clone)]
pub struct Auth(Arc<AuthState>);

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::ops::Deref for Auth {
    type Target = AuthState;

    fn deref(&self) -> &AuthState {
        &self.0
    }
}

#[derive(Clone)]
pub struct AuthState {
    pub clock: Arc<dyn Clock>,
    pub accounts: Arc<Accounts>,
    pub token_key: TokenKey,
    pub token_policy: TokenPolicy,
    pub sessions: Arc<SessionBackend>,
    pub denylist: Denylist,
    pub refresh_families: RefreshFamilies,
    pub traces: TraceLog,
    pub login_failures: Arc<std::sync::Mutex<LoginFailures>>,
    /// Password checks waiting for, or holding, one of a few CPU slots.
    pub hash_gate: HashGate,
    pub settings: AuthSettings,
}

/// Failed logins per (client IP, username); `None` when the peer address is unknown.
pub type LoginFailures = FailureWindow<(Option<IpAddr>, String)>;

/// Failed logins allowed per client IP and username within [`LOGIN_FAILURE_WINDOW_SECS`].
pub const MAX_LOGIN_FAILURES: usize = 10;
pub const LOGIN_FAILURE_WINDOW_SECS: i64 = 60;

impl fmt::Debug for AuthState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("clock", &self.clock)
            .field("accounts", &self.accounts)
            .field("token_key", &self.token_key)
            .field("token_policy", &self.token_policy)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Auth {
    /// Real clock, fresh random token key, demo accounts hashed now.
    pub fn new(settings: AuthSettings) -> Self {
        Self::with_clock(settings, Arc::new(SystemClock))
    }

    /// Keeps sessions, the deny-list and refresh-token families in Redis instead of this process.
    pub fn with_redis(self, pool: tower_sessions_redis_store::fred::prelude::Pool) -> Self {
        self.modified(|state| {
            state.sessions = Arc::new(SessionBackend::redis(pool.clone(), state.clock.clone()));
            state.denylist = Denylist::redis(pool.clone());
            state.refresh_families = RefreshFamilies::Redis(pool);
        })
    }

    /// Keeps sessions in `sessions` (a cluster node's replicated store).
    pub fn with_sessions(self, sessions: SessionBackend) -> Self {
        self.modified(|state| state.sessions = Arc::new(sessions))
    }

    /// Signs and verifies tokens with `key` instead of a fresh random one.
    pub fn with_token_key(self, key: TokenKey) -> Self {
        self.modified(|state| state.token_key = key)
    }

    /// Accepts tokens up to `secs` past `exp` (and before `nbf`).
    pub fn with_token_leeway(self, secs: i64) -> Self {
        self.modified(|state| state.token_policy.leeway_secs = secs)
    }

    /// Lets at most `limit` password checks run at once.
    pub fn with_hash_limit(self, limit: usize) -> Self {
        self.modified(|state| state.hash_gate = HashGate::new(limit))
    }

    /// A copy with one change; only for start-up, before any request shares the state.
    fn modified(mut self, change: impl FnOnce(&mut AuthState)) -> Self {
        change(Arc::make_mut(&mut self.0));
        self
    }

    pub fn with_clock(settings: AuthSettings, clock: Arc<dyn Clock>) -> Self {
        let sessions = Arc::new(SessionBackend::memory(clock.clone()));
        Self(Arc::new(AuthState {
            clock,
            accounts: Arc::new(Accounts::demo()),
            token_key: TokenKey::generate(),
            token_policy: TokenPolicy::default(),
            sessions,
            denylist: Denylist::default(),
            refresh_families: RefreshFamilies::default(),
            traces: TraceLog::default(),
            login_failures: Arc::new(std::sync::Mutex::new(FailureWindow::new(
                MAX_LOGIN_FAILURES,
                LOGIN_FAILURE_WINDOW_SECS,
            ))),
            hash_gate: HashGate::default(),
            settings,
        }))
    }

    /// A trace for one request, recording only when the inspector can show it.
    pub fn trace(&self) -> Trace {
        Trace::recording(self.settings.inspect)
    }

    pub fn now(&self) -> UnixTime {
        self.clock.now()
    }
}
