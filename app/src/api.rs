//! The JSON contract between the page and the server, defined once for both sides.
//! Nothing here depends on leptos, so the server's pure auth rules use it too.

use serde::{Deserialize, Serialize};

pub mod cluster;
pub mod security;

/// Body of `POST /api/session/login` and `POST /api/token/login`.
/// It carries a password, so it is never serialised by the server and its `Debug` hides it.
/// The browser's typed client sends it with a body type of its own.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    /// Requested lifetime in seconds; absent means the default, out of range is clamped.
    #[serde(default)]
    pub ttl_secs: Option<i64>,
    /// Token login only: also issue a refresh token (an HttpOnly cookie) and make the
    /// access token short-lived. A session login refuses it.
    #[serde(default)]
    pub refresh: bool,
    /// Session login only: the lab's cookie attributes for this login's `Set-Cookie`.
    /// A token login refuses it.
    #[serde(default)]
    pub cookie: Option<CookieOptions>,
}

/// Cookie attributes a learner may switch for one session login; each left out keeps the
/// hardened default (`HttpOnly`, `SameSite=Lax`, `Secure` as the server is configured,
/// and a `Max-Age`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CookieOptions {
    #[serde(default)]
    pub http_only: Option<bool>,
    #[serde(default)]
    pub same_site: Option<SameSite>,
    #[serde(default)]
    pub secure: Option<bool>,
    /// `false` leaves out `Max-Age`, which makes it a session cookie in RFC 6265's sense.
    #[serde(default)]
    pub persistent: Option<bool>,
}

/// The `SameSite` attribute's three values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SameSite {
    Strict,
    Lax,
    None,
}

impl SameSite {
    /// As written in `Set-Cookie`.
    pub fn attribute(self) -> &'static str {
        match self {
            Self::Strict => "Strict",
            Self::Lax => "Lax",
            Self::None => "None",
        }
    }
}

/// The cookie attributes a session login really applied, every option resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedCookie {
    pub http_only: bool,
    pub same_site: SameSite,
    pub secure: bool,
    pub persistent: bool,
}

impl LoginRequest {
    /// A login with every option left at its default.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            ttl_secs: None,
            refresh: false,
            cookie: None,
        }
    }
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .field("ttl_secs", &self.ttl_secs)
            .field("refresh", &self.refresh)
            .field("cookie", &self.cookie)
            .finish()
    }
}

/// How the server arrived at the lifetime it applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TtlSource {
    /// No lifetime was requested, so the default applies.
    Default,
    /// The requested lifetime was inside 2..=86400 and applies as is.
    Requested,
    /// The requested lifetime was outside 2..=86400 and was clamped to the nearest bound.
    Clamped,
}

/// The lifetime the server really applied, echoed so the page never guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedTtl {
    pub secs: i64,
    pub source: TtlSource,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLoginResponse {
    pub username: String,
    pub role: String,
    pub mode: String,
    /// Unix seconds. Slides forward on every authenticated request.
    pub idle_expires_at: i64,
    /// Unix seconds. Fixed at login, never extended.
    pub absolute_expires_at: i64,
    pub ttl: AppliedTtl,
    /// The attributes the session cookie was set with.
    pub cookie: AppliedCookie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionMe {
    pub username: String,
    pub role: String,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
    /// The name chosen with `POST /api/session/display-name`, once set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenLoginResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub expires_at: i64,
    pub ttl: AppliedTtl,
    /// Clock leeway the server allows past `exp`: it refuses the token from
    /// `expires_at + leeway_secs` on.
    pub leeway_secs: i64,
    /// Present when a refresh token was issued (in a cookie the page cannot read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<RefreshGrant>,
}

/// What the page may know of its refresh token: never the token, only where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshGrant {
    /// The cookie that carries it (HttpOnly, so `document.cookie` never shows it).
    pub cookie_name: String,
    pub family_hint: String,
    /// 1 for the login's refresh token, one more for each rotation.
    pub generation: usize,
    /// Unix seconds when the family ends: no refresh works after it.
    pub family_expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenMe {
    pub username: String,
    pub role: String,
    pub exp: i64,
    pub jti: String,
}

/// What the server found for the session cookie when it rendered `/session`, so the page
/// shows who you are, your cookie and your store row after a reload, and without JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSession {
    pub me: Option<SessionMe>,
    /// The 401 reason when there is no live session (`no_cookie`, `unknown_session`,
    /// `expired`), or the error code when the server could not tell (`store_unavailable`).
    pub reason: Option<String>,
    /// The session cookie the server recognised, when it recognised one.
    pub cookie: Option<PageCookie>,
    /// Whether this page view moved the idle expiry (it does not within the same second
    /// as the last request, nor once it has reached the absolute expiry).
    pub idle_moved: bool,
    /// The store as it was right after this lookup (`None` with inspection off).
    pub store: Option<StoreView>,
    /// The server's clock as it rendered (Unix seconds).
    pub now: i64,
}

