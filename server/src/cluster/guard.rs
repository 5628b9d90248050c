//! `server guard -- <command>`: runs one child (the cluster's `redis-server`) and kills it
//! by its PID as soon as the guard's stdin closes. The lab server holds the other end of
//! that pipe, and the kernel closes it however the lab server ends (a clean stop, a panic,
//! a SIGKILL), so the child never outlives it. redis-server cannot watch its parent itself.

use std::{
    io::{Read, Write},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

/// The line the guard prints once its child runs: `AUTH_LAB_GUARD_CHILD <pid>`.
pub const CHILD_LINE: &str = "AUTH_LAB_GUARD_CHILD";

#[derive(Debug, Clone, clap::Args)]
pub struct GuardArgs {
    /// The command to run and guard, after `--`.
    #[arg(required = true, last = true)]
    pub command: Vec<String>,
}

/// Runs the guarded command until stdin closes or the command exits; never returns.
pub fn run(args: GuardArgs) -> ! {
    let (program, rest) = args.command.split_first().expect("clap requires a command");
    let mut child = match Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => {
            eprintln!("guard: cannot start {program}: {err}");
            std::process::exit(127);
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{CHILD_LINE} {}", child.id());
    let _ = stdout.flush();

    let (closed, stdin_closed) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    loop {
        if stdin_closed.recv_timeout(Duration::from_millis(50)).is_ok() {
            let _ = child.kill();
            let _ = child.wait();
            std::process::exit(0);
        }
        if let Ok(Some(status)) = child.try_wait() {
            eprintln!("guard: {program} exited by itself ({status})");
            std::process::exit(status.code().unwrap_or(1));
        }
    }
}
