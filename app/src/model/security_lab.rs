//! The security page's state and actions: the victim's login, the XSS and CSRF runs, and
//! the loot the server reports for this visitor's lab ID. A run ends when the server's
//! report arrives (or after a bounded wait that says so), never on a guess.

use leptos::prelude::*;

use super::lab_client;
use crate::{
    api::{
        security::{AttackerSite, CsrfTarget, LootEntry},
        AppliedCookie, CookieOptions, LoginRequest, Outcome, SameSite, StepKind,
    },
    client,
    lang::{self, Locale},
};

/// sessionStorage key of this tab's lab ID, so a reload still shows its own loot.
const LAB_ID_KEY: &str = "auth_lab.security_lab_id";
/// How often and how long a run waits for the server's report.
const POLL_MS: i32 = 250;
const POLL_TRIES: usize = 40;
/// The whole wait, as the page tells it when no report came.
pub const WAIT_SECS: i32 = POLL_MS * POLL_TRIES as i32 / 1000;

/// All the state the security page shows. `Copy`, like the other labs.
#[derive(Debug, Clone, Copy)]
pub struct SecurityLab {
    pub locale: Locale,
    pub site: RwSignal<Option<AttackerSite>>,
    pub lab_id: RwSignal<Option<String>>,
    pub loot: RwSignal<Vec<LootEntry>>,
    /// The attributes the victim's session cookie was set with, as the server said.
    pub cookie: RwSignal<Option<AppliedCookie>>,
    pub token_stored: RwSignal<bool>,
    /// What the last login said when it was refused.
    pub login_error: RwSignal<Option<String>>,
    /// The vulnerable page the frame shows, once a payload ran.
    pub frame_src: RwSignal<Option<String>>,
    pub csrf_opened: RwSignal<bool>,
    /// A run is waiting for the server's report.
    pub waiting: RwSignal<bool>,
    /// The last run's report did not come in time.
    pub no_report: RwSignal<bool>,
    pub hydrated: RwSignal<bool>,
    /// The session fixation run so far.
    pub fixation: RwSignal<Fixation>,
    /// What the server answered the last tampered token, with its trace's steps.
    pub tampered: RwSignal<Option<Tampered>>,
    /// XSS runs so far, to give each frame load its own address.
    runs: StoredValue<u32>,
}

impl SecurityLab {
    pub fn new() -> Self {
        Self {
            locale: lang::current(),
            site: RwSignal::new(None),
            lab_id: RwSignal::new(None),
            loot: RwSignal::new(Vec::new()),
            cookie: RwSignal::new(None),
            token_stored: RwSignal::new(false),
            login_error: RwSignal::new(None),
            frame_src: RwSignal::new(None),
            csrf_opened: RwSignal::new(false),
            waiting: RwSignal::new(false),
            no_report: RwSignal::new(false),
            hydrated: RwSignal::new(false),
            fixation: RwSignal::new(Fixation::default()),
            tampered: RwSignal::new(None),
            runs: StoredValue::new(0),
        }
    }

    /// Once hydrated: where the attacker is, this tab's lab ID, and any loot it has.
    pub fn start_in_browser(self) {
        Effect::new(move |_| {
            self.hydrated.set(true);
            self.token_stored.set(client::load_token().is_some());
            leptos::task::spawn_local(async move {
                let Ok(answered) = lab_client::attacker_site().await else {
                    return;
                };
                let Ok(site) = answered.answer else { return };
                let id = client::session_value(LAB_ID_KEY).unwrap_or_else(|| {
                    client::keep_session_value(LAB_ID_KEY, &site.new_lab_id);
                    site.new_lab_id.clone()
                });
                self.lab_id.set(Some(id));
                self.site.set(Some(site));
                self.refresh_loot().await;
            });
        });
    }