/// A session cookie as the server knows it: a browser never sends a cookie's attributes
/// back, so they are the ones the login set, with the ID replaced by its hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageCookie {
    pub set_cookie: String,
    pub id_hint: String,
}

/// Body of `POST /api/token/logout`. An empty body means `revoke: false`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenLogoutRequest {
    #[serde(default)]
    pub revoke: bool,
}

/// What a logout really changed on the server, in words and as a flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutResponse {
    pub mode: String,
    /// Whether the server changed any state (deleted a session, added a deny-list entry).
    pub server_state_changed: bool,
    pub message: String,
    /// Session mode only: the ID that was just destroyed, so the lab can replay it as an
    /// attacker would. It is dead by the time anyone can read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_session_id: Option<String>,
    /// Token mode only: when the token stops working by itself (Unix seconds): its `exp`
    /// plus the server's clock leeway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub still_valid_until: Option<i64>,
    /// Token mode only: the logout also revoked the refresh-token family of this token.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refresh_family_revoked: bool,
}

/// Every `/api` error: `{"error", "reason", "message"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    pub reason: Option<String>,
    pub message: String,
}

/// One thing the server did while answering a request, as the server itself reports it.
/// Details never contain a live session ID, a token signature or a password: only hints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    pub step: StepKind,
    pub outcome: Outcome,
    pub detail: String,
    /// The session ID hint or token ID hint this step concerns, so the page can tell which
    /// store row is its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    RequestReceived,
    CredentialsChecked,
    CookieReceived,
    StoreLookup,
    SessionCreated,
    SessionIdCycled,
    IdleExtended,
    SessionDestroyed,
    BearerReceived,
    HeaderChecked,
    SignatureChecked,
    ClaimsChecked,
    ExpChecked,
    DenylistChecked,
    DenylistAdded,
    /// A refresh token's family was looked up and the token judged.
    RefreshChecked,
    /// The used refresh token was marked and the next one stored.
    RefreshRotated,
    /// A refresh-token family was revoked (reuse or logout).
    FamilyRevoked,
    TokenIssued,
    SetCookie,
    /// The cluster's load balancer chose a node (and skipped any that did not answer).
    Balancer,
    Responded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Failed,
    Info,
}

/// The server's record of one `/api` request: what came in, each step, what went out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestTrace {
    pub id: String,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub duration_ms: f64,
    /// Unix seconds when the request arrived.
    pub at: i64,
    /// Size of the `Cookie` header the server received, if any (scripts cannot see it).
    pub cookie_bytes: Option<usize>,
    /// Size of the `Authorization` header the server received, if any.
    pub authorization_bytes: Option<usize>,
    pub steps: Vec<TraceStep>,
    /// The response headers that carry the lesson (`Set-Cookie` with the ID replaced by its
    /// hint, `Cache-Control`, `WWW-Authenticate`, `Retry-After`), exactly as sent otherwise.
    #[serde(default)]
    pub response_headers: Vec<HeaderLine>,
    /// The lab page instance that sent the request (its `x-auth-lab-page` header), so a
    /// page can tell its own requests from everyone else's in the event feed.
    #[serde(default)]
    pub page: Option<String>,
}

/// The request header a lab page tags its requests with.
pub const PAGE_HEADER: &str = "x-auth-lab-page";

/// One response header line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderLine {
    pub name: String,
    pub value: String,
}

/// `GET /api/inspect/store`: what the server really keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub backend: String,
    pub sessions: Vec<SessionRow>,
    pub denylist: Vec<DenylistRow>,
    /// Refresh-token families (hints and states, never a token).
    #[serde(default)]
    pub refresh_families: Vec<RefreshFamilyRow>,
    pub count: usize,
    pub total_bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    /// A short hash of the session ID, never the ID.
    pub id_hint: String,
    pub username: String,
    pub created_at: i64,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
    /// Size of the stored record data.
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DenylistRow {
    pub jti_hint: String,
    pub expires_at: i64,
    /// What the entry costs the server: the jti and its 8-byte expiry.
    pub bytes: usize,
}

