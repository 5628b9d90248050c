//! The Redis store against a real `redis-server` (Debian's), started by this test on a free
//! loopback port: sessions outlive a server restart, an outage answers 503 without losing
//! the cookie, the server recovers by itself when Redis returns, and concurrent lookups
//! share commands yet each get their own answer.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use crate::common::{body_json, cookie_pair, credentials, set_cookie, TestApp};
use axum::{http::StatusCode, response::Response};
use server::{
    auth_state::{Auth, AuthSettings},
    core::clock::{Clock, ManualClock, SystemClock},
    store::connect_redis,
};

/// A throwaway redis-server; killed when dropped.
struct RedisServer {
    child: Child,
    port: u16,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl RedisServer {
    fn start_on(port: u16, dir: TempDir) -> Self {
        let child = Command::new("redis-server")
            .args(server::cluster::process::redis_args(port, &dir.0))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed (make test installs Debian's redis-server)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Self {
            child,
            port,
            _dir: dir,
        }
    }

    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir =
            std::env::temp_dir().join(format!("auth-lab-redis-{port}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self::start_on(port, TempDir(dir))
    }

    /// How many times Redis has run `command` (`INFO commandstats`, through redis-cli).
    fn calls(&self, command: &str) -> u64 {
        let out = Command::new("redis-cli")
            .args(["-p", &self.port.to_string(), "info", "commandstats"])
            .output()
            .expect("redis-cli comes with Debian's redis-server");
        let stats = String::from_utf8_lossy(&out.stdout);
        let prefix = format!("cmdstat_{command}:calls=");
        stats
            .lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .map_or(0, |rest| rest.split(',').next().unwrap().parse().unwrap())
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh server process's worth of state (new token key, new accounts) on `url`.
async fn server_on(url: &str) -> TestApp {
    let clock = ManualClock::starting_at(SystemClock.now());
    let pool = connect_redis(url).await.expect("valid URL");
    let auth = Auth::with_clock(AuthSettings::default(), Arc::new(clock.clone())).with_redis(pool);
    TestApp::from_auth(auth, clock)
}

/// A raw login: against a stopped Redis it must be refused, so no asserting helper.
async fn login(app: &TestApp) -> Response {
    app.post_json("/api/session/login", credentials("alice", None))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_sessions_survive_a_server_restart_and_memory_ones_do_not() {
    let redis = RedisServer::start();

    let first = server_on(&redis.url()).await;
    let cookie = cookie_pair(&set_cookie(&login(&first).await).unwrap());
    let view = body_json(first.get("/api/inspect/store").await).await;
    assert_eq!(view["backend"], "redis");
    assert_eq!(view["count"], 1);
    drop(first);

    let restarted = server_on(&redis.url()).await;
    let response = restarted.session_me(&cookie).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the session lives in Redis, not in the process"
    );
    assert_eq!(body_json(response).await["username"], "alice");

    let memory = TestApp::new();
    let cookie = cookie_pair(&set_cookie(&login(&memory).await).unwrap());
    let restarted = TestApp::new();
    assert_eq!(
        body_json(restarted.session_me(&cookie).await).await["reason"],
        "unknown_session"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_and_revocation_work_through_redis() {
    let redis = RedisServer::start();
    let app = server_on(&redis.url()).await;
    let cookie = cookie_pair(&set_cookie(&login(&app).await).unwrap());
    app.session_logout(&cookie).await;
    assert_eq!(
        body_json(app.session_me(&cookie).await).await["reason"],
        "unknown_session"
    );
    assert_eq!(app.session_count().await, 0);

    let token = app.token_for("bob", "builder").await;
    let bearer = format!("Bearer {token}");
    app.token_revoke(&bearer).await;
    let response = app.token_me(&bearer).await;
    assert_eq!(body_json(response).await["reason"], "revoked");
    let view = body_json(app.get("/api/inspect/store").await).await;
    assert_eq!(view["denylist"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_families_rotate_and_catch_reuse_in_redis_even_under_a_race() {
    let redis = RedisServer::start();
    let app = server_on(&redis.url()).await;
    crate::refresh_tokens::rotation_and_reuse_story(&app).await;
    crate::refresh_tokens::only_one_of_concurrent_refreshes_rotates(&app).await;
    // Both families are in Redis: a restarted server lists them.
    let restarted = server_on(&redis.url()).await;
    let view = body_json(restarted.get("/api/inspect/store").await).await;
    assert_eq!(view["refresh_families"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_outage_answers_503_and_the_server_recovers_by_itself() {
    let mut redis = RedisServer::start();
    let port = redis.port;
    let app = server_on(&redis.url()).await;
    let cookie = cookie_pair(&set_cookie(&login(&app).await).unwrap());

    redis.stop();
    let response = app.session_me(&cookie).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        set_cookie(&response).is_none(),
        "an outage must not clear the user's cookie"
    );
    assert_eq!(body_json(response).await["error"], "store_unavailable");
    assert_eq!(login(&app).await.status(), StatusCode::SERVICE_UNAVAILABLE);

    // Same port, empty data: the old session is gone, but the server works again without
    // a restart once its reconnect loop finds Redis.
    let dir = std::env::temp_dir().join(format!(
        "auth-lab-redis-{port}-{}-again",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let _again = RedisServer::start_on(port, TempDir(dir));
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let response = login(&app).await;
        if response.status() == StatusCode::OK {
            break;
        }
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            Instant::now() < deadline,
            "the server did not reconnect to Redis"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Concurrent lookups share `MGET`s and `ZMSCORE`s (`server::coalesce`): each request must
/// still get its own answer, a missing session and a revoked token included. One thread, so
/// that the count of commands does not depend on how two workers happen to interleave.
#[tokio::test]
async fn concurrent_requests_each_get_their_own_answer_from_batched_reads() {
    let redis = RedisServer::start();
    let app = server_on(&redis.url()).await;
    let mut sessions = Vec::new();
    for user in ["alice", "bob"] {
        for _ in 0..4 {
            let response = app
                .post_json("/api/session/login", credentials(user, None))
                .await;
            sessions.push((user, cookie_pair(&set_cookie(&response).unwrap())));
        }
    }
    let gone = sessions.pop().unwrap().1;
    app.session_logout(&gone).await;
    let revoked = format!("Bearer {}", app.token_for("alice", "wonderland").await);
    app.token_revoke(&revoked).await;
    let live = format!("Bearer {}", app.token_for("bob", "builder").await);
    let (mgets, zmscores) = (redis.calls("mget"), redis.calls("zmscore"));

    // The logged-out cookie goes last: it must miss while the others hit.
    let mut asks = sessions.clone();
    asks.push(("nobody", gone));
    let session_answers =
        futures_util::future::join_all(asks.iter().map(|(_, c)| app.session_me(c)));
    let token_answers = futures_util::future::join_all(
        [&revoked, &live, &revoked, &live].map(|bearer| app.token_me(bearer)),
    );
    let (session_answers, token_answers) = tokio::join!(session_answers, token_answers);
    let mgets = redis.calls("mget") - mgets;
    let zmscores = redis.calls("zmscore") - zmscores;
    assert!(
        (1..asks.len() as u64).contains(&mgets),
        "{} concurrent session lookups took {mgets} MGETs",
        asks.len()
    );
    assert!(
        (1..4).contains(&zmscores),
        "4 concurrent deny-list checks took {zmscores} ZMSCOREs"
    );

    for ((user, _), response) in asks.iter().zip(session_answers) {
        let status = response.status();
        let body = body_json(response).await;
        if *user == "nobody" {
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            assert_eq!(body["reason"], "unknown_session");
        } else {
            assert_eq!(status, StatusCode::OK, "{user}'s session: {body}");
            assert_eq!(body["username"], *user);
        }
    }
    for (i, response) in token_answers.into_iter().enumerate() {
        let status = response.status();
        let body = body_json(response).await;
        if i % 2 == 0 {
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            assert_eq!(body["reason"], "revoked");
        } else {
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(body["username"], "bob");
        }
    }
}
