//! Type erasure for the server's render only: the lab's views keep their types in the wasm.

use leptos::prelude::*;

/// `.server_erased()` on a component's view: an `AnyView` on the server, the view itself in
/// the browser.
///
/// In the wasm, an `AnyView` keeps a vtable with every hydration path of the view inside it,
/// async hydration included, which nothing there calls; the lab's components erased that
/// way carried 290 KB of such code. On the server the erasure costs nothing at run time,
/// and without it rustc runs out of query depth laying out a whole page's nested view type
/// in a release build.
pub trait ServerErased: RenderHtml + Send + Sized + 'static {
    #[cfg(feature = "ssr")]
    fn server_erased(self) -> AnyView {
        self.into_any()
    }

    #[cfg(not(feature = "ssr"))]
    fn server_erased(self) -> Self {
        self
    }
}

impl<V: RenderHtml + Send + 'static> ServerErased for V {}
