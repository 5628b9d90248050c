//! Real load-balancer configurations for each cluster preset, shown on `/cluster` and in
//! the README. The HAProxy ones are checked by `haproxy -c` in the server's tests.

use super::cluster::Preset;
use crate::api::cluster::{ClusterStore, Routing};

/// The example machines: three app servers and, for the Redis preset, one Redis.
const NODES: [(&str, &str); 3] = [
    ("node-1", "10.0.0.11:3000"),
    ("node-2", "10.0.0.12:3000"),
    ("node-3", "10.0.0.13:3000"),
];

/// How each app server is started for this preset, as a comment line.
fn node_command(preset: Preset) -> &'static str {
    match preset.setup().store {
        ClusterStore::Redis => "server --addr 0.0.0.0:3000 --store redis://10.0.0.20:6379 --token-key $KEY",
        ClusterStore::Replicated => {
            "your app servers replicate sessions themselves (Tomcat's DeltaManager, for example);\n# Auth Lab's own servers replicate only inside the lab"
        }
        ClusterStore::Local => "server --addr 0.0.0.0:3000 --token-key $KEY",
    }
}

pub fn haproxy(preset: Preset) -> String {
    let sticky = preset.setup().routing == Routing::Sticky;
    let mut servers = String::new();
    for (id, addr) in NODES {
        servers.push_str(&format!("    server {id} {addr} check"));
        if sticky {
            servers.push_str(&format!(" cookie {id}"));
        }
        servers.push('\n');
    }
    let cookie = if sticky {
        // Like the lab's balancer: its own HttpOnly cookie, not the session cookie.
        "    cookie auth_lab_node insert indirect nocache httponly\n"
    } else {
        ""
    };
    format!(
        "# Each node: {command}
global
    maxconn 2048

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s

frontend auth_lab
    bind :80
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /api/health
{cookie}{servers}",
        command = node_command(preset)
    )
}

pub fn nginx(preset: Preset) -> String {
    let sticky = preset.setup().routing == Routing::Sticky;
    let mut servers = String::new();
    if sticky {
        servers.push_str("    hash $cookie_auth_lab_sid consistent;\n");
    }
    for (_, addr) in NODES {
        servers.push_str(&format!(
            "    server {addr} max_fails=1 fail_timeout=10s;\n"
        ));
    }
    format!(
        "# Each node: {command}
upstream auth_lab {{
{servers}}}

server {{
    listen 80;
    location / {{
        proxy_pass http://auth_lab;
        # The API refuses a cross-site Origin by comparing it with Host: keep the Host.
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_next_upstream error timeout;
    }}
}}
",
        command = node_command(preset)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sticky_preset_pins_with_a_cookie() {
        for preset in Preset::ALL {
            let sticky = preset == Preset::Sticky;
            assert_eq!(
                haproxy(preset).contains("cookie auth_lab_node insert"),
                sticky
            );
            assert_eq!(haproxy(preset).contains("check cookie node-2"), sticky);
            assert_eq!(nginx(preset).contains("hash $cookie_auth_lab_sid"), sticky);
        }
        assert!(haproxy(Preset::CentralRedis).contains("--store redis://"));
    }
}
