//! What the guide needs from the live page: a call after every change to the document
//! (a `MutationObserver`, so a step moves on when the server's answer is drawn, never on a
//! timer), the elements a selector matches, and the highlight on the pane to look at. The
//! server build gets inert stand-ins: the guide only watches in the browser.

/// How many elements matched a step's evidence selector when the step began. Evidence
/// counts only if it is new: more matches than that. A count, not the elements themselves,
/// because a pane that draws its whole list again (the attacker's loot) replaces elements
/// without adding evidence, and one that updates an attribute in place adds a match without
/// adding an element.
#[derive(Default)]
pub struct Seen(#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] usize);

#[cfg(feature = "hydrate")]
mod browser {
    use super::Seen;
    use wasm_bindgen::{closure::Closure, JsCast};

    /// The class that marks the pane a step points at (see style/main.css).
    const FOCUS_CLASS: &str = "guide-focus";

    fn all(selector: &str) -> Vec<web_sys::Element> {
        let Some(list) = leptos::prelude::document()
            .query_selector_all(selector)
            .ok()
        else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    impl Seen {
        pub fn now(selector: &str) -> Self {
            Seen(all(selector).len())
        }

        /// Whether more elements match `selector` than when this began.
        pub fn something_new(&self, selector: &str) -> bool {
            all(selector).len() > self.0
        }
    }

    /// Moves the highlight to the first element matching `selector` (none: removes it),
    /// scrolling it into view if asked. Classes change only when they must, so the
    /// observer this feeds is not woken again for nothing.
    pub fn highlight(selector: Option<&str>, scroll: bool) {
        let target = selector.and_then(|s| all(s).into_iter().next());
        for marked in all(&format!(".{FOCUS_CLASS}")) {
            if Some(&marked) != target.as_ref() {
                let _ = marked.class_list().remove_1(FOCUS_CLASS);
            }
        }
        if let Some(target) = target {
            if !target.class_list().contains(FOCUS_CLASS) {
                let _ = target.class_list().add_1(FOCUS_CLASS);
            }
            if scroll {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                target.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    }

    /// Calls `f` after every batch of changes anywhere in `<body>`, for the page's life.
    pub fn on_change(f: impl Fn() + 'static) {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        let callback = Closure::<dyn Fn()>::new(f);
        let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        let options = web_sys::MutationObserverInit::new();
        options.set_subtree(true);
        options.set_child_list(true);
        options.set_attributes(true);
        options.set_character_data(true);
        let _ = observer.observe_with_options(&body, &options);
        // The observer lives as long as the page, and so must the function it calls.
        callback.forget();
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Seen;

    impl Seen {
        pub fn now(_: &str) -> Self {
            Seen(0)
        }

        pub fn something_new(&self, _: &str) -> bool {
            false
        }
    }

    pub fn highlight(_: Option<&str>, _: bool) {}

    pub fn on_change(_: impl Fn() + 'static) {}
}

pub use browser::*;