/// One refresh-token family as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshFamilyRow {
    pub family_hint: String,
    pub username: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// `reuse` or `logout` once revoked.
    pub revoked_by: Option<String>,
    pub revoked_at: Option<i64>,
    /// Oldest first; the generation of a link is its position plus one.
    pub links: Vec<RefreshLinkRow>,
    /// Size of the stored record (JSON).
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshLinkRow {
    /// A short hash of the stored digest, never the token.
    pub hint: String,
    pub issued_at: i64,
    pub used_at: Option<i64>,
    /// `active`, `used` or `revoked`.
    pub state: String,
}

/// Body of `POST /api/lab/replay-session`: a session ID the page learned at logout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplaySessionRequest {
    pub session_id: String,
}

/// Answer of `POST /api/token/refresh/lab-copy`: the server took a copy of the refresh
/// cookie for the lab's thief, and says only which copy and a hint of the token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshCopied {
    pub copy_id: String,
    pub token_hint: String,
}

/// Body of `POST /api/lab/replay-refresh`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshReplayRequest {
    pub copy_id: String,
}

/// What the refresh endpoint answered the thief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshReplayResult {
    pub request: String,
    pub status: u16,
    /// The refusal's reason (`refresh_reused`, `refresh_revoked`, ...), if refused.
    pub reason: Option<String>,
    /// The generation the thief now holds, if the replay rotated the token.
    pub generation: Option<usize>,
    pub trace_id: Option<String>,
}

/// What the server answered when a copied cookie was replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayResult {
    pub request: String,
    pub status: u16,
    pub body: ReplayBody,
    pub trace_id: Option<String>,
}

/// The replayed `/api/session/me`'s own answer: who the session belongs to, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ReplayBody {
    Me(SessionMe),
    Refused(ErrorBody),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_request_debug_hides_the_password() {
        let request: LoginRequest =
            serde_json::from_str(r#"{"username":"alice","password":"wonderland"}"#).unwrap();
        let printed = format!("{request:?}");
        assert!(printed.contains("alice") && printed.contains("[redacted]"));
        assert!(!printed.contains("wonderland"));
        assert_eq!(request.ttl_secs, None);
    }
}

/// The latest `make bench` results file (end2end/bench/results/<date>.json), as far as the
/// Compare page shows it. Fields the page does not use are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    pub date: String,
    pub machine: BenchMachine,
    pub method: BenchMethod,
    pub http: Vec<BenchRun>,
    pub memory: BenchMemory,
    pub headers: BenchHeaderBytes,
    /// The site-wide bundle cargo-leptos builds (every island; what `make dev` serves).
    pub bundle: BenchBundle,
    /// The bundles the pages load, one per island page or group of pages; older reports,
    /// from before the page bundles, have none.
    #[serde(default)]
    pub page_bundles: Vec<BenchPageBundle>,
    /// What a first visit to each page costs; older reports have none.
    #[serde(default)]
    pub pages: Vec<BenchPage>,
    /// The cluster lab through its balancer; older reports have none.
    #[serde(default)]
    pub cluster: Option<BenchCluster>,
    pub targets: Vec<BenchTarget>,
}

