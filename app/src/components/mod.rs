//! Layout pieces shared by every page.

#[cfg(feature = "ssr")]
pub mod cluster;
#[cfg(feature = "ssr")]
pub mod lab;
mod rich_text;
#[cfg(feature = "ssr")]
pub mod security;
mod server_erased;

pub use rich_text::RichText;
pub use server_erased::ServerErased;

/// Declares a module the server alone renders (the document around the islands) and
/// exports its component; no bundle compiles it.
macro_rules! server_only {
    ($module:ident :: $component:ident) => {
        #[cfg(feature = "ssr")]
        mod $module;
        #[cfg(feature = "ssr")]
        pub use $module::$component;
    };
}

server_only!(guide_slot::GuideSlot);
server_only!(island_scripts::IslandScripts);
server_only!(language_switch::LanguageSwitch);
server_only!(site_footer::SiteFooter);
server_only!(site_header::SiteHeader);
server_only!(site_link::SiteLink);
