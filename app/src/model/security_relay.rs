//! The `/security` lab as steps the server runs, like the cluster lab's: a click starts an
//! action, each step names the real request the browser sends next (a login, the fixation
//! plant, a tampered token...) or a short wait while an attack runs elsewhere, and the
//! browser reports the answer. What the attacks stole is read from the server's own loot
//! store, never from the page. The page's choices and results travel with each step as
//! `LabState`, so the server keeps nothing per page. Pure: the caller reads the loot, the
//! reported request's trace and the attacker's address, and renders the result.

use serde::{Deserialize, Serialize};

pub use super::relay_wire::{Outgoing, Report, StepError, TokenChange};
use super::tamper::{self, Crack, Edit, Original, Parts};
use crate::{
    api::{
        security::{AttackerSite, CsrfTarget, FixationPlant, WeakToken},
        AppliedCookie, Outcome, ReplayBody, ReplayResult, RequestTrace, SameSite,
        SessionLoginResponse, StepKind, TokenLoginResponse,
    },
    lang::{self, Locale},
};

/// The XSS payloads and the CSRF channels are the vulnerable and attacker pages' own, under
/// the names their URLs use.
pub use crate::security_pages::{Channel, Payload};

/// How often, and how many times, a run looks for the server's report before it says none
/// came.
pub const POLL_MS: u32 = 250;
pub const POLL_TRIES: u32 = 40;
/// The whole wait, as the page tells it when no report came.
pub const WAIT_SECS: u32 = POLL_MS * POLL_TRIES / 1000;

/// The demo accounts the lab logs in as (public ones, listed on every lab page): the
/// victim's session is alice's, the victim's token bob's.
const ALICE: (&str, &str) = ("alice", "wonderland");
const BOB: (&str, &str) = ("bob", "builder");

/// Every choice the page's form fields hold, as the last step saw them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub http_only: bool,
    pub persistent: bool,
    pub same_site: SameSite,
    pub payload: Payload,
    pub csp: bool,
    pub channel: Channel,
    pub target: CsrfTarget,
    pub guard: bool,
    /// The token editor's two text areas.
    pub header: String,
    pub claims: String,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            http_only: true,
            persistent: true,
            same_site: SameSite::Lax,
            payload: Payload::StealStorage,
            csp: false,
            channel: Channel::Form,
            target: CsrfTarget::Session,
            guard: true,
            header: String::new(),
            claims: String::new(),
        }
    }
}

/// The fields as the browser read them when an action started (`data-relay-field`); a
/// field it did not send keeps its value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    pub http_only: Option<bool>,
    pub persistent: Option<bool>,
    pub same_site: Option<SameSite>,
    pub payload: Option<Payload>,
    pub csp: Option<bool>,
    pub channel: Option<Channel>,
    pub target: Option<CsrfTarget>,
    pub guard: Option<bool>,
    pub header: Option<String>,
    pub claims: Option<String>,
}

impl Form {
    fn take(&mut self, fields: Fields) {
        macro_rules! take {
            ($($name:ident),*) => {
                $(if let Some(value) = fields.$name { self.$name = value; })*
            };
        }
        take!(
            http_only, persistent, same_site, payload, csp, channel, target, guard, header, claims
        );
    }
}

/// A login the server refused (`code`; `network` when no answer came).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginError {
    pub status: u16,
    pub code: String,
}

/// The XSS run the frame shows: the vulnerable page's address is built from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameRun {
    pub payload: Payload,
    pub csp: bool,
    /// Counts the runs, so each has its own address and the frame loads afresh.
    pub run: u32,
}

/// Session fixation, step by step, as the server answered each.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixation {
    /// The attacker's own session, planted in this browser.
    pub planted: Option<FixationPlant>,
    /// After the victim's login: the hint of the ID the server deleted (the planted one,
    /// if it was sent) and of the one it issued, from the login's trace.
    pub cycled_from: Option<String>,
    pub issued: Option<String>,
    /// The attacker's request with the planted ID: status, and who it was, or why not.
    pub replay: Option<FixationReplay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixationReplay {
    pub status: u16,
    pub user: Option<String>,
    pub reason: Option<String>,
}

/// The token editor's hidden half: the signature as it came, and the parts' original
/// encodings (the text areas hold the rest, in `Form`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loaded {
    pub signature: String,
    pub original: Option<Original>,
}

/// The server's answer to a tampered token: status, reason, and each step it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tampered {
    pub status: u16,
    pub code: Option<String>,
    pub steps: Vec<(StepKind, Outcome)>,
}

