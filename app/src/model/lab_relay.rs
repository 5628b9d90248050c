//! The step rules of the lab pages on the relay (`/session`, `/token`, `/compare`): each
//! action is one real request the browser sends (it attaches the HttpOnly cookie and the
//! stored token; the server never sees the browser's jar), and its report is worded by the
//! same rules the islands used ([`super::actions`]). The server supplies what it knows
//! itself: the trace of the reported request, its store, its clock.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    actions::{self, Theft},
    lab_client::{self, Answered},
    refresh_actions,
    relay_wire::{Outgoing, Report, StepError, TokenChange},
    Banner, Lab, Mode, RequestRow, SessionTimes,
};
use crate::{
    api::{
        LoginRequest, LogoutResponse, PageSession, RefreshCopied, RefreshGrant,
        RefreshReplayResult, ReplayResult, RequestTrace, SessionLoginResponse, SessionMe,
        StoreView, TokenLoginResponse, TokenMe,
    },
    lang::Locale,
};

/// The inspector rows a step hands back: the newest, so that a page that runs for hours
/// (or watches someone else's load test) keeps steps of a few hundred KB. Older rows stay
/// on the page; the state forgets them.
pub const ROWS_KEPT: usize = 60;

/// The most feed reports one step takes (the relay sends those that wait together).
pub const FEED_BATCH: usize = 20;

/// One lab's state between steps, as the relay hands it back: everything the page shows
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
    /// Token mode: the copy of the access token the page kept, as any script on it could.
    #[serde(default)]
    pub kept_token: Option<String>,
    /// Token mode: the server's clock leeway past `exp`, as the login reported it.
    #[serde(default)]
    pub token_leeway: Option<i64>,
    /// Token mode: where the refresh-token chain stands (never the token itself).
    #[serde(default)]
    pub refresh: Option<RefreshGrant>,
    /// Token mode: the lab thief's copy of the refresh cookie, by its ID.
    #[serde(default)]
    pub thief_copy: Option<RefreshCopied>,
    /// Token mode: the login form asks for a refresh token.
    #[serde(default)]
    pub ask_refresh: bool,
}

impl LabState {
    /// A page's state before any step: nothing known but the mode.
    pub fn fresh(mode: Mode) -> Self {
        Self {
            mode,
            rows: Vec::new(),
            session_times: None,
            last_set_cookie: None,
            cookie_from_page_load: false,
            cookie_seen: None,
            dead_session_id: None,
            banner: None,
            my_hints: Vec::new(),
            feed_live: false,
            page: None,
            doing: None,
            kept_token: None,
            token_leeway: None,
            refresh: None,
            thief_copy: None,
            ask_refresh: false,
        }
    }
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
    TokenLogin,
    TokenMe,
    TokenLogout { revoke: bool },
    TokenReplay,
    Refresh,
    ThiefCopy,
    ThiefReplay,
}

/// The actions of the labs' controls, by the names the boards' `data-relay-action` uses.
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
    /// Token mode: send the copy of the token the page kept.
    ReplayToken,
    /// `/compare`: each mode's replay after logout (the dead ID, the kept token).
    Replay,
    Refresh,
    ThiefCopy,
    ThiefReplay,
    /// The "refresh token too" box of the token login changed.
    RefreshChoice,
}

/// Which lab page a step is for: its actions and the labs it draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Session,
    Token,
    Compare,
}

