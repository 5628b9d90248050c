//! Layout pieces shared by every page.

pub mod lab;
mod site_footer;
mod site_header;
mod site_link;

pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use site_link::SiteLink;