/// What the page knows between steps. The browser holds it and sends it back with the
/// next step; a learner who edits it only changes their own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabState {
    /// Whose loot this page reads: 128 random bits the server gave this page.
    pub lab_id: String,
    pub form: Form,
    /// The attributes the victim's session cookie was set with, as the server said.
    pub cookie: Option<AppliedCookie>,
    pub login_error: Option<LoginError>,
    pub frame: Option<FrameRun>,
    /// Whether the browser opened the attacker's CSRF page (a popup blocker may refuse).
    pub csrf_opened: Option<bool>,
    /// The last run's report did not come in time.
    pub no_report: bool,
    pub fixation: Fixation,
    pub loaded: Option<Loaded>,
    pub tampered: Option<Tampered>,
    pub weak: Option<Crack>,
    pub mine: Option<Crack>,
    pub doing: Option<Doing>,
}

impl LabState {
    pub fn new(lab_id: String) -> Self {
        Self {
            lab_id,
            form: Form::default(),
            cookie: None,
            login_error: None,
            frame: None,
            csrf_opened: None,
            no_report: false,
            fixation: Fixation::default(),
            loaded: None,
            tampered: None,
            weak: None,
            mine: None,
            doing: None,
        }
    }

    /// Whether a run is waiting for the server's report of an attack.
    pub fn watching(&self) -> bool {
        matches!(self.doing, Some(Doing::Watch { .. }))
    }

    /// The vulnerable page's address for the frame's run.
    pub fn frame_src(&self, locale: Locale) -> Option<String> {
        self.frame.map(|f| {
            format!(
                "/security/vulnerable?payload={}&lab={}&csp={}&lang={}&run={}",
                f.payload.name(),
                self.lab_id,
                on_off(f.csp),
                lang::tag(locale),
                f.run
            )
        })
    }
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

/// Whether the attacks can run: an attacker site that is really another site.
pub fn ready(site: &AttackerSite) -> bool {
    site.origin.is_some() && !site.same_site
}

/// Everything the `/security` page can ask for, as its controls name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A field changed that the drawing depends on: draw again.
    Form,
    /// The page was loaded again: draw the state it kept.
    Resume,
    LogInSession,
    LogInToken,
    Xss,
    Csrf,
    Plant,
    FixationLogIn,
    FixationReplay,
    TamperLoad,
    TamperEdit(Edit),
    TamperSend,
    Weak,
    WeakMine,
}

impl Action {
    pub const ALL: [Action; 17] = [
        Self::Form,
        Self::Resume,
        Self::LogInSession,
        Self::LogInToken,
        Self::Xss,
        Self::Csrf,
        Self::Plant,
        Self::FixationLogIn,
        Self::FixationReplay,
        Self::TamperLoad,
        Self::TamperEdit(Edit::Admin),
        Self::TamperEdit(Edit::LaterExp),
        Self::TamperEdit(Edit::AlgNone),
        Self::TamperEdit(Edit::Kid),
        Self::TamperSend,
        Self::Weak,
        Self::WeakMine,
    ];

    /// The name a control carries in `data-relay-action`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::Resume => "resume",
            Self::LogInSession => "login-session",
            Self::LogInToken => "login-token",
            Self::Xss => "xss",
            Self::Csrf => "csrf",
            Self::Plant => "plant",
            Self::FixationLogIn => "fixation-login",
            Self::FixationReplay => "fixation-replay",
            Self::TamperLoad => "tamper-load",
            Self::TamperEdit(Edit::Admin) => "tamper-admin",
            Self::TamperEdit(Edit::LaterExp) => "tamper-exp",
            Self::TamperEdit(Edit::AlgNone) => "tamper-none",
            Self::TamperEdit(Edit::Kid) => "tamper-kid",
            Self::TamperSend => "tamper-send",
            Self::Weak => "weak",
            Self::WeakMine => "weak-mine",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// An action under way: what its next report is the answer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Doing {
    SessionLogIn,
    TokenLogIn,
    /// An attack runs in the frame or the attacker's tab; `before` is how many entries
    /// had been filed when it started.
    Watch {
        before: u64,
        tries: u32,
    },
    PlantLogOut,
    Plant,
    FixationLogIn,
    FixationReplay,
    TamperSend,
    WeakToken,
}

