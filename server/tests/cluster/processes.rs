//! Processes the lab starts, it stops: the real `server` binary with its cluster running
//! (three nodes, a guard and a redis-server), ended by SIGTERM and by SIGKILL; no child
//! may be left running either way. And a node's internal endpoints want the secret.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::harness::serial;

/// A process that runs: it has a /proc entry that is not a zombie.
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses, which may contain spaces.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// A plain HTTP/1.1 request to the lab server; the answer's body as JSON.
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> Option<serde_json::Value> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    serde_json::from_str(answer.split_once("\r\n\r\n")?.1).ok()
}

/// The lab server as `make run` starts it, on a free port, with its cluster on Redis.
struct LabProcess {
    child: Child,
    addr: SocketAddr,
}

impl LabProcess {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--addr", &addr.to_string(), "--cluster-start"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let lab = Self { child, addr };
        let deadline = Instant::now() + Duration::from_secs(30);
        while http(addr, "GET", "/api/health", "").is_none() {
            assert!(Instant::now() < deadline, "the lab server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        lab
    }

    /// Every process the cluster runs: three nodes, and redis-server with its guard.
    fn children(&self) -> Vec<u32> {
        let view = http(self.addr, "PUT", "/api/cluster", r#"{"store":"redis"}"#)
            .expect("the cluster view");
        let mut pids: Vec<u32> = view["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["pid"].as_u64().expect("a running node has a PID") as u32)
            .collect();
        let redis = view["redis"]["pid"].as_u64().expect("the lab's own Redis") as u32;
        let guard = parent_of(redis).expect("redis-server has a parent");
        assert_ne!(guard, self.child.id(), "redis-server runs under its guard");
        pids.extend([redis, guard]);
        assert!(pids.iter().all(|pid| alive(*pid)), "{pids:?}");
        pids
    }
}

impl Drop for LabProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn assert_all_gone(pids: &[u32], how: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left: Vec<u32> = pids.iter().copied().filter(|p| alive(*p)).collect();
        if left.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "after {how}, still running: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_sigterm_stops_every_node_and_the_redis_before_the_lab_server_exits() {
    let _turn = serial();
    let mut lab = LabProcess::start();
    let pids = lab.children();
    let status = Command::new("kill")
        .args(["-TERM", &lab.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = lab.child.wait().unwrap();
    assert!(exit.success(), "a clean stop: {exit}");
    // It stopped and reaped every child itself before it exited, so none is left even
    // for a moment.
    let left: Vec<u32> = pids.iter().copied().filter(|p| alive(*p)).collect();
    assert!(
        left.is_empty(),
        "still running after a clean stop: {left:?}"
    );
}

#[test]
fn a_sigkill_of_the_lab_server_still_leaves_no_child_behind() {
    let _turn = serial();
    let mut lab = LabProcess::start();
    let pids = lab.children();
    lab.child.kill().unwrap(); // SIGKILL: no handler, no destructor runs
    lab.child.wait().unwrap();
    assert_all_gone(&pids, "SIGKILL");
}

#[test]
fn a_node_answers_its_internal_endpoints_only_with_the_lab_servers_secret() {
    let _turn = serial();
    let mut node = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "node",
            "--id",
            "node-2",
            "--store",
            "replicated",
            "--exit-with-stdin",
        ])
        .env("AUTH_LAB_NODE_SECRET", "s3cret-for-this-test")
        .env(
            "AUTH_LAB_NODE_TOKEN_KEY",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(node.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr: SocketAddr = line
        .strip_prefix("AUTH_LAB_NODE_READY ")
        .expect("the ready line")
        .trim()
        .parse()
        .unwrap();
    let status_of = |secret: Option<&str>| {
        let mut stream = TcpStream::connect(addr).unwrap();
        let header = secret.map_or(String::new(), |s| format!("x-auth-lab-cluster: {s}\r\n"));
        write!(
            stream,
            "GET /node/status HTTP/1.1\r\nHost: {addr}\r\n{header}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer.split_whitespace().nth(1).unwrap().to_owned()
    };
    assert_eq!(status_of(None), "403");
    assert_eq!(status_of(Some("s3cret-for-this-tesT")), "403");
    assert_eq!(status_of(Some("s3cret-for-this-test")), "200");

    // Closing its stdin ends it, as the lab server's exit would.
    drop(node.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    while node.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the node outlived its stdin");
        std::thread::sleep(Duration::from_millis(20));
    }
}
