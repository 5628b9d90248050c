//! What one request's auth work costs, without the network: JWT HS256 signing and
//! verification, a session lookup in each store, the whole router path of each mode, and
//! the Redis read queue's own share of a lookup.
//! Run with `make bench` (or `cargo bench -p auth-lab-bench`).

use std::{hint::black_box, sync::Arc};

use auth_lab_bench::{get, login, router, send, Redis};
use axum::http::{header, StatusCode};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use server::{
    auth_state::{Auth, AuthSettings},
    coalesce::Coalescer,
    core::{
        clock::{Clock, SystemClock},
        token::{self, TokenKey, TokenPolicy},
        trace::Trace,
    },
    store::{connect_redis, SessionBackend},
};
use tokio::runtime::Runtime;
use tower_sessions::{session::Id, SessionStore};

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn jwt(c: &mut Criterion) {
    let key = TokenKey::generate();
    let policy = TokenPolicy::default();
    let now = SystemClock.now();
    let mut group = c.benchmark_group("jwt");
    group.bench_function("sign_hs256", |b| {
        b.iter(|| token::issue(&key, &policy, black_box("alice"), "admin", now, 900));
    });
    let (signed, _) = token::issue(&key, &policy, "alice", "admin", now, 900);
    group.bench_function("verify_hs256", |b| {
        b.iter(|| {
            let claims = token::verify(
                black_box(&signed),
                &key,
                &policy,
                now,
                &mut Trace::default(),
            );
            assert!(claims.is_ok());
        });
    });
    group.finish();
}

/// 10,000 live sessions in the store, then the time to load one of them by ID.
fn store_lookup(c: &mut Criterion, name: &str, rt: &Runtime, auth: &Auth) {
    let sessions: &SessionBackend = &auth.sessions;
    rt.block_on(server::api::seed_sessions(auth, "bob", "user", 10_000))
        .expect("the store accepts the seed");
    let router = router(auth.clone());
    let (cookie, _) = rt.block_on(login(&router, "session"));
    let id: Id = cookie
        .expect("login sets a cookie")
        .split_once('=')
        .expect("name=value")
        .1
        .parse()
        .expect("a session ID");
    c.bench_function(&format!("session_store/{name}_load"), |b| {
        b.to_async(rt).iter(|| async {
            let record = sessions
                .load(black_box(&id))
                .await
                .expect("the store answers");
            assert!(record.is_some());
        });
    });
}

fn stores(c: &mut Criterion) {
    let rt = runtime();
    store_lookup(c, "memory", &rt, &Auth::new(AuthSettings::default()));
    let redis = Redis::start();
    let pool = rt.block_on(connect_redis(&redis.url)).expect("a Redis URL");
    store_lookup(
        c,
        "redis",
        &rt,
        &Auth::new(AuthSettings::default()).with_redis(pool),
    );
}

/// The full path of one request through the real router: routing, middleware (security
/// headers, no-store, and the trace log in lab mode), extractor and handler, body included.
/// `router` is the server as `make bench` loads it (`--no-inspect`); `router_lab` is the
/// lab's default, which records a trace of every auth request for the inspector.
fn router_paths(c: &mut Criterion) {
    router_group(c, "router", false);
    router_group(c, "router_lab", true);
}

fn router_group(c: &mut Criterion, name: &str, inspect: bool) {
    let rt = runtime();
    let router = router(Auth::new(AuthSettings {
        inspect,
        ..AuthSettings::default()
    }));
    let (cookie, _) = rt.block_on(login(&router, "session"));
    let cookie = cookie.expect("login sets a cookie");
    let (_, body) = rt.block_on(login(&router, "token"));
    let bearer = format!("Bearer {}", body["access_token"].as_str().expect("a token"));

    let mut group = c.benchmark_group(name);
    let cases = [
        ("health", "/api/health", None, StatusCode::OK),
        (
            "session_me",
            "/api/session/me",
            Some((header::COOKIE, cookie.as_str())),
            StatusCode::OK,
        ),
        (
            "token_me",
            "/api/token/me",
            Some((header::AUTHORIZATION, bearer.as_str())),
            StatusCode::OK,
        ),
        (
            "session_unknown",
            "/api/session/me",
            Some((header::COOKIE, "auth_lab_sid=AAAAAAAAAAAAAAAAAAAAAA")),
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (name, uri, header, expected) in cases {
        group.bench_function(name, |b| {
            b.to_async(&rt).iter(|| async {
                let status = send(&router, get(uri, header.clone())).await;
                assert_eq!(status, expected);
            });
        });
    }
    group.finish();
}

/// What the Redis read queue adds to a lookup, with a fetch that answers at once: `n`
/// concurrent lookups on two worker threads, as the server's runtime runs them. Every
/// lookup goes through the queue's lock, its channel, a reply channel and the batch's task.
fn coalescer(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let reads = Arc::new(Coalescer::new(|keys: Vec<String>| async move {
        Ok(keys.iter().map(String::len).collect::<Vec<_>>())
    }));
    let mut group = c.benchmark_group("coalescer");
    for n in [1_usize, 16, 128] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}_lookups"), |b| {
            b.to_async(&rt).iter(|| {
                let reads = Arc::clone(&reads);
                async move {
                    let lookups: Vec<_> = (0..n)
                        .map(|i| {
                            let reads = Arc::clone(&reads);
                            tokio::spawn(async move { reads.get(format!("session:{i}")).await })
                        })
                        .collect();
                    for lookup in lookups {
                        assert!(lookup.await.expect("the lookup ran").is_ok());
                    }
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, jwt, stores, router_paths, coalescer);
criterion_main!(benches);
