//! Layout pieces shared by every page.

pub mod lab;
mod site_footer;
mod site_header;

pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
