//! Starting and stopping the cluster's child processes: the nodes (this binary in `node`
//! mode) and the Redis (through `server guard`). Each child's stdin is a pipe the lab
//! server holds, so the kernel tells the child when the lab server is gone, and each is
//! also killed on drop.

use std::{
    net::SocketAddr,
    path::Path,
    process::Stdio,
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncRead, BufReader},
    process::{Child, ChildStdin, Command},
};

use super::{guard::CHILD_LINE, READY_LINE, SECRET_ENV, TOKEN_KEY_ENV};

/// How long a child may take to report that it is ready.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// A running child and the pipe that keeps it alive.
#[derive(Debug)]
struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Running {
    /// `kill_on_drop` is for children that hold nothing of their own; a guard must instead
    /// see its stdin close, so that it can kill what it guards first.
    fn spawn(
        mut command: Command,
        kill_on_drop: bool,
    ) -> Result<(Self, tokio::process::ChildStdout), String> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(kill_on_drop)
            .spawn()
            .map_err(|e| format!("cannot start {command:?}: {e}"))?;
        let stdout = child.stdout.take().ok_or("the child has no stdout")?;
        let stdin = child.stdin.take();
        Ok((Self { child, stdin }, stdout))
    }

    fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// SIGKILL, then wait, so the process is really gone (and reaped) on return.
    async fn kill(mut self) {
        self.stdin.take();
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// A command for `binary` with only the environment a child needs: nothing of the lab
/// server's own configuration leaks in.
fn child_command(binary: &Path) -> Command {
    let mut command = Command::new(binary);
    command.env_clear();
    for name in ["PATH", "HOME", "TMPDIR"] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    command
}

/// Reads the child's first line with `prefix`, then keeps draining its stdout so that a
/// later write never blocks or fails on a full or closed pipe.
async fn ready_line(
    stdout: impl AsyncRead + Unpin + Send + 'static,
    prefix: &str,
) -> Result<String, String> {
    let mut lines = BufReader::new(stdout).lines();
    let found = tokio::time::timeout(START_TIMEOUT, async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.strip_prefix(prefix) {
                return Some(rest.trim().to_owned());
            }
        }
        None
    })
    .await;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    match found {
        Ok(Some(rest)) => Ok(rest),
        Ok(None) => Err("the child exited before it was ready".into()),
        Err(_) => Err(format!("the child was not ready within {START_TIMEOUT:?}")),
    }
}

/// One node process.
#[derive(Debug)]
pub struct NodeProcess {
    running: Running,
    pub addr: SocketAddr,
}

/// What a node is started with.
pub struct NodeLaunch<'a> {
    pub binary: &'a Path,
    pub id: &'a str,
    /// `memory`, `replicated` or a Redis URL.
    pub store: &'a str,
    pub token_key: &'a str,
    pub secret: &'a str,
    pub leeway_secs: i64,
    pub secure_cookies: bool,
}

impl NodeProcess {
    pub async fn start(launch: NodeLaunch<'_>) -> Result<Self, String> {
        let mut command = child_command(launch.binary);
        command
            .args([
                "node",
                "--exit-with-stdin",
                "--id",
                launch.id,
                "--store",
                launch.store,
            ])
            .args(["--token-leeway-secs", &launch.leeway_secs.to_string()])
            .env(SECRET_ENV, launch.secret)
            .env(TOKEN_KEY_ENV, launch.token_key)
            .env("RUST_LOG", "warn");
        if launch.secure_cookies {
            command.arg("--secure-cookies");
        }
        let (running, stdout) = Running::spawn(command, true)?;
        let addr = ready_line(stdout, READY_LINE)
            .await?
            .parse()
            .map_err(|e| format!("{} reported a bad address: {e}", launch.id))?;
        Ok(Self { running, addr })
    }

    pub fn pid(&self) -> Option<u32> {
        self.running.pid()
    }

    /// Whether the process has ended by itself (it is reaped if so).
    pub fn exited(&mut self) -> bool {
        !matches!(self.running.child.try_wait(), Ok(None))
    }

    pub async fn kill(self) {
        self.running.kill().await;
    }
}

/// The cluster's own `redis-server`, run under `server guard`.
#[derive(Debug)]
pub struct RedisProcess {
    guard: Running,
    /// The redis-server's own PID (the guard's child).
    pub pid: u32,
}

impl RedisProcess {
    pub async fn start(binary: &Path, redis_server: &str, port: u16) -> Result<Self, String> {
        let mut command = child_command(binary);
        command
            .arg("guard")
            .arg("--")
            .arg(redis_server)
            .args(redis_args(port, &std::env::temp_dir()));
        let (guard, stdout) = Running::spawn(command, false)?;
        let pid = ready_line(stdout, CHILD_LINE)
            .await?
            .parse()
            .map_err(|e| format!("the guard reported a bad PID: {e}"))?;
        let deadline = Instant::now() + START_TIMEOUT;
        let mut redis = Self { guard, pid };
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            // A guard whose redis-server could not start exits: no need to wait for it.
            if !matches!(redis.guard.child.try_wait(), Ok(None)) {
                return Err(format!(
                    "redis-server exited before it listened on port {port}"
                ));
            }
            if Instant::now() > deadline {
                redis.stop().await;
                return Err(format!("redis-server did not listen on port {port}"));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // The port answers; make sure it is not something else while ours has died.
        if !matches!(redis.guard.child.try_wait(), Ok(None)) {
            return Err(format!(
                "port {port} answers, but the lab's redis-server exited"
            ));
        }
        Ok(redis)
    }

    /// Closes the guard's stdin, so the guard kills redis-server by its PID and exits;
    /// the guard itself is killed if it has not gone within two seconds.
    pub async fn stop(mut self) {
        self.guard.stdin.take();
        let exited = tokio::time::timeout(Duration::from_secs(2), self.guard.child.wait()).await;
        if exited.is_err() {
            // The guard did not do its job in time: kill redis-server by its PID ourselves
            // (no signal API without unsafe code here, so through kill(1)), then the guard.
            let _ = tokio::process::Command::new("kill")
                .args(["-KILL", &self.pid.to_string()])
                .status()
                .await;
            self.guard.kill().await;
        }
    }
}

/// A throwaway redis-server's flags: loopback only, and nothing ever written to disk, so a
/// restart starts empty (the lesson the lab's Redis stop teaches).
pub fn redis_args(port: u16, dir: &Path) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = [
        "--port",
        &port.to_string(),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
    ]
    .iter()
    .map(Into::into)
    .collect();
    args.push(dir.into());
    args
}

/// A free loopback port, as the operating system hands them out.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}
