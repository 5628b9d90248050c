//! The `/security` page's pieces, all inside its island: the two sites, the victim's
//! login, the XSS and CSRF runs, token tampering, session fixation, the loot the server
//! reports, and the findings table that sums them up.

mod csrf_run;
mod findings_table;
mod fixation_run;
mod loot_pane;
mod sites_card;
mod tamper_run;
mod victim_login;
mod weak_key_run;
mod xss_run;

pub use csrf_run::CsrfRun;
pub use findings_table::FindingsTable;
pub use fixation_run::FixationRun;
pub use loot_pane::LootPane;
pub use sites_card::SitesCard;
pub use tamper_run::TamperRun;
pub use victim_login::VictimLogin;
pub use weak_key_run::WeakKeyRun;
pub use xss_run::XssRun;