/// One step's input: a new action (with the form's fields, and the stored token for the
/// actions that read it) or the report of the request the last step asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    pub state: LabState,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub report: Option<Report>,
    #[serde(default)]
    pub has_token: bool,
    #[serde(default)]
    pub fields: Option<Fields>,
    /// The token localStorage holds, sent only by the controls that work on it.
    #[serde(default)]
    pub token: Option<String>,
}

/// What the server read for this step.
pub struct World<'a> {
    pub locale: Locale,
    pub site: &'a AttackerSite,
    /// How many entries were ever filed under the state's lab ID (the loot keeps only the
    /// newest, so its length stops growing; this count does not).
    pub filed: u64,
    /// The server's trace of the reported request, when it has one.
    pub trace: Option<&'a RequestTrace>,
    /// Tries the public list of weak secrets against a token's signature.
    pub crack: &'a dyn Fn(&str) -> Crack,
}

/// A step's result: the new state, the next request (none when the action is done), the
/// token change, and what else the browser does: open the attacker's page, or write a
/// cookie as a script would.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: LabState,
    pub send: Option<Outgoing>,
    pub token: TokenChange,
    pub open: Option<String>,
    pub cookie: Option<String>,
}

fn done(state: LabState) -> Step {
    Step {
        state,
        send: None,
        token: TokenChange::Keep,
        open: None,
        cookie: None,
    }
}

fn next(mut state: LabState, doing: Doing, send: Outgoing) -> Step {
    state.doing = Some(doing);
    Step {
        send: Some(send),
        ..done(state)
    }
}

fn login_body((username, password): (&str, &str), cookie: Option<serde_json::Value>) -> String {
    let mut body = serde_json::json!({ "username": username, "password": password });
    if let Some(cookie) = cookie {
        body["cookie"] = cookie;
    }
    body.to_string()
}

/// Runs one step.
pub fn step(request: StepRequest, world: &World) -> Result<Step, StepError> {
    let StepRequest {
        mut state,
        action,
        report,
        fields,
        token,
        ..
    } = request;
    match (action, report) {
        (Some(name), None) => {
            if state.doing.is_some() {
                return Err(StepError::Busy);
            }
            let action = Action::parse(&name).ok_or(StepError::UnknownAction(name))?;
            if let Some(fields) = fields {
                state.form.take(fields);
            }
            Ok(start(state, action, token, world))
        }
        (None, Some(report)) => {
            let doing = state.doing.take().ok_or(StepError::NothingAsked)?;
            Ok(answered(state, doing, report, world))
        }
        _ => Err(StepError::NothingAsked),
    }
}

fn watch(mut state: LabState, world: &World) -> Step {
    state.no_report = false;
    let before = world.filed;
    next(
        state,
        Doing::Watch { before, tries: 0 },
        Outgoing::wait(POLL_MS),
    )
}

