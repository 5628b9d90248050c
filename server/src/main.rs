//! Starts the Auth Lab server: flags, logging, listener, graceful shutdown. The same binary
//! also runs as a cluster node (`server node`) and as the guard of the cluster's Redis.

use clap::Parser;
use server::{
    app,
    auth_state::Auth,
    config::{Cli, Command, StoreChoice},
    AppState,
};
use tracing_subscriber::EnvFilter;

fn main() {
    let cli = Cli::parse();
    if let Some(Command::Guard(args)) = &cli.command {
        server::cluster::guard::run(args.clone());
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,server=debug,tower_http=info")),
        )
        // stdout belongs to the lab server's protocol with its nodes.
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("start the async runtime");
    match cli.command.clone() {
        Some(Command::Node(args)) => runtime.block_on(server::cluster::node::run(*args)),
        Some(Command::Guard(_)) => unreachable!("the guard ran above"),
        None => runtime.block_on(serve(cli)),
    }
}

async fn serve(cli: Cli) {
    let mut auth = Auth::new(cli.auth_settings()).with_token_leeway(cli.token_leeway_secs);
    if let Some(key) = cli.token_key.clone() {
        auth = auth.with_token_key(key);
    }
    if let StoreChoice::Redis(url) = &cli.store {
        let pool = server::store::connect_redis(url)
            .await
            .unwrap_or_else(|err| panic!("invalid --store {url}: {err}"));
        auth = auth.with_redis(pool);
    }
    tracing::info!(store = auth.sessions.name(), "session store ready");
    if cli.seed_sessions > 0 {
        server::api::seed_sessions(&auth, "alice", "admin", cli.seed_sessions as usize)
            .await
            .unwrap_or_else(|err| panic!("seeding {} sessions failed: {err:?}", cli.seed_sessions));
        tracing::info!(
            count = cli.seed_sessions,
            "seeded live sessions for the benchmark"
        );
    }
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .unwrap_or_else(|err| panic!("cannot listen on {}: {err}", cli.addr));
    let local = listener
        .local_addr()
        .expect("a bound listener has an address");
    tracing::info!("Auth Lab listening on http://{local}");
    let attacker = bind_attacker(cli.attacker_addr.as_deref(), local).await;
    let state = AppState::new(cli.leptos_options(), auth)
        .with_bench_results(&cli.bench_results)
        .with_cluster(cli.cluster_config())
        .with_attacker(
            local.port(),
            attacker
                .as_ref()
                .and_then(|l| l.local_addr().ok())
                .map(|a| a.port()),
        );
    if let Some(attacker) = attacker {
        // In this process, so it ends with it; no graceful shutdown needed for a demo site.
        let site = server::security_lab::attacker::router(state.clone());
        tokio::spawn(async move {
            if let Err(err) = axum::serve(attacker, site).await {
                tracing::error!(%err, "the attacker's site stopped");
            }
        });
    }
    if cli.cluster_start {
        let cluster = state.cluster.clone();
        tokio::spawn(async move {
            match cluster.ensure_started().await {
                Ok(()) => tracing::info!("cluster lab: three nodes started"),
                Err(err) => tracing::error!(?err, "cluster lab: the nodes did not start"),
            }
        });
    }

    // Connect info gives the failed-login limiter each client's address.
    let service = app(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .expect("the server stopped with an I/O error");
    // The nodes and Redis would also end when their stdin pipes close with this process;
    // stopping them here makes it happen before the "stopped" line.
    state.cluster.shutdown().await;
    tracing::info!("Auth Lab stopped cleanly");
}

/// Binds the security lab's attacker site: `off`, an address, or by default the lab's
/// address with its port + 2. A busy port leaves the lab running without it.
async fn bind_attacker(
    choice: Option<&str>,
    lab: std::net::SocketAddr,
) -> Option<tokio::net::TcpListener> {
    let addr = match choice {
        Some("off") => return None,
        Some(addr) => addr
            .parse()
            .unwrap_or_else(|err| panic!("invalid --attacker-addr {addr}: {err}")),
        None => std::net::SocketAddr::new(lab.ip(), lab.port().checked_add(2)?),
    };
    match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => {
            tracing::info!("the security lab's attacker site listens on http://{addr}");
            Some(listener)
        }
        Err(err) => {
            tracing::error!(%err, "cannot listen on {addr}: the security lab runs without its attacker site");
            None
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c()
            .await
            .expect("install the Ctrl-C handler");
    };
    #[cfg(unix)]
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("install the SIGTERM handler")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
