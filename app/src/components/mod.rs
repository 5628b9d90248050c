//! Layout pieces shared by every page.

pub mod cluster;
mod guide_slot;
mod island_scripts;
pub mod lab;
mod language_switch;
mod rich_text;
pub mod security;
mod server_erased;
mod site_footer;
mod site_header;
mod site_link;

pub use guide_slot::GuideSlot;
pub use island_scripts::IslandScripts;
pub use language_switch::LanguageSwitch;
pub use rich_text::RichText;
pub use server_erased::ServerErased;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use site_link::SiteLink;