fn start(mut state: LabState, action: Action, token: Option<String>, world: &World) -> Step {
    match action {
        Action::Form => done(state),
        Action::Resume => {
            // The vulnerable page is not framed again: its payload would run a second time.
            state.frame = None;
            done(state)
        }
        Action::LogInSession => {
            let form = &state.form;
            let cookie = serde_json::json!({
                "http_only": form.http_only,
                "same_site": form.same_site,
                // Browsers drop SameSite=None without Secure.
                "secure": form.same_site == SameSite::None,
                "persistent": form.persistent,
            });
            let body = login_body(ALICE, Some(cookie));
            next(
                state,
                Doing::SessionLogIn,
                Outgoing::new("POST", "/api/session/login", Some(&body)),
            )
        }
        Action::LogInToken => {
            let body = login_body(BOB, None);
            next(
                state,
                Doing::TokenLogIn,
                Outgoing::new("POST", "/api/token/login", Some(&body)),
            )
        }
        Action::Xss if ready(world.site) => {
            let run = state.frame.map_or(1, |f| f.run.saturating_add(1));
            state.frame = Some(FrameRun {
                payload: state.form.payload,
                csp: state.form.csp,
                run,
            });
            watch(state, world)
        }
        Action::Csrf if ready(world.site) => {
            let form = &state.form;
            let origin = world.site.origin.clone().unwrap_or_default();
            let url = format!(
                "{origin}/csrf?lab={}&channel={}&guard={}&target={}&lang={}",
                state.lab_id,
                form.channel.name(),
                on_off(form.guard),
                form.target.name(),
                lang::tag(world.locale)
            );
            state.csrf_opened = None;
            let mut step = watch(state, world);
            step.open = Some(url);
            step
        }
        Action::Xss | Action::Csrf => done(state),
        Action::Plant => next(
            state,
            Doing::PlantLogOut,
            Outgoing::new("POST", "/api/session/logout", Some("{}")),
        ),
        Action::FixationLogIn => {
            let body = login_body(ALICE, None);
            next(
                state,
                Doing::FixationLogIn,
                Outgoing::new("POST", "/api/session/login", Some(&body)),
            )
        }
        Action::FixationReplay => {
            let Some(plant) = &state.fixation.planted else {
                return done(state);
            };
            let body = serde_json::json!({ "session_id": plant.session_id }).to_string();
            next(
                state,
                Doing::FixationReplay,
                Outgoing::new("POST", "/api/lab/replay-session", Some(&body)),
            )
        }
        Action::TamperLoad => {
            if let Some(parts) = token.as_deref().and_then(tamper::split) {
                state.form.header = parts.header;
                state.form.claims = parts.payload;
                state.loaded = Some(Loaded {
                    signature: parts.signature,
                    original: parts.original,
                });
                state.tampered = None;
            }
            done(state)
        }
        Action::TamperEdit(edit) => {
            if let Some(parts) = tamper_parts(&state) {
                let edited = tamper::apply(&parts, edit);
                state.form.header = edited.header;
                state.form.claims = edited.payload;
                state.loaded = Some(Loaded {
                    signature: edited.signature,
                    original: edited.original,
                });
            }
            done(state)
        }
        Action::TamperSend => {
            let Some(parts) = tamper_parts(&state) else {
                return done(state);
            };
            let send = Outgoing {
                bearer_token: Some(tamper::assemble(&parts)),
                ..Outgoing::new("GET", "/api/token/me", None)
            };
            next(state, Doing::TamperSend, send)
        }
        Action::Weak => next(
            state,
            Doing::WeakToken,
            Outgoing::new("POST", "/api/lab/weak-token", Some("{}")),
        ),
        Action::WeakMine => {
            state.mine = Some(match token {
                Some(token) => (world.crack)(&token),
                None => Crack::Unavailable,
            });
            done(state)
        }
    }
}

/// The token editor's parts: the text areas and the loaded token's hidden half.
fn tamper_parts(state: &LabState) -> Option<Parts> {
    let loaded = state.loaded.as_ref()?;
    Some(Parts {
        header: state.form.header.clone(),
        payload: state.form.claims.clone(),
        signature: loaded.signature.clone(),
        original: loaded.original.clone(),
    })
}

fn login_error(report: &Report) -> Option<LoginError> {
    report.refusal().map(|code| LoginError {
        status: report.status,
        code,
    })
}

/// The hint between `<id ` and `>` in a trace step's detail (how the cycle step names the
/// ID it deleted).
fn id_in(detail: &str) -> Option<String> {
    let start = detail.find("<id ")? + 4;
    let end = start + detail[start..].find('>')?;
    Some(detail[start..end].to_owned())
}