/// `make bench`'s cluster part: `/me` through the lab server's balancer to its three nodes,
/// and what session clustering sends per login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchCluster {
    pub connections: u32,
    pub me: Vec<BenchClusterRun>,
    pub replication: BenchReplication,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchClusterRun {
    /// `session` or `token`.
    pub mode: String,
    pub store: cluster::ClusterStore,
    pub routing: cluster::Routing,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReplication {
    pub logins: u32,
    pub copies_per_login: f64,
    pub bytes_per_login: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchMachine {
    pub cpu: String,
    pub cores: u32,
    pub memory_gib: u32,
    pub os: String,
    pub rustc: String,
    pub node: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchMethod {
    pub pinning: String,
    pub duration_secs: u32,
    pub warmup_secs: u32,
    pub connections: Vec<u32>,
    pub server_flags: String,
    /// The CPUs the server and wrk were pinned to, when there were two to pin to.
    #[serde(default)]
    pub server_cpu: Option<String>,
    #[serde(default)]
    pub load_cpu: Option<String>,
    /// The server's command-line flags and environment, apart from the prose above.
    #[serde(default)]
    pub server_args: Option<String>,
    #[serde(default)]
    pub server_env: Option<String>,
}

/// One wrk run: a server (`rust-memory`, `rust-redis`, `rust-lab`, `express`), an endpoint
/// (`health`, `session_me`, `token_me`, `session_unknown`, `token_bad_signature`) and a
/// connection count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchRun {
    pub target: String,
    pub endpoint: String,
    pub connections: u32,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchMemory {
    pub rust: BenchMemoryCurve,
    pub express: BenchMemoryCurve,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchMemoryCurve {
    pub points: Vec<BenchMemoryPoint>,
    pub bytes_per_session: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchMemoryPoint {
    pub sessions: u64,
    pub rss_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchHeaderBytes {
    pub cookie_median: f64,
    pub authorization_median: f64,
    pub samples: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchBundle {
    pub wasm: BenchSize,
    pub js: BenchSize,
    pub wasm_js_gzip: u64,
}

/// One page bundle (`frontend` feature) and the pages that load it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchPageBundle {
    pub name: String,
    pub pages: Vec<String>,
    pub wasm: BenchSize,
    pub js: BenchSize,
    pub wasm_js_gzip: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchSize {
    pub raw: u64,
    pub gzip: u64,
}

/// One of the project's targets. `goal` and `measured` are the report's English text (the
/// README's table); `check` carries the same figures as numbers, so a page can word them in
/// its reader's language. Reports written before `check` existed have none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchTarget {
    pub goal: String,
    pub measured: String,
    pub met: bool,
    #[serde(default, deserialize_with = "lenient_check")]
    pub check: Option<TargetCheck>,
}

/// A `check` this build cannot read (a kind from a newer script, a number written as
/// `null`) is dropped, and the target keeps its English text: the rest of the report stays.
fn lenient_check<'de, D>(deserializer: D) -> Result<Option<TargetCheck>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// What a target compares, with the measured figure and its limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetCheck {
    /// `/me` in one mode against the express peer: req/s ratio and p99 ratio.
    PeerSpeedup {
        mode: String,
        /// Measured on the lab's default server, request traces on; `false` is `--no-inspect`.
        #[serde(default)]
        traces: bool,
        connections: u32,
        rps_ratio: f64,
        p99_ratio: f64,
        min_rps_ratio: f64,
        max_p99_ratio: f64,
    },
    /// How much slower an authenticated `/me` is than `/api/health`, as a fraction.
    AuthOverhead {
        mode: String,
        #[serde(default)]
        traces: bool,
        connections: u32,
        overhead: f64,
        max_overhead: f64,
    },
    /// The Redis store's `/me` req/s as a share of the memory store's.
    RedisShare {
        connections: u32,
        share: f64,
        min_share: f64,
    },
    /// A release bundle's wasm and JS after gzip -9: a page bundle with the pages that load
    /// it, or (no pages, in older reports) the site-wide bundle.
    Bundle {
        bytes: u64,
        max_bytes: u64,
        #[serde(default)]
        pages: Vec<String>,
    },
    /// Server memory per live session in the memory store.
    SessionMemory { bytes: i64, max_bytes: i64 },
    /// A page's median time from navigation to interactive in Chromium.
    TimeToInteractive { page: String, ms: f64, max_ms: f64 },
    /// A long run at many connections, traces on: failed requests and memory growth.
    Soak {
        mode: String,
        store: String,
        connections: u32,
        secs: u32,
        requests: u64,
        failed: u64,
        max_failed: u64,
        p99_ms: f64,
        rss_before_bytes: u64,
        rss_after_bytes: u64,
        max_rss_growth_bytes: u64,
    },
    /// Redis killed under load and started again: what the clients got meanwhile.
    Chaos {
        outage_ms: f64,
        outage_answers: u64,
        outage_not_503: u64,
        other_errors: u64,
        slowest_ms: f64,
        max_wait_ms: f64,
        /// From Redis answering again to the first lasting success; `None`: it never came.
        recovery_ms: Option<f64>,
        max_recovery_ms: f64,
        server_up: bool,
    },
    /// Many concurrent logins (Argon2id each) against `/me`'s latency meanwhile.
    LoginStorm {
        logins: u32,
        logins_ok: u32,
        storm_ms: f64,
        me_failed: u64,
        me_p99_rest_ms: f64,
        me_p99_storm_ms: f64,
        max_p99_ms: f64,
    },
}

/// A first visit to one page of the release build, as `make release` measures it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchPage {
    pub path: String,
    /// Every byte sent for the page: HTML, CSS, JS and wasm, compressed where the server
    /// has a precompressed copy.
    pub first_visit_bytes: u64,
    /// The part of it that is JS and wasm (zero on a page without islands).
    pub js_wasm_bytes: u64,
    /// Median of `loads` cold loads, from navigation to `<body data-hydrated>`.
    pub interactive_ms: f64,
    pub loads: u32,
}