impl Action {
    pub const ALL: [Self; 14] = [
        Self::Resume,
        Self::Tick,
        Self::Feed,
        Self::Login,
        Self::Me,
        Self::Logout,
        Self::ReplayDead,
        Self::ReplayLive,
        Self::ReplayToken,
        Self::Replay,
        Self::Refresh,
        Self::ThiefCopy,
        Self::ThiefReplay,
        Self::RefreshChoice,
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
            Self::ReplayToken => "replay_token",
            Self::Replay => "replay",
            Self::Refresh => "refresh",
            Self::ThiefCopy => "thief_copy",
            Self::ThiefReplay => "thief_replay",
            Self::RefreshChoice => "refresh_choice",
        }
    }

    /// The action of that name, if `page` has it.
    pub fn parse(name: &str, page: Page) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .filter(|a| a.on(page))
    }

    fn on(self, page: Page) -> bool {
        match self {
            Self::Resume | Self::Tick | Self::Feed | Self::Login | Self::Me | Self::Logout => true,
            Self::ReplayDead | Self::ReplayLive => page == Page::Session,
            Self::ReplayToken
            | Self::Refresh
            | Self::ThiefCopy
            | Self::ThiefReplay
            | Self::RefreshChoice => page == Page::Token,
            Self::Replay => page == Page::Compare,
        }
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
    /// Token mode: also ask for a refresh token.
    #[serde(default)]
    pub refresh: bool,
    /// Token mode: ask the server to revoke the token at logout.
    #[serde(default)]
    pub revoke: bool,
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
    /// Why the browser refused to store the token the last step handed it.
    #[serde(default)]
    pub storage_error: Option<String>,
}

/// One step: an action to start or the report of what the last step asked for (`reports`
/// when it asked for several requests at once, as `/compare` does).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest<S = LabState> {
    pub state: S,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub report: Option<Report>,
    #[serde(default)]
    pub reports: Option<Vec<Report>>,
    #[serde(default)]
    pub fields: Option<Fields>,
    /// Sent by the relay with every step; the lab pages read the stored token from
    /// `browser.storage` instead, so these two are accepted and left unread.
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
/// back, the request for the browser to send next, and what becomes of its stored token.
pub struct Step {
    pub lab: Lab,
    pub state: LabState,
    pub send: Option<Outgoing>,
    pub token: TokenChange,
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
    lab.kept_token.set(state.kept_token.clone());
    lab.token_leeway.set(state.token_leeway);
    lab.refresh.set(state.refresh.clone());
    lab.thief_copy.set(state.thief_copy.clone());
    lab.ask_refresh.set(state.ask_refresh);
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
        kept_token: lab.kept_token.get_untracked(),
        token_leeway: lab.token_leeway.get_untracked(),
        refresh: lab.refresh.get_untracked(),
        thief_copy: lab.thief_copy.get_untracked(),
        ask_refresh: lab.ask_refresh.get_untracked(),
    }
}

/// The state `/session` starts from, and its lab: what the server found for the cookie
/// as it rendered the page (the store is read live, so the card keeps none).
pub fn first_state(page: Option<&PageSession>, card: PageCard) -> (Lab, LabState) {
    let lab = Lab::from_page(page);
    if page.is_none() {
        lab.now.set(crate::client::now());
    }
    let view = card.view.map(|view| PageSession {
        store: None,
        ..view
    });
    let card = PageCard { view, ..card };
    let state = state_of(lab, Mode::Session, Some(card), None);
    (lab, state)
}

/// The lab of a step, with what the browser reported: drawn for a browser that runs the
/// relay.
fn lab_for_step(state: &LabState, browser: Option<&Browser>, world: &World) -> Lab {
    let lab = lab_from(state, world.locale, world.now, world.store.clone());
    lab.hydrated.set(true);
    if let Some(browser) = browser {
        actions::browser_state(lab, browser.cookie.clone(), browser.storage.clone());
        lab.utc_offset_min.set(Some(browser.offset_min));
        if let Some(why) = browser.storage_error.as_deref() {
            if state.mode == Mode::Token {
                actions::storage_refused(lab, why);
            }
        }
    }
    lab
}