fn answered(mut state: LabState, doing: Doing, report: Report, world: &World) -> Step {
    match doing {
        Doing::SessionLogIn => {
            state.login_error = login_error(&report);
            if let Some(done) = report.answer::<SessionLoginResponse>() {
                state.cookie = Some(done.cookie);
            }
            done(state)
        }
        Doing::TokenLogIn => {
            state.login_error = login_error(&report);
            let token = report
                .answer::<TokenLoginResponse>()
                .map_or(TokenChange::Keep, |t| TokenChange::Store(t.access_token));
            Step {
                token,
                ..done(state)
            }
        }
        Doing::Watch { before, tries } => {
            if report.opened.is_some() {
                state.csrf_opened = report.opened;
            }
            // A page that never opened sends nothing to wait for.
            if world.filed > before || report.opened == Some(false) {
                return done(state);
            }
            let tries = tries.saturating_add(1);
            if tries >= POLL_TRIES {
                state.no_report = true;
                return done(state);
            }
            next(
                state,
                Doing::Watch { before, tries },
                Outgoing::wait(POLL_MS),
            )
        }
        Doing::PlantLogOut => {
            // Whatever this browser held is gone (a script cannot overwrite an HttpOnly
            // cookie, hence the logout before the plant).
            state.cookie = None;
            next(
                state,
                Doing::Plant,
                Outgoing::new("POST", "/api/lab/fixation/plant", Some("{}")),
            )
        }
        Doing::Plant => {
            let Some(plant) = report.answer::<FixationPlant>() else {
                return done(state);
            };
            let line = format!(
                "{}={}; Path=/; SameSite=Lax",
                plant.cookie_name, plant.session_id
            );
            state.fixation = Fixation {
                planted: Some(plant),
                ..Fixation::default()
            };
            Step {
                cookie: Some(line),
                ..done(state)
            }
        }
        Doing::FixationLogIn => {
            if let Some(done) = report.answer::<SessionLoginResponse>() {
                state.cookie = Some(done.cookie);
            }
            let steps = world.trace.map(|t| t.steps.as_slice()).unwrap_or_default();
            state.fixation.cycled_from = steps
                .iter()
                .find(|s| s.step == StepKind::SessionIdCycled)
                .and_then(|s| id_in(&s.detail));
            state.fixation.issued = steps
                .iter()
                .find(|s| s.step == StepKind::SessionCreated)
                .and_then(|s| s.hint.clone());
            done(state)
        }
        Doing::FixationReplay => {
            if let Some(replay) = report.answer::<ReplayResult>() {
                let (user, reason) = match replay.body {
                    ReplayBody::Me(me) => (Some(me.username), None),
                    ReplayBody::Refused(error) => (None, Some(error.reason.unwrap_or(error.error))),
                };
                state.fixation.replay = Some(FixationReplay {
                    status: replay.status,
                    user,
                    reason,
                });
            }
            done(state)
        }
        Doing::TamperSend => {
            let steps = world
                .trace
                .map(|t| t.steps.iter().map(|s| (s.step, s.outcome)).collect())
                .unwrap_or_default();
            state.tampered = Some(Tampered {
                status: report.status,
                code: report.refusal(),
                steps,
            });
            done(state)
        }
        Doing::WeakToken => {
            state.weak = Some(match report.answer::<WeakToken>() {
                Some(weak) => (world.crack)(&weak.token),
                None => Crack::Unavailable,
            });
            done(state)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{api::TraceStep, model::tamper::sample_token as jwt};

    const LAB: &str = "abcdefghijklmnop";

    fn site(origin: Option<&str>, same_site: bool) -> AttackerSite {
        AttackerSite {
            origin: origin.map(Into::into),
            lab_origin: "http://127.0.0.1:3000".into(),
            same_site,
            new_lab_id: LAB.into(),
        }
    }

    fn two_sites() -> AttackerSite {
        site(Some("http://localhost:3002"), false)
    }

    /// A world whose crack finds "secret" in any token that ends in `.weak`.
    fn world<'a>(site: &'a AttackerSite, filed: u64, trace: Option<&'a RequestTrace>) -> World<'a> {
        World {
            locale: Locale::ko,
            site,
            filed,
            trace,
            crack: &|token: &str| {
                if token.ends_with(".weak") {
                    Crack::Found {
                        word: "secret".into(),
                        tries: 3,
                    }
                } else {
                    Crack::NotFound { tries: 48 }
                }
            },
        }
    }

    fn request(state: LabState) -> StepRequest {
        StepRequest {
            state,
            action: None,
            report: None,
            has_token: false,
            fields: None,
            token: None,
        }
    }

    fn start(state: LabState, action: &str, world: &World) -> Step {
        let request = StepRequest {
            action: Some(action.into()),
            ..request(state)
        };
        step(request, world).expect("an action the page has")
    }

    fn report(state: LabState, status: u16, body: &str, world: &World) -> Step {
        let request = StepRequest {
            report: Some(Report {
                status,
                served_by: None,
                body: body.into(),
                trace_id: None,
                opened: None,
                duration_ms: None,
            }),
            ..request(state)
        };
        step(request, world).expect("a report the step asked for")
    }

    fn fresh() -> LabState {
        LabState::new(LAB.into())
    }

    const SESSION_LOGIN: &str = r#"{"username":"alice","role":"user","mode":"session",
        "idle_expires_at":1,"absolute_expires_at":2,"ttl":{"secs":120,"source":"default"},
        "cookie":{"http_only":false,"same_site":"none","secure":true,"persistent":true}}"#;

    #[test]
    fn every_control_name_reads_back_as_its_action_and_the_names_are_pinned() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.name()), Some(action));
        }
        let names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(
            names,
            [
                "form",
                "resume",
                "login-session",
                "login-token",
                "xss",
                "csrf",
                "plant",
                "fixation-login",
                "fixation-replay",
                "tamper-load",
                "tamper-admin",
                "tamper-exp",
                "tamper-none",
                "tamper-kid",
                "tamper-send",
                "weak",
                "weak-mine"
            ]
        );
        assert_eq!(Action::parse("xss:steal"), None);
    }

    #[test]
    fn a_session_login_sends_the_chosen_flags_and_keeps_what_the_server_applied() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let fields = Fields {
            http_only: Some(false),
            same_site: Some(SameSite::None),
            ..Fields::default()
        };
        let asked = StepRequest {
            action: Some("login-session".into()),
            fields: Some(fields),
            ..request(fresh())
        };
        let step = super::step(asked, &world).unwrap();
        let send = step.send.unwrap();
        assert_eq!(
            (send.method, send.path.as_str()),
            ("POST", "/api/session/login")
        );
        let body: serde_json::Value = serde_json::from_str(send.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["username"], "alice");
        // SameSite=None goes with Secure, which browsers require; a field not sent keeps
        // its value.
        assert_eq!(
            body["cookie"],
            serde_json::json!({"http_only": false, "same_site": "none", "secure": true, "persistent": true})
        );
        let done = report(step.state, 200, SESSION_LOGIN, &world);
        assert!(done.send.is_none());
        let cookie = done.state.cookie.unwrap();
        assert_eq!(
            (cookie.http_only, cookie.same_site),
            (false, SameSite::None)
        );
        assert_eq!(done.state.login_error, None);
    }

    #[test]
    fn a_refused_login_is_kept_as_its_status_and_reason() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let step = start(fresh(), "login-token", &world);
        let body = r#"{"error":"too_many_requests","reason":null,"message":"slow down"}"#;
        let done = report(step.state, 429, body, &world);
        assert_eq!(done.token, TokenChange::Keep);
        assert_eq!(
            done.state.login_error,
            Some(LoginError {
                status: 429,
                code: "too_many_requests".into()
            })
        );
        let step = start(done.state, "login-token", &world);
        let body = r#"{"access_token":"h.p.s","token_type":"Bearer","expires_in":120,
            "expires_at":1,"ttl":{"secs":120,"source":"default"},"leeway_secs":0}"#;
        let done = report(step.state, 200, body, &world);
        assert_eq!(done.token, TokenChange::Store("h.p.s".into()));
        assert_eq!(done.state.login_error, None);
    }

    #[test]
    fn an_xss_run_frames_a_new_address_and_waits_for_the_loot_to_grow() {
        let sites = two_sites();
        let step = start(fresh(), "xss", &world(&sites, 2, None));
        assert_eq!(step.send, Some(Outgoing::wait(POLL_MS)));
        assert_eq!(
            step.state.frame_src(Locale::ko).unwrap(),
            format!("/security/vulnerable?payload=steal&lab={LAB}&csp=off&lang=ko&run=1")
        );
        // Nothing new yet: wait again. Then the payload's report arrives: done.
        let step = report(step.state, 0, "", &world(&sites, 2, None));
        assert_eq!(
            step.state.doing,
            Some(Doing::Watch {
                before: 2,
                tries: 1
            })
        );
        let done = report(step.state, 0, "", &world(&sites, 3, None));
        assert!(done.send.is_none() && !done.state.no_report);
        // A second run gets its own address.
        let again = start(done.state, "xss", &world(&sites, 3, None));
        assert_eq!(again.state.frame.unwrap().run, 2);
    }

    #[test]
    fn a_resumed_page_does_not_frame_the_vulnerable_page_again() {
        let sites = two_sites();
        let ran = start(fresh(), "xss", &world(&sites, 0, None));
        let done = report(ran.state, 0, "", &world(&sites, 1, None));
        assert!(done.state.frame.is_some());
        let resumed = start(done.state, "resume", &world(&sites, 1, None));
        assert_eq!(resumed.state.frame, None);
        assert_eq!(resumed.state.frame_src(Locale::en), None);
    }

    #[test]
    fn a_full_loot_still_tells_a_new_report_by_the_count_filed() {
        // The loot keeps its newest 50 entries; what grows is the count ever filed.
        let sites = two_sites();
        let step = start(fresh(), "xss", &world(&sites, 50, None));
        let done = report(step.state, 0, "", &world(&sites, 51, None));
        assert!(done.send.is_none() && !done.state.no_report);
    }

    #[test]
    fn a_run_whose_report_never_comes_says_so_after_the_whole_wait() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let mut step = start(fresh(), "xss", &world);
        let mut waits = 0;
        while step.send.is_some() {
            step = report(step.state, 0, "", &world);
            waits += 1;
        }
        assert_eq!(waits, POLL_TRIES);
        assert!(step.state.no_report);
        assert_eq!(step.state.doing, None);
    }

    #[test]
    fn attacks_do_not_run_without_a_second_site() {
        for sites in [site(None, false), site(Some("http://127.0.0.1:3002"), true)] {
            let world = world(&sites, 0, None);
            for action in ["xss", "csrf"] {
                let step = start(fresh(), action, &world);
                assert_eq!((step.send, step.open, step.state.frame), (None, None, None));
            }
        }
    }

    #[test]
    fn a_csrf_run_opens_the_attackers_page_and_hears_whether_it_opened() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let asked = StepRequest {
            action: Some("csrf".into()),
            fields: Some(Fields {
                channel: Some(Channel::Fetch),
                guard: Some(false),
                target: Some(CsrfTarget::Token),
                ..Fields::default()
            }),
            ..request(fresh())
        };
        let step = super::step(asked, &world).unwrap();
        assert_eq!(
            step.open.as_deref(),
            Some(
                format!("http://localhost:3002/csrf?lab={LAB}&channel=fetch&guard=off&target=token&lang=ko")
                    .as_str()
            )
        );
        let answered = StepRequest {
            report: Some(Report {
                status: 0,
                served_by: None,
                body: String::new(),
                trace_id: None,
                opened: Some(false),
                duration_ms: None,
            }),
            ..request(step.state)
        };
        let step = super::step(answered, &world).unwrap();
        assert_eq!(step.state.csrf_opened, Some(false));
        // A page that never opened sends no report: the run ends at once, and says why.
        assert_eq!((step.send, step.state.no_report), (None, false));
        // The next run starts without the last one's note.
        let again = start(step.state, "csrf", &world);
        assert_eq!(again.state.csrf_opened, None);
    }

    #[test]
    fn fixation_plants_after_a_logout_then_reads_the_login_trace_and_the_replay() {
        let sites = two_sites();
        let world0 = world(&sites, 0, None);
        let step = start(fresh(), "plant", &world0);
        assert_eq!(step.send.as_ref().unwrap().path, "/api/session/logout");
        let step = report(step.state, 200, "{}", &world0);
        assert_eq!(step.send.as_ref().unwrap().path, "/api/lab/fixation/plant");
        let plant = r#"{"session_id":"S3CRET","cookie_name":"auth_lab_sid","hint":"sid:1a2b"}"#;
        let planted = report(step.state, 200, plant, &world0);
        assert_eq!(
            planted.cookie.as_deref(),
            Some("auth_lab_sid=S3CRET; Path=/; SameSite=Lax")
        );
        let step = start(planted.state, "fixation-login", &world0);
        let trace = RequestTrace {
            id: "t1".into(),
            method: "POST".into(),
            path: "/api/session/login".into(),
            status: 200,
            duration_ms: 1.0,
            at: 0,
            cookie_bytes: None,
            authorization_bytes: None,
            steps: vec![
                TraceStep {
                    step: StepKind::SessionIdCycled,
                    outcome: Outcome::Info,
                    detail: "deleted <id sid:1a2b> before issuing".into(),
                    hint: None,
                },
                TraceStep {
                    step: StepKind::SessionCreated,
                    outcome: Outcome::Ok,
                    detail: String::new(),
                    hint: Some("sid:9f8e".into()),
                },
            ],
            response_headers: Vec::new(),
            page: None,
        };
        let logged_in = report(
            step.state,
            200,
            SESSION_LOGIN,
            &world(&sites, 0, Some(&trace)),
        );
        let fixation = &logged_in.state.fixation;
        assert_eq!(fixation.cycled_from.as_deref(), Some("sid:1a2b"));
        assert_eq!(fixation.issued.as_deref(), Some("sid:9f8e"));
        let step = start(logged_in.state, "fixation-replay", &world0);
        assert_eq!(
            step.send.as_ref().unwrap().body.as_deref(),
            Some(r#"{"session_id":"S3CRET"}"#)
        );
        let replay = r#"{"request":"GET /api/session/me","status":401,"trace_id":null,
            "body":{"error":"unauthorized","reason":"unknown_session","message":"no"}}"#;
        let done = report(step.state, 200, replay, &world0);
        assert_eq!(
            done.state.fixation.replay,
            Some(FixationReplay {
                status: 401,
                user: None,
                reason: Some("unknown_session".into())
            })
        );
    }

    #[test]
    fn the_replay_waits_for_a_plant() {
        let sites = two_sites();
        let step = start(fresh(), "fixation-replay", &world(&sites, 0, None));
        assert_eq!(step.send, None);
    }

    #[test]
    fn the_token_editor_loads_edits_and_sends_the_tampered_token_as_the_bearer() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let asked = StepRequest {
            action: Some("tamper-load".into()),
            token: Some(jwt()),
            ..request(fresh())
        };
        let loaded = super::step(asked, &world).unwrap();
        assert!(loaded.state.form.claims.contains("\"sub\": \"bob\""));
        // An untouched token goes back byte for byte.
        let send = start(loaded.state.clone(), "tamper-send", &world)
            .send
            .unwrap();
        assert_eq!(send.bearer_token, Some(jwt()));
        assert!(!send.bearer);
        let edited = start(loaded.state, "tamper-admin", &world);
        assert!(edited.state.form.claims.contains("\"role\": \"admin\""));
        let step = start(edited.state, "tamper-send", &world);
        let token = step.send.as_ref().unwrap().bearer_token.clone().unwrap();
        assert!(token.ends_with(".c2ln") && token != jwt());
        let refusal = r#"{"error":"invalid_token","reason":"bad_signature","message":"no"}"#;
        let done = report(step.state, 401, refusal, &world);
        assert_eq!(
            done.state.tampered,
            Some(Tampered {
                status: 401,
                code: Some("bad_signature".into()),
                steps: Vec::new()
            })
        );
    }

    #[test]
    fn the_editor_does_nothing_before_a_token_is_loaded() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        for action in ["tamper-load", "tamper-none", "tamper-send"] {
            let step = start(fresh(), action, &world);
            assert_eq!((step.send, step.state.loaded), (None, None));
        }
    }

    #[test]
    fn weak_actions_hand_the_careless_servers_token_and_the_stored_one_to_the_cracker() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let step = start(fresh(), "weak", &world);
        assert_eq!(step.send.as_ref().unwrap().path, "/api/lab/weak-token");
        let done = report(step.state, 200, r#"{"token":"a.b.weak"}"#, &world);
        assert_eq!(
            done.state.weak,
            Some(Crack::Found {
                word: "secret".into(),
                tries: 3
            })
        );
        let asked = StepRequest {
            action: Some("weak-mine".into()),
            token: Some("a.b.strong".into()),
            ..request(done.state)
        };
        let mine = super::step(asked, &world).unwrap();
        assert_eq!(mine.state.mine, Some(Crack::NotFound { tries: 48 }));
        let none = start(mine.state, "weak-mine", &world);
        assert_eq!(none.state.mine, Some(Crack::Unavailable));
    }

    #[test]
    fn refusals_unknown_busy_and_nothing_asked() {
        let sites = two_sites();
        let world = world(&sites, 0, None);
        let unknown = StepRequest {
            action: Some("steal-everything".into()),
            ..request(fresh())
        };
        assert_eq!(
            step(unknown, &world),
            Err(StepError::UnknownAction("steal-everything".into()))
        );
        let under_way = start(fresh(), "weak", &world).state;
        let busy = StepRequest {
            action: Some("xss".into()),
            ..request(under_way)
        };
        assert_eq!(step(busy, &world), Err(StepError::Busy));
        assert_eq!(step(request(fresh()), &world), Err(StepError::NothingAsked));
        let stray = StepRequest {
            report: Some(Report {
                status: 200,
                served_by: None,
                body: "{}".into(),
                trace_id: None,
                opened: None,
                duration_ms: None,
            }),
            ..request(fresh())
        };
        assert_eq!(step(stray, &world), Err(StepError::NothingAsked));
    }

    #[test]
    fn a_step_reads_the_relays_json_and_refuses_unknown_fields() {
        let state = serde_json::to_value(fresh()).unwrap();
        let good = serde_json::json!({
            "state": state, "action": "form", "has_token": true,
            "fields": {"same_site": "strict", "csp": true, "claims": "{}"},
        });
        let request: StepRequest = serde_json::from_value(good).unwrap();
        assert_eq!(request.fields.unwrap().same_site, Some(SameSite::Strict));
        let bad = serde_json::json!({ "state": state, "fields": {"colour": "red"} });
        assert!(serde_json::from_value::<StepRequest>(bad).is_err());
        let wrong = serde_json::json!({ "state": state, "fields": {"same_site": "sometimes"} });
        assert!(serde_json::from_value::<StepRequest>(wrong).is_err());
    }
}
