//! The security page's state and actions: the victim's login, the XSS and CSRF runs, and
//! the loot the server reports for this visitor's lab ID. A run ends when the server's
//! report arrives (or after a bounded wait that says so), never on a guess.

use leptos::prelude::*;

use super::lab_client;
use crate::{
    api::{
        security::{AttackerSite, LootEntry},
        AppliedCookie, CookieOptions, LoginRequest, SameSite,
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

    pub async fn log_in_session(self, http_only: bool, same_site: SameSite) {
        let login = LoginRequest {
            username: "alice".into(),
            password: "wonderland".into(),
            ttl_secs: None,
            refresh: false,
            cookie: Some(CookieOptions {
                http_only: Some(http_only),
                same_site: Some(same_site),
                // Browsers drop SameSite=None without Secure.
                secure: (same_site == SameSite::None).then_some(true),
                persistent: None,
            }),
        };
        match lab_client::session_login_with(&login).await {
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
        let login = LoginRequest {
            username: "bob".into(),
            password: "builder".into(),
            ttl_secs: None,
            refresh: false,
            cookie: None,
        };
        match lab_client::token_login(lab_client::Base::Lab, &login).await {
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
    pub async fn run_csrf(self, channel: &'static str, guard: bool) {
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
            "{origin}/csrf?lab={id}&channel={channel}&guard={}&lang={}",
            if guard { "on" } else { "off" },
            lang::tag(self.locale)
        );
        self.csrf_opened.set(client::open_window(&url));
        self.wait_for_report(before).await;
    }
}

impl Default for SecurityLab {
    fn default() -> Self {
        Self::new()
    }
}