/// Runs one step of `/session` or `/token`.
pub fn step(page: Page, request: StepRequest, world: &World) -> Result<Step, StepError> {
    let StepRequest {
        state,
        action,
        report,
        fields,
        browser,
        ..
    } = request;
    let mode = match page {
        Page::Session => Mode::Session,
        Page::Token => Mode::Token,
        Page::Compare => return Err(StepError::WrongLab),
    };
    if state.mode != mode {
        return Err(StepError::WrongLab);
    }
    let lab = lab_for_step(&state, browser.as_ref(), world);
    let (doing, send, token) = match (action.as_deref(), report, state.doing) {
        (Some(name), None, None) => {
            let action =
                Action::parse(name, page).ok_or_else(|| StepError::UnknownAction(name.into()))?;
            let (doing, send) = start(lab, mode, action, &fields.unwrap_or_default(), world);
            (doing, send, TokenChange::Keep)
        }
        (Some(_), _, Some(_)) => return Err(StepError::Busy),
        (None, Some(report), Some(doing)) => (None, None, finish(lab, doing, &report, world)),
        _ => return Err(StepError::NothingAsked),
    };
    keep_newest(lab);
    let state = state_of(lab, state.mode, state.page, doing);
    Ok(Step {
        lab,
        state,
        send,
        token,
    })
}

fn keep_newest(lab: Lab) {
    lab.requests.update(|rows| {
        let over = rows.len().saturating_sub(ROWS_KEPT);
        rows.drain(..over);
    });
}

/// Starts an action in one lab: the request to send, or a redraw for those that send none.
fn start(
    lab: Lab,
    mode: Mode,
    action: Action,
    fields: &Fields,
    world: &World,
) -> (Option<Doing>, Option<Outgoing>) {
    match (action, mode) {
        (Action::Resume | Action::Tick, _) => (None, None),
        (Action::Feed, _) => {
            lab.feed_live.set(true);
            let ids = fields.trace_id.split_whitespace().take(FEED_BATCH);
            for trace in ids.filter_map(world.trace) {
                actions::add_foreign(lab, mode, trace);
            }
            (None, None)
        }
        (Action::RefreshChoice, _) => {
            lab.ask_refresh.set(fields.refresh);
            (None, None)
        }
        (Action::Login, _) => {
            // With a refresh token the server picks the short access lifetime itself.
            let refresh = mode == Mode::Token && fields.refresh;
            let login = LoginRequest {
                ttl_secs: (!refresh)
                    .then(|| fields.ttl_secs.parse::<i64>().ok())
                    .flatten(),
                refresh,
                ..LoginRequest::new(fields.username.clone(), fields.password.clone())
            };
            if mode == Mode::Token {
                lab.ask_refresh.set(refresh);
            }
            let body = lab_client::login_body(&login);
            let (ask, doing) = match mode {
                Mode::Session => (actions::session_login_ask(lab), Doing::SessionLogin),
                Mode::Token => (actions::token_login_ask(lab), Doing::TokenLogin),
            };
            (Some(doing), Some(asked(ask, body.as_deref())))
        }
        (Action::Me, Mode::Session) => (
            Some(Doing::SessionMe),
            Some(asked(actions::session_me_ask(lab), None)),
        ),
        (Action::Me, Mode::Token) => {
            // The browser adds the token localStorage holds when it sends it.
            let send = asked(actions::token_me_ask(lab, None), None).with_bearer();
            (Some(Doing::TokenMe), Some(send))
        }
        // An empty JSON body: the API takes state-changing requests only as JSON.
        (Action::Logout, Mode::Session) => (
            Some(Doing::SessionLogout),
            Some(asked(actions::session_logout_ask(lab), Some("{}"))),
        ),
        (Action::Logout, Mode::Token) => {
            let (ask, body) = actions::token_logout_ask(lab, fields.revoke, None);
            let send = Outgoing {
                forget_token: true,
                ..asked(ask, Some(&body)).with_bearer()
            };
            let doing = Doing::TokenLogout {
                revoke: fields.revoke,
            };
            (Some(doing), Some(send))
        }
        (Action::ReplayDead | Action::ReplayLive | Action::Replay, Mode::Session) => {
            let theft = match action {
                Action::ReplayLive => Theft::LiveCookie,
                _ => Theft::DeadCookie,
            };
            // Nothing to replay (no logout revealed an ID): the board stays as it is.
            let Some((ask, body)) = actions::replay_ask(lab, theft) else {
                return (None, None);
            };
            let send = asked(ask, Some(body.as_deref().unwrap_or("{}")));
            (Some(Doing::Replay(theft)), Some(send))
        }
        (Action::ReplayToken | Action::Replay, Mode::Token) => {
            let Some(copy) = lab.kept_token.get_untracked() else {
                return (None, None);
            };
            let send = Outgoing {
                bearer_token: Some(copy.clone()),
                ..asked(actions::token_replay_ask(lab, &copy), None)
            };
            (Some(Doing::TokenReplay), Some(send))
        }
        (Action::Refresh, _) => (
            Some(Doing::Refresh),
            Some(asked(refresh_actions::refresh_ask(lab), Some("{}"))),
        ),
        (Action::ThiefCopy, _) => (
            Some(Doing::ThiefCopy),
            Some(asked(refresh_actions::thief_copy_ask(lab), Some("{}"))),
        ),
        (Action::ThiefReplay, _) => match refresh_actions::thief_replay_ask(lab) {
            Some((ask, body)) => (Some(Doing::ThiefReplay), Some(asked(ask, Some(&body)))),
            None => (None, None),
        },
        // Actions of the other mode's page (`parse` lets none through).
        (Action::ReplayDead | Action::ReplayLive, Mode::Token)
        | (Action::ReplayToken, Mode::Session) => (None, None),
    }
}

