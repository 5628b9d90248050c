//! The Content-Security-Policy of every HTML page. Each response gets a fresh nonce that
//! only the hydration scripts carry, so no other inline script can run; `'wasm-unsafe-eval'`
//! lets the browser compile the app's WebAssembly and nothing more.

use http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
use leptos::{
    config::{Env, LeptosOptions},
    nonce::{provide_nonce, use_nonce},
    prelude::use_context,
};
use leptos_axum::ResponseOptions;

/// The policy for a page whose scripts carry `nonce`. In development the live-reload
/// socket of `make dev` is allowed too.
pub fn page_policy(nonce: &str, options: &LeptosOptions) -> String {
    let reload = match options.env {
        Env::DEV => format!(" ws://*:{}", options.reload_port),
        Env::PROD => String::new(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Sends the policy for this response's nonce (leptos_axum provides one per request; a
/// fresh one is made if not), which the hydration scripts pick up from context.
pub fn provide_page_policy(options: &LeptosOptions) {
    if use_nonce().is_none() {
        provide_nonce();
    }
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce.to_string(), options)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(env: Env) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("auth-lab")
            .env(env)
            .build()
    }

    #[test]
    fn production_policy_allows_wasm_and_the_nonce_and_nothing_inline() {
        let policy = page_policy("abc123", &options(Env::PROD));
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{directive}");
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(!policy.contains("ws:"));
    }

    #[test]
    fn development_policy_also_allows_the_reload_socket() {
        let policy = page_policy("n", &options(Env::DEV));
        assert!(
            policy.contains("connect-src 'self' ws://*:3001;"),
            "{policy}"
        );
    }
}
