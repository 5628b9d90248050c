//! Layout pieces shared by every page.

pub mod lab;
mod language_switch;
mod site_footer;
mod site_header;
mod site_link;

pub use language_switch::LanguageSwitch;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use site_link::SiteLink;
