//! Auth Lab's HTTP tests, one binary: the real router built by `server::app`, driven with
//! tower's `oneshot` (and a real `redis-server` for the Redis store). One binary links once
//! instead of ten times, and its shared helpers are all used, so none is dead code.

mod common;

mod bad_input;
mod cookie_options;
mod hardening;
mod inspection;
mod lab_steps;
mod languages;
mod no_js_forms;
mod redis_store;
mod refresh_tokens;
mod security_lab;
mod security_steps;
mod semantics;
mod session_mode;
mod shell;
mod token_mode;