/// The request an `Ask` names, with its body.
fn asked(ask: actions::Ask<'_>, body: Option<&str>) -> Outgoing {
    Outgoing::new(ask.method, ask.path, body)
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

/// Records the reported request, words what it did, and says what becomes of the stored
/// token.
fn finish(lab: Lab, doing: Doing, report: &Report, world: &World) -> TokenChange {
    let token = match doing {
        // Logging out in token mode is the page forgetting its token, whatever the server
        // says (or if it never answered).
        Doing::TokenLogout { .. } => TokenChange::Delete,
        _ => TokenChange::Keep,
    };
    if report.status == 0 {
        let why = Some(report.body.as_str()).filter(|b| !b.is_empty());
        actions::not_sent(lab, why.unwrap_or("network"));
        show_token(lab, &token);
        return token;
    }
    let trace = report.trace_id.as_deref().and_then(world.trace);
    let trace = trace.as_ref();
    // The bearer the browser sent: the token it holds, as it reported with this step.
    let bearer = lab.token.get_untracked();
    let bearer = bearer.as_deref();
    let token = match doing {
        Doing::SessionLogin => {
            let answer = answered::<SessionLoginResponse>(report);
            actions::record(lab, &actions::session_login_ask(lab), &answer, trace);
            actions::session_login_done(lab, answer);
            token
        }
        Doing::SessionMe => {
            let answer = answered::<SessionMe>(report);
            actions::record(lab, &actions::session_me_ask(lab), &answer, trace);
            actions::session_me_done(lab, answer, trace);
            token
        }
        Doing::SessionLogout => {
            let answer = answered::<LogoutResponse>(report);
            actions::record(lab, &actions::session_logout_ask(lab), &answer, trace);
            actions::session_logout_done(lab, answer);
            token
        }
        Doing::Replay(theft) => {
            let answer = answered::<ReplayResult>(report);
            if let Some((ask, _)) = actions::replay_ask(lab, theft) {
                actions::record(lab, &ask, &answer, trace);
            }
            let replayed = replayed_trace(&answer, |r| r.trace_id.as_deref(), world);
            actions::replay_done(lab, theft, answer, replayed);
            token
        }
        Doing::TokenLogin => {
            let answer = answered::<TokenLoginResponse>(report);
            actions::record(lab, &actions::token_login_ask(lab), &answer, trace);
            actions::token_login_done(lab, answer).map_or(token, TokenChange::Store)
        }
        Doing::TokenMe => {
            let answer = answered::<TokenMe>(report);
            actions::record(lab, &actions::token_me_ask(lab, bearer), &answer, trace);
            actions::token_me_done(lab, answer);
            token
        }
        Doing::TokenLogout { revoke } => {
            let answer = answered::<LogoutResponse>(report);
            let (ask, _) = actions::token_logout_ask(lab, revoke, bearer);
            actions::record(lab, &ask, &answer, trace);
            actions::token_logout_done(lab, revoke, answer);
            token
        }
        Doing::TokenReplay => {
            let answer = answered::<TokenMe>(report);
            let copy = lab.kept_token.get_untracked().unwrap_or_default();
            actions::record(lab, &actions::token_replay_ask(lab, &copy), &answer, trace);
            actions::token_replay_done(lab, answer);
            token
        }
        Doing::Refresh => {
            let answer = answered::<TokenLoginResponse>(report);
            actions::record(lab, &refresh_actions::refresh_ask(lab), &answer, trace);
            refresh_actions::refresh_done(lab, answer).map_or(token, TokenChange::Store)
        }
        Doing::ThiefCopy => {
            let answer = answered::<RefreshCopied>(report);
            actions::record(lab, &refresh_actions::thief_copy_ask(lab), &answer, trace);
            refresh_actions::thief_copy_done(lab, answer);
            token
        }
        Doing::ThiefReplay => {
            let answer = answered::<RefreshReplayResult>(report);
            if let Some((ask, _)) = refresh_actions::thief_replay_ask(lab) {
                actions::record(lab, &ask, &answer, trace);
            }
            let replayed = replayed_trace(&answer, |r| r.trace_id.as_deref(), world);
            refresh_actions::thief_replay_done(lab, answer, replayed);
            token
        }
    };
    show_token(lab, &token);
    token
}

/// The server's trace of the request a lab endpoint sent on the page's behalf.
fn replayed_trace<T>(
    answer: &Answered<T>,
    id: impl Fn(&T) -> Option<&str>,
    world: &World,
) -> Option<RequestTrace> {
    answer
        .answer
        .as_ref()
        .ok()
        .and_then(id)
        .and_then(world.trace)
}

/// The page's picture of localStorage as it is once the browser has done what the step
/// says (it does so before it draws the board).
fn show_token(lab: Lab, change: &TokenChange) {
    let entry = match change {
        TokenChange::Keep => return,
        TokenChange::Store(token) => serde_json::to_string(token).ok(),
        TokenChange::Delete => None,
    };
    actions::browser_state(lab, lab.document_cookie.get_untracked(), entry);
}

/// Every moment at which the page's picture changes by itself: an expiry in the store,
/// of the session this page holds, of the token it stores or kept, of its refresh chain.
/// The relay asks for a redraw as each one passes.
pub fn due_times(lab: Lab) -> Vec<i64> {
    let mut times: Vec<i64> = lab
        .session_times
        .get_untracked()
        .map(|t| vec![t.idle_expires_at, t.absolute_expires_at])
        .unwrap_or_default();
    if let Some(exp) = lab.token_exp.get_untracked() {
        times.push(exp);
        times.extend(lab.token_leeway.get_untracked().map(|l| exp + l));
    }
    let copy_exp = lab
        .kept_token
        .get_untracked()
        .and_then(|t| super::present::decode_jwt(&t)?.claim_i64("exp"));
    times.extend(copy_exp);
    times.extend(lab.refresh.get_untracked().map(|g| g.family_expires_at));
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

// ---- `/compare`: one set of controls, both labs ----

/// `/compare`'s state: a session lab and a token lab, driven by the same actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareState {
    pub session: LabState,
    pub token: LabState,
}

impl CompareState {
    pub fn fresh() -> Self {
        Self {
            session: LabState::fresh(Mode::Session),
            token: LabState::fresh(Mode::Token),
        }
    }
}

/// A `/compare` step's outcome: both labs, and the requests to send together (the
/// session lab's first), one report each in that order.
pub struct CompareStep {
    pub session: Lab,
    pub token: Lab,
    pub state: CompareState,
    pub send: Option<Vec<Outgoing>>,
    pub token_change: TokenChange,
}

/// Runs one step of `/compare`: an action starts in both labs at once.
pub fn compare_step(
    request: StepRequest<CompareState>,
    world: &World,
) -> Result<CompareStep, StepError> {
    let StepRequest {
        state,
        action,
        reports,
        fields,
        browser,
        ..
    } = request;
    let CompareState { session, token } = state;
    if session.mode != Mode::Session || token.mode != Mode::Token {
        return Err(StepError::WrongLab);
    }
    let labs = [
        (lab_for_step(&session, browser.as_ref(), world), &session),
        (lab_for_step(&token, browser.as_ref(), world), &token),
    ];
    let waiting = session.doing.is_some() || token.doing.is_some();
    let mut doings = [None, None];
    let mut sends = Vec::new();
    let mut token_change = TokenChange::Keep;
    match (action.as_deref(), reports, waiting) {
        (Some(name), None, false) => {
            let action = Action::parse(name, Page::Compare)
                .ok_or_else(|| StepError::UnknownAction(name.into()))?;
            let fields = fields.unwrap_or_default();
            for (i, (lab, state)) in labs.iter().enumerate() {
                let (doing, send) = start(*lab, state.mode, action, &fields, world);
                doings[i] = doing;
                sends.extend(send);
            }
        }
        (Some(_), _, true) => return Err(StepError::Busy),
        (None, Some(reports), true) => {
            let asked = labs.iter().filter(|(_, s)| s.doing.is_some()).count();
            if reports.len() != asked {
                return Err(StepError::NothingAsked);
            }
            let mut reports = reports.iter();
            for (lab, state) in &labs {
                let Some(doing) = state.doing else { continue };
                let Some(report) = reports.next() else {
                    continue;
                };
                let change = finish(*lab, doing, report, world);
                if change != TokenChange::Keep {
                    token_change = change;
                }
            }
            // Both labs picture the same localStorage.
            show_token(labs[0].0, &token_change);
        }
        _ => return Err(StepError::NothingAsked),
    }
    let [(session_lab, session), (token_lab, token)] = labs;
    keep_newest(session_lab);
    keep_newest(token_lab);
    let state = CompareState {
        session: state_of(session_lab, Mode::Session, session.page.clone(), doings[0]),
        token: state_of(token_lab, Mode::Token, token.page.clone(), doings[1]),
    };
    Ok(CompareStep {
        session: session_lab,
        token: token_lab,
        state,
        send: (!sends.is_empty()).then_some(sends),
        token_change,
    })
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
        .1
    }

    /// A session page's step.
    fn step(request: StepRequest, world: &World) -> Result<Step, StepError> {
        super::step(Page::Session, request, world)
    }

    fn act(state: &LabState, action: &str, fields: Option<Fields>) -> StepRequest {
        StepRequest {
            state: state.clone(),
            action: Some(action.into()),
            report: None,
            reports: None,
            fields,
            has_token: false,
            token: None,
            browser: Some(Browser {
                cookie: String::new(),
                storage: None,
                offset_min: 540,
                ..Browser::default()
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
                ..Fields::default()
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
                ..Browser::default()
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

    /// A JWT whose payload is {"sub":"bob","exp":2000} (the signature is not checked here).
    const BOB: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IiLCJleHAiOjIwMDB9.c2ln";

    fn token_step(request: StepRequest, world: &World) -> Result<Step, StepError> {
        super::step(Page::Token, request, world)
    }

    fn with_storage(mut request: StepRequest, token: Option<&str>) -> StepRequest {
        request.browser = Some(Browser {
            cookie: String::new(),
            storage: token.map(|t| format!("\"{t}\"")),
            offset_min: 0,
            ..Browser::default()
        });
        request
    }

    #[test]
    fn a_token_login_with_refresh_asks_without_a_lifetime_and_stores_the_token_it_gets() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let fields = Fields {
                username: "bob".into(),
                password: "builder".into(),
                ttl_secs: "900".into(),
                refresh: true,
                ..Fields::default()
            };
            let state = LabState::fresh(Mode::Token);
            let started = token_step(act(&state, "login", Some(fields)), &world(&no_trace)).unwrap();
            let send = started.send.expect("a request to send");
            assert_eq!(send.path, "/api/token/login");
            let body: serde_json::Value =
                serde_json::from_str(send.body.as_deref().unwrap()).unwrap();
            assert_eq!(body["refresh"], true);
            assert!(body.get("ttl_secs").is_none(), "{body}");
            assert!(!serde_json::to_string(&started.state).unwrap().contains("builder"));
            let answer = format!(
                r#"{{"access_token":"{BOB}","token_type":"Bearer","expires_in":60,"expires_at":2000,
                "ttl":{{"secs":60,"source":"default"}},"leeway_secs":5,
                "refresh":{{"cookie_name":"auth_lab_refresh","family_hint":"fam1","generation":1,"family_expires_at":9000}}}}"#
            );
            let done =
                token_step(report(&started.state, 200, &answer, None), &world(&no_trace)).unwrap();
            assert_eq!(done.token, TokenChange::Store(BOB.into()));
            assert_eq!(done.state.kept_token.as_deref(), Some(BOB));
            assert_eq!(done.state.token_leeway, Some(5));
            assert_eq!(done.state.refresh.as_ref().map(|g| g.generation), Some(1));
            // The picture shows the stored token before the browser reports it.
            assert_eq!(done.lab.token.get_untracked().as_deref(), Some(BOB));
            let banner = done.state.banner.unwrap();
            assert!(banner.text.contains("bob"), "{}", banner.text);
            assert_eq!(due_times(done.lab), vec![2000, 2005, 9000]);
        });
    }

    #[test]
    fn a_token_me_sends_the_stored_bearer_and_a_logout_drops_the_token_whatever_happens() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let state = LabState::fresh(Mode::Token);
            let me = token_step(
                with_storage(act(&state, "me", None), Some(BOB)),
                &world(&no_trace),
            )
            .unwrap();
            let send = me.send.unwrap();
            assert_eq!((send.path.as_str(), send.bearer), ("/api/token/me", true));
            let body = r#"{"username":"bob","role":"user","exp":2000,"jti":"j"}"#;
            let done = token_step(
                with_storage(report(&me.state, 200, body, None), Some(BOB)),
                &world(&no_trace),
            )
            .unwrap();
            let row = &done.state.rows[0];
            assert_eq!(row.auth_bytes, Some("Bearer ".len() + BOB.len()));
            assert_eq!(done.token, TokenChange::Keep);

            let fields = Fields {
                revoke: true,
                ..Fields::default()
            };
            let out =
                token_step(act(&done.state, "logout", Some(fields)), &world(&no_trace)).unwrap();
            let send = out.send.unwrap();
            assert_eq!(send.body.as_deref(), Some(r#"{"revoke":true}"#));
            assert!(send.forget_token, "dropped once sent, whatever comes back");
            assert_eq!(out.state.doing, Some(Doing::TokenLogout { revoke: true }));
            // The request never got an answer: the page forgets its token all the same.
            let lost =
                token_step(report(&out.state, 0, "offline", None), &world(&no_trace)).unwrap();
            assert_eq!(lost.token, TokenChange::Delete);
            assert!(lost.state.banner.unwrap().text.contains("offline"));
        });
    }

    #[test]
    fn a_token_the_browser_could_not_store_is_said_on_the_next_step() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let mut request = act(&LabState::fresh(Mode::Token), "resume", None);
            request.browser = Some(Browser {
                storage_error: Some("QuotaExceededError".into()),
                ..Browser::default()
            });
            let step = token_step(request, &world(&no_trace)).unwrap();
            let banner = step.state.banner.unwrap();
            assert_eq!(banner.tone, super::super::Tone::Bad);
            assert!(
                banner.text.contains("QuotaExceededError"),
                "{}",
                banner.text
            );
            assert_eq!(step.lab.token.get_untracked(), None);
        });
    }

    #[test]
    fn each_page_takes_only_its_own_state_and_actions() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let wrong = token_step(act(&fresh(), "me", None), &world(&no_trace));
            assert_eq!(wrong.err(), Some(StepError::WrongLab));
            let refresh = step(act(&fresh(), "refresh", None), &world(&no_trace));
            assert_eq!(
                refresh.err(),
                Some(StepError::UnknownAction("refresh".into()))
            );
            let token = LabState::fresh(Mode::Token);
            let dead = token_step(act(&token, "replay_dead", None), &world(&no_trace));
            assert_eq!(
                dead.err(),
                Some(StepError::UnknownAction("replay_dead".into()))
            );
            // The refresh box is remembered, for the form drawn again.
            let fields = Fields {
                refresh: true,
                ..Fields::default()
            };
            let chosen = token_step(
                act(&token, "refresh_choice", Some(fields)),
                &world(&no_trace),
            )
            .unwrap();
            assert!(chosen.send.is_none());
            assert!(chosen.state.ask_refresh);
        });
    }

    fn compare_request(state: &CompareState, action: Option<&str>) -> StepRequest<CompareState> {
        StepRequest {
            state: state.clone(),
            action: action.map(Into::into),
            report: None,
            reports: None,
            fields: None,
            has_token: false,
            token: None,
            browser: None,
        }
    }

    fn answer_of(status: u16, body: &str) -> Report {
        Report {
            status,
            served_by: None,
            body: body.into(),
            trace_id: None,
            opened: None,
            duration_ms: Some(2.0),
        }
    }

    #[test]
    fn compare_runs_each_action_in_both_modes_and_reads_the_reports_in_order() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let fields = Fields {
                username: "alice".into(),
                password: "wonderland".into(),
                ttl_secs: "3".into(),
                revoke: true,
                ..Fields::default()
            };
            let mut login = compare_request(&CompareState::fresh(), Some("login"));
            login.fields = Some(fields);
            let started = compare_step(login, &world(&no_trace)).unwrap();
            let sends = started.send.expect("two requests");
            let paths: Vec<&str> = sends.iter().map(|s| s.path.as_str()).collect();
            assert_eq!(paths, ["/api/session/login", "/api/token/login"]);
            assert!(sends.iter().all(|s| s.body.as_deref().unwrap().contains("\"ttl_secs\":3")));

            // One report for two requests is refused, and so is a new action meanwhile.
            let mut short = compare_request(&started.state, None);
            short.reports = Some(vec![answer_of(200, "{}")]);
            assert_eq!(
                compare_step(short, &world(&no_trace)).err(),
                Some(StepError::NothingAsked)
            );
            let busy = compare_request(&started.state, Some("me"));
            assert_eq!(
                compare_step(busy, &world(&no_trace)).err(),
                Some(StepError::Busy)
            );

            let session = r#"{"username":"alice","role":"user","mode":"session","idle_expires_at":1003,
                "absolute_expires_at":4600,"ttl":{"secs":3,"source":"requested"},
                "cookie":{"http_only":true,"same_site":"lax","secure":false,"persistent":true}}"#;
            let token = format!(
                r#"{{"access_token":"{BOB}","token_type":"Bearer","expires_in":3,"expires_at":2000,
                "ttl":{{"secs":3,"source":"requested"}},"leeway_secs":0}}"#
            );
            let mut done = compare_request(&started.state, None);
            done.reports = Some(vec![answer_of(200, session), answer_of(200, &token)]);
            let done = compare_step(done, &world(&no_trace)).unwrap();
            assert!(done.send.is_none());
            assert_eq!(done.token_change, TokenChange::Store(BOB.into()));
            assert_eq!(
                done.state.session.session_times.map(|t| t.idle_expires_at),
                Some(1003)
            );
            assert_eq!(done.state.token.kept_token.as_deref(), Some(BOB));
            // Both columns picture the same localStorage.
            assert_eq!(done.session.token.get_untracked().as_deref(), Some(BOB));
            assert_eq!(done.state.session.rows[0].path, "/api/session/login");
            assert_eq!(done.state.token.rows[0].path, "/api/token/login");

            // Logout in both: the revoke box goes to the token's logout only.
            let out = compare_step(
                StepRequest {
                    fields: Some(Fields {
                        revoke: true,
                        ..Fields::default()
                    }),
                    ..compare_request(&done.state, Some("logout"))
                },
                &world(&no_trace),
            )
            .unwrap();
            let sends = out.send.unwrap();
            assert_eq!(sends[0].body.as_deref(), Some("{}"));
            assert_eq!(sends[1].body.as_deref(), Some(r#"{"revoke":true}"#));
            assert!(sends[1].bearer);
        });
    }
}