    /// Whether an attack can run: an attacker site on another site, and a lab ID.
    pub fn ready(&self) -> bool {
        self.site.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.origin.is_some() && !s.same_site)
        }) && self.lab_id.with(Option::is_some)
    }

    async fn refresh_loot(self) -> usize {
        let Some(id) = self.lab_id.get_untracked() else {
            return 0;
        };
        if let Ok(answered) = lab_client::loot(&id).await {
            if let Ok(view) = answered.answer {
                let count = view.entries.len();
                self.loot.set(view.entries);
                return count;
            }
        }
        self.loot.with_untracked(Vec::len)
    }

    /// Polls the loot until it grows past `before`, or gives up and says so.
    async fn wait_for_report(self, before: usize) {
        self.waiting.set(true);
        self.no_report.set(false);
        for _ in 0..POLL_TRIES {
            client::sleep_ms(POLL_MS).await;
            if self.refresh_loot().await > before {
                self.waiting.set(false);
                return;
            }
        }
        self.waiting.set(false);
        self.no_report.set(true);
    }

    pub async fn log_in_session(self, http_only: bool, same_site: SameSite, persistent: bool) {
        let login = LoginRequest {
            cookie: Some(CookieOptions {
                http_only: Some(http_only),
                same_site: Some(same_site),
                // Browsers drop SameSite=None without Secure.
                secure: (same_site == SameSite::None).then_some(true),
                persistent: Some(persistent),
            }),
            ..LoginRequest::new("alice", "wonderland")
        };
        match lab_client::session_login(&login).await {
            Ok(answered) => match answered.answer {
                Ok(done) => {
                    self.login_error.set(None);
                    self.cookie.set(Some(done.cookie));
                }
                Err(refusal) => self.refused(refusal.status, &refusal.code),
            },
            Err(err) => self.login_error.set(Some(err)),
        }
    }

    pub async fn log_in_token(self) {
        let login = LoginRequest::new("bob", "builder");
        match lab_client::token_login(&login).await {
            Ok(answered) => match answered.answer {
                Ok(issued) => {
                    self.login_error.set(None);
                    let stored = client::store_token(&issued.access_token).is_ok();
                    self.token_stored.set(stored);
                }
                Err(refusal) => self.refused(refusal.status, &refusal.code),
            },
            Err(err) => self.login_error.set(Some(err)),
        }
    }

    fn refused(self, status: u16, code: &str) {
        let text = crate::i18n::td_string!(self.locale, security.login.refused, status, code);
        self.login_error.set(Some(text.to_string()));
    }

    /// Loads the vulnerable page with `payload` in the frame, then waits for the report.
    pub async fn run_xss(self, payload: &'static str, csp: bool) {
        let Some(id) = self.lab_id.get_untracked() else {
            return;
        };
        let before = self.refresh_loot().await;
        // A new address for each run (the server ignores `run`), so the frame always loads
        // the page afresh and its payload runs once per click.
        self.runs.update_value(|n| *n += 1);
        let run = self.runs.get_value();
        let src = format!(
            "/security/vulnerable?payload={payload}&lab={id}&csp={}&lang={}&run={run}",
            if csp { "on" } else { "off" },
            lang::tag(self.locale)
        );
        self.frame_src.set(Some(src));
        self.wait_for_report(before).await;
    }

    /// Opens the attacker's CSRF page in a new tab, then waits for the target's report.
    pub async fn run_csrf(self, channel: &'static str, guard: bool, target: CsrfTarget) {
        let (Some(id), Some(origin)) = (
            self.lab_id.get_untracked(),
            self.site
                .get_untracked()
                .and_then(|s| s.origin.filter(|_| !s.same_site)),
        ) else {
            return;
        };
        let before = self.refresh_loot().await;
        let url = format!(
            "{origin}/csrf?lab={id}&channel={channel}&guard={}&target={}&lang={}",
            if guard { "on" } else { "off" },
            target.name(),
            lang::tag(self.locale)
        );
        self.csrf_opened.set(client::open_window(&url));
        self.wait_for_report(before).await;
    }
}

/// Session fixation, step by step, as the server answered each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fixation {
    /// The attacker's own session, planted in this browser.
    pub planted: Option<crate::api::security::FixationPlant>,
    /// After the victim's login: the hint of the ID the server deleted (the planted one,
    /// if it was sent) and of the one it issued, from the login's trace.
    pub cycled_from: Option<String>,
    pub issued: Option<String>,
    /// The attacker's request with the planted ID: status, and who it was, or why not.
    pub replay: Option<(u16, Option<String>, Option<String>)>,
}

