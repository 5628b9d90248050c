//! The `/security` page's pieces, all inside its island: the two sites, the victim's
//! login, the XSS and CSRF runs, and the loot the server reports.

mod csrf_run;
mod loot_pane;
mod sites_card;
mod victim_login;
mod xss_run;

pub use csrf_run::CsrfRun;
pub use loot_pane::LootPane;
pub use sites_card::SitesCard;
pub use victim_login::VictimLogin;
pub use xss_run::XssRun;
