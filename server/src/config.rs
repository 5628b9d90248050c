//! Command-line flags and environment variables. The defaults are the ones cargo-leptos
//! writes into `Cargo.toml`, so the bare binary serves the lab with no configuration.

use std::net::SocketAddr;

use clap::{Parser, ValueEnum};
use leptos::config::{Env, LeptosOptions};

use crate::{auth_state::AuthSettings, core::token::TokenKey};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Serves Auth Lab: the Leptos pages and the /api backend."
)]
pub struct Cli {
    /// Without a command: serve the lab.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder holding the built site (the `pkg/` bundle and the public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Folder under the site root that holds the wasm, JS and CSS bundle.
    #[arg(long, env = "LEPTOS_SITE_PKG_DIR", default_value = "pkg")]
    pub site_pkg_dir: String,

    /// Base name of the generated bundle files.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = app::OUTPUT_NAME)]
    pub output_name: String,

    /// Port of cargo-leptos' live-reload socket (used by `make dev` only).
    #[arg(long, env = "LEPTOS_RELOAD_PORT", default_value_t = 3001)]
    pub reload_port: u32,

    /// Where sessions and the token deny-list live: `memory` (this process) or a Redis URL
    /// such as `redis://127.0.0.1:6379`, shared by every server that names it.
    #[arg(long, env = "AUTH_LAB_STORE", default_value = "memory", value_parser = parse_store)]
    pub store: StoreChoice,

    /// Clock leeway for token `exp` and `nbf`, in seconds (0 to 5).
    #[arg(long, env = "AUTH_LAB_TOKEN_LEEWAY_SECS", default_value_t = 5, value_parser = clap::value_parser!(i64).range(0..=5))]
    pub token_leeway_secs: i64,

    /// The HMAC key for tokens, base64url, at least 32 bytes. Without it a fresh random
    /// 256-bit key is made at start-up (tokens then die with the process). Give every
    /// server the same key when several must accept each other's tokens.
    #[arg(long, env = "AUTH_LAB_TOKEN_KEY", hide_env_values = true, value_parser = parse_token_key)]
    pub token_key: Option<TokenKey>,

    /// Mark the session cookie Secure and name it with the `__Host-` prefix. Over plain http
    /// Chromium still keeps such a cookie on http://127.0.0.1 and http://localhost, which it
    /// treats as trustworthy; Safari drops it. On any other host it needs https.
    #[arg(long, env = "AUTH_LAB_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Turn off the `/api/inspect/*` endpoints that feed the lab's panes.
    #[arg(long, env = "AUTH_LAB_NO_INSPECT")]
    pub no_inspect: bool,

    /// Where the security lab's attacker site listens (`host:port`), or `off`. By default
    /// the lab's own address with its port + 2 (cargo-leptos's reload server takes + 1).
    /// The lab links it under the other loopback name (localhost for a lab opened at
    /// 127.0.0.1, and the other way round), so that the two are different sites.
    #[arg(long, env = "AUTH_LAB_ATTACKER_ADDR")]
    pub attacker_addr: Option<String>,

    /// Refuse the lab's per-login cookie options (`"cookie": {...}` on a session login,
    /// which can turn HttpOnly off) with 403: for a deployment that is not a teaching lab.
    #[arg(long, env = "AUTH_LAB_NO_LAB_COOKIE_OPTIONS")]
    pub no_lab_cookie_options: bool,

    /// Folder of `make bench` results (`YYYY-MM-DD.json`); the Compare page shows the newest.
    #[arg(long, env = "AUTH_LAB_BENCH_RESULTS", default_value = crate::DEFAULT_BENCH_RESULTS)]
    pub bench_results: std::path::PathBuf,

    /// Benchmarks only: start with this many live sessions for `alice` already in the
    /// store, saved exactly as logins save them (`make bench` measures memory this way).
    #[arg(long, default_value_t = 0, value_name = "COUNT", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub seed_sessions: u32,

    /// Whether the bundle's file names carry content hashes (read from `hash.txt` next to
    /// this binary). Without the flag: whenever the build wrote that file.
    #[arg(long, env = "LEPTOS_HASH_FILES")]
    pub hash_files: Option<bool>,

    /// Start the cluster lab's three node processes at start-up instead of on first use.
    #[arg(long)]
    pub cluster_start: bool,

    /// A Redis for the cluster lab's `redis` store. Without it the lab starts its own
    /// `redis-server` on a free loopback port when that store is chosen.
    #[arg(long, env = "AUTH_LAB_CLUSTER_REDIS", value_parser = parse_redis_url)]
    pub cluster_redis: Option<String>,

    /// Build environment as cargo-leptos names it.
    #[arg(
        long = "leptos-env",
        env = "LEPTOS_ENV",
        value_enum,
        ignore_case = true,
        default_value = "dev"
    )]
    pub leptos_env: BuildEnv,
}

/// cargo-leptos writes `hash.txt` beside the server binary when it hashes file names.
fn hash_file_exists() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("hash.txt").exists()))
        .unwrap_or(false)
}

/// The binary's other roles, which the lab server starts itself.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Run one node of the cluster lab (the lab server starts three).
    Node(Box<crate::cluster::node::NodeArgs>),
    /// Run a command and kill it when stdin closes (how the lab runs its redis-server).
    #[command(hide = true)]
    Guard(crate::cluster::guard::GuardArgs),
}

