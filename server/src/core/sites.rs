//! Which hosts are one site, and where the security lab puts its attacker. Ports never
//! separate sites: `SameSite` compares the scheme and the registrable domain (RFC 6265bis
//! §5.2), so `127.0.0.1:3000` and `127.0.0.1:3002` are the same site, while `127.0.0.1` and
//! `localhost` are two.

use std::net::IpAddr;

/// The host of an `authority` (`host:port`, `[v6]:port` or a bare host), lower-cased.
pub fn host_of(authority: &str) -> String {
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or(rest)
    } else {
        authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host)
    };
    host.to_ascii_lowercase()
}

/// The site of a host: an IP address or a one-label name is its own site; a longer name is
/// taken by its last two labels. That last rule ignores the public suffix list (so
/// `a.co.uk` and `b.co.uk` would wrongly match); it only decides whether the lab may run
/// its CSRF demo, and errs towards refusing it.
pub fn site_of(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<IpAddr>().is_ok() || !host.contains('.') {
        return host;
    }
    let labels: Vec<&str> = host.rsplit('.').take(2).collect();
    format!("{}.{}", labels[1], labels[0])
}

pub fn same_site(a: &str, b: &str) -> bool {
    site_of(a) == site_of(b)
}

/// The host the attacker's site is linked under for a lab opened at `lab_host`: the other
/// loopback name, so that the two are different sites on one machine. `None` for any other
/// host, where the lab cannot name a second site by itself.
pub fn attacker_host(lab_host: &str) -> Option<&'static str> {
    match lab_host {
        "127.0.0.1" => Some("localhost"),
        "localhost" => Some("127.0.0.1"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_do_not_make_a_site_but_names_do() {
        assert_eq!(host_of("127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(host_of("LocalHost:3002"), "localhost");
        assert_eq!(host_of("[::1]:3000"), "::1");
        assert_eq!(host_of("example.com"), "example.com");
        assert!(same_site("127.0.0.1", "127.0.0.1"));
        assert!(!same_site("127.0.0.1", "localhost"));
        assert!(same_site("lab.example.com", "evil.example.com"));
        assert!(!same_site("lab.example.com", "example.org"));
        assert!(same_site("Example.COM.", "www.example.com"));
    }

    #[test]
    fn the_attacker_takes_the_other_loopback_name_or_none() {
        assert_eq!(attacker_host("127.0.0.1"), Some("localhost"));
        assert_eq!(attacker_host("localhost"), Some("127.0.0.1"));
        assert_eq!(attacker_host("lab.example.com"), None);
        for lab in ["127.0.0.1", "localhost"] {
            assert!(!same_site(lab, attacker_host(lab).unwrap()));
        }
    }
}
