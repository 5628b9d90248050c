//! The only parts of the site that run in the browser. Everything else (page heads,
//! explanations, the benchmark figures, the layout) is rendered by the server alone and never
//! compiled into the wasm. Each island gets what the server knew when it rendered the page
//! as serialised props, so it starts from the same truth the HTML shows.

/// Declares an island's module and exports the island: on the server always, in the
/// browser only in a bundle whose features name it (frontend/Cargo.toml), so a page bundle
/// compiles no other page's islands.
macro_rules! island {
    ($feature:literal, $module:ident :: $island:ident) => {
        #[cfg(any(feature = "ssr", feature = $feature))]
        mod $module;
        #[cfg(any(feature = "ssr", feature = $feature))]
        pub use $module::$island;
    };
}

island!("island-guide", guide_panel::GuidePanel);
island!("island-quiz", interview_quiz::InterviewQuiz);
island!("island-relay", relay::Relay);

// Every page with islands ends with this one, so every bundle has it.
mod hydration_mark;
pub use hydration_mark::HydrationMark;
