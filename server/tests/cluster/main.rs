//! The cluster lab against real processes: three `server node` processes started from this
//! package's own binary, and a real `redis-server` under the `redis` store. The tests share
//! the machine's ports and processes, so they take turns ([`harness::serial`]).

// Each test runs on its own runtime and holds the turn for its whole body, awaits included:
// blocking the other tests' threads is the point of the lock.
#![allow(clippy::await_holding_lock)]

mod harness;

mod bad_input;
mod balancer_configs;
mod processes;
mod relay_steps;
mod strategies;
mod traces;