impl SecurityLab {
    /// Logs out whatever this browser holds, then plants the attacker's live session ID
    /// as a script would (a script cannot overwrite an HttpOnly cookie, hence the logout).
    pub async fn plant(self) {
        let _ = lab_client::session_logout().await;
        self.cookie.set(None);
        let Ok(answered) = lab_client::fixation_plant().await else {
            return;
        };
        let Ok(plant) = answered.answer else { return };
        client::set_document_cookie(&format!(
            "{}={}; Path=/; SameSite=Lax",
            plant.cookie_name, plant.session_id
        ));
        self.fixation.set(Fixation {
            planted: Some(plant),
            ..Fixation::default()
        });
    }

    /// The victim logs in with the planted cookie in the jar; the login's trace says which
    /// ID the server deleted and which it issued.
    pub async fn fixation_login(self) {
        let login = LoginRequest::new("alice", "wonderland");
        let Ok(answered) = lab_client::session_login(&login).await else {
            return;
        };
        if let Ok(done) = &answered.answer {
            self.cookie.set(Some(done.cookie));
        }
        let trace = match &answered.trace_id {
            Some(id) => lab_client::trace(id).await,
            None => None,
        };
        // The cycle step names the deleted ID as `<id 1a2b3c4d>`.
        let hint_of = |kind: StepKind| {
            let detail = &trace
                .as_ref()?
                .steps
                .iter()
                .find(|s| s.step == kind)?
                .detail;
            let start = detail.find("<id ")? + 4;
            let end = start + detail[start..].find('>')?;
            Some(detail[start..end].to_owned())
        };
        let issued = trace
            .as_ref()
            .and_then(|t| t.steps.iter().find(|s| s.step == StepKind::SessionCreated))
            .and_then(|s| s.hint.clone());
        self.fixation.update(|f| {
            f.cycled_from = hint_of(StepKind::SessionIdCycled);
            f.issued = issued;
        });
    }

    /// The attacker sends the planted ID, through the lab's replay endpoint.
    pub async fn fixation_replay(self) {
        let Some(plant) = self.fixation.with_untracked(|f| f.planted.clone()) else {
            return;
        };
        let request = crate::api::ReplaySessionRequest {
            session_id: plant.session_id,
        };
        let Ok(answered) = lab_client::replay_session(&request).await else {
            return;
        };
        let Ok(replay) = answered.answer else { return };
        let (user, reason) = match replay.body {
            crate::api::ReplayBody::Me(me) => (Some(me.username), None),
            crate::api::ReplayBody::Refused(error) => {
                (None, Some(error.reason.unwrap_or(error.error)))
            }
        };
        self.fixation
            .update(|f| f.replay = Some((replay.status, user, reason)));
    }
}

impl SecurityLab {
    /// Tries every word of the public list as the HMAC key of `token`, in this browser.
    pub async fn crack(self, token: String) -> super::tamper::Crack {
        use super::tamper::{signing_parts, Crack};
        let Some((input, signature)) = signing_parts(&token) else {
            return Crack::Unavailable;
        };
        for (i, word) in crate::weak_keys::WORDS.iter().enumerate() {
            match client::hmac_sha256(word.as_bytes(), input.as_bytes()).await {
                None => return Crack::Unavailable,
                Some(mac) if mac == signature => {
                    return Crack::Found {
                        word: (*word).to_owned(),
                        tries: i + 1,
                    }
                }
                Some(_) => {}
            }
        }
        Crack::NotFound {
            tries: crate::weak_keys::WORDS.len(),
        }
    }

    /// A token signed with a guessable word, from the lab's careless-server endpoint.
    pub async fn weak_token(self) -> Option<String> {
        let answered = lab_client::weak_token().await.ok()?;
        answered.answer.ok().map(|w| w.token)
    }
}

/// The server's answer to a tampered token: status, reason, and each step it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampered {
    pub status: u16,
    pub code: Option<String>,
    pub steps: Vec<(StepKind, Outcome)>,
}

impl SecurityLab {
    /// Sends `token` as the bearer of `/api/token/me` and keeps the server's account.
    pub async fn send_tampered(self, token: String) {
        let Ok(answered) = lab_client::token_me(Some(&token)).await else {
            return;
        };
        let steps = match &answered.trace_id {
            Some(id) => lab_client::trace(id)
                .await
                .map(|t| t.steps.iter().map(|s| (s.step, s.outcome)).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        self.tampered.set(Some(Tampered {
            status: answered.status,
            code: answered.answer.err().map(|r| r.code),
            steps,
        }));
    }
}

impl Default for SecurityLab {
    fn default() -> Self {
        Self::new()
    }
}