fn parse_redis_url(value: &str) -> Result<String, String> {
    match parse_store(value)? {
        StoreChoice::Redis(url) => Ok(url),
        StoreChoice::Memory => Err("expected a redis:// URL".into()),
    }
}

/// The `--store` choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreChoice {
    Memory,
    Redis(String),
}

pub(crate) fn parse_token_key(value: &str) -> Result<TokenKey, String> {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
    let bytes = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|_| "the token key must be base64url".to_string())?;
    TokenKey::from_bytes(&bytes).map_err(|err| err.to_string())
}

fn parse_store(value: &str) -> Result<StoreChoice, String> {
    if value == "memory" {
        Ok(StoreChoice::Memory)
    } else if value.starts_with("redis://") || value.starts_with("rediss://") {
        Ok(StoreChoice::Redis(value.to_owned()))
    } else {
        Err("expected `memory` or a redis:// URL".into())
    }
}

/// `DEV` or `PROD`, accepting the long spellings cargo-leptos also uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BuildEnv {
    #[value(alias = "development")]
    Dev,
    #[value(alias = "production")]
    Prod,
}

impl Cli {
    pub fn auth_settings(&self) -> AuthSettings {
        AuthSettings {
            secure_cookies: self.secure_cookies,
            inspect: !self.no_inspect,
            lab_cookie_options: !self.no_lab_cookie_options,
            ..AuthSettings::default()
        }
    }

    pub fn cluster_config(&self) -> crate::cluster::ClusterConfig {
        crate::cluster::ClusterConfig {
            redis_url: self.cluster_redis.clone(),
            token_leeway_secs: self.token_leeway_secs,
            secure_cookies: self.secure_cookies,
            ..crate::cluster::ClusterConfig::default()
        }
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.output_name.as_str())
            .site_root(self.site_root.as_str())
            .site_pkg_dir(self.site_pkg_dir.as_str())
            .site_addr(self.addr)
            .reload_port(self.reload_port)
            .hash_files(self.hash_files.unwrap_or_else(hash_file_exists))
            .env(match self.leptos_env {
                BuildEnv::Dev => Env::DEV,
                BuildEnv::Prod => Env::PROD,
            })
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_the_lab_on_loopback_port_3000() {
        let cli = Cli::try_parse_from(["server"]).expect("defaults parse");
        let options = cli.leptos_options();
        assert_eq!(options.site_addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(&*options.output_name, "auth-lab");
        assert_eq!(&*options.site_root, "target/site");
    }

    #[test]
    fn addr_flag_and_env_spellings_are_accepted() {
        let cli = Cli::try_parse_from([
            "server",
            "--addr",
            "0.0.0.0:8080",
            "--leptos-env",
            "PRODUCTION",
        ])
        .expect("flags parse");
        assert_eq!(cli.addr, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(cli.leptos_env, BuildEnv::Prod);
    }

    #[test]
    fn store_is_memory_by_default_or_a_redis_url() {
        assert_eq!(
            Cli::try_parse_from(["server"]).unwrap().store,
            StoreChoice::Memory
        );
        let cli = Cli::try_parse_from(["server", "--store", "redis://127.0.0.1:6379"]).unwrap();
        assert_eq!(
            cli.store,
            StoreChoice::Redis("redis://127.0.0.1:6379".into())
        );
        let err = Cli::try_parse_from(["server", "--store", "postgres://x"]).unwrap_err();
        assert!(
            err.to_string()
                .contains("expected `memory` or a redis:// URL"),
            "{err}"
        );
    }

    #[test]
    fn leeway_above_five_seconds_is_refused() {
        assert_eq!(
            Cli::try_parse_from(["server"]).unwrap().token_leeway_secs,
            5
        );
        assert_eq!(
            Cli::try_parse_from(["server", "--token-leeway-secs", "0"])
                .unwrap()
                .token_leeway_secs,
            0
        );
        assert!(Cli::try_parse_from(["server", "--token-leeway-secs", "6"]).is_err());
    }

    #[test]
    fn a_configured_token_key_needs_256_bits() {
        let ok = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // 32 bytes
        assert!(Cli::try_parse_from(["server", "--token-key", ok])
            .unwrap()
            .token_key
            .is_some());
        let err = Cli::try_parse_from(["server", "--token-key", "c2hvcnQ"]).unwrap_err();
        assert!(err.to_string().contains("at least 32"), "{err}");
        let printed = format!(
            "{:?}",
            Cli::try_parse_from(["server", "--token-key", ok]).unwrap()
        );
        assert!(
            !printed.contains(ok) && printed.contains("[redacted]"),
            "{printed}"
        );
    }

    #[test]
    fn seeding_is_off_by_default_and_capped_at_a_million() {
        assert_eq!(Cli::try_parse_from(["server"]).unwrap().seed_sessions, 0);
        let cli = Cli::try_parse_from(["server", "--seed-sessions", "100000"]).unwrap();
        assert_eq!(cli.seed_sessions, 100_000);
        assert!(Cli::try_parse_from(["server", "--seed-sessions", "1000001"]).is_err());
        assert!(Cli::try_parse_from(["server", "--seed-sessions", "-1"]).is_err());
    }

    #[test]
    fn a_bad_address_is_refused_with_a_message() {
        let err = Cli::try_parse_from(["server", "--addr", "not-an-address"]).unwrap_err();
        assert!(err.to_string().contains("--addr"), "{err}");
    }
}
