//! The HAProxy configuration `/cluster` shows for each preset is real: Debian's `haproxy`
//! accepts it (`haproxy -c`).

use std::process::Command;

use app::model::{balancer_config, cluster::Preset};

#[test]
fn every_presets_haproxy_configuration_passes_haproxy_check() {
    let dir = std::env::temp_dir().join(format!("auth-lab-haproxy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for preset in Preset::ALL {
        let file = dir.join(format!("{}.cfg", preset.key()));
        std::fs::write(&file, balancer_config::haproxy(preset)).unwrap();
        // Debian puts it in /usr/sbin, which an unprivileged PATH may lack.
        let haproxy = ["/usr/sbin/haproxy", "haproxy"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .unwrap_or("haproxy");
        let output = Command::new(haproxy)
            .arg("-c")
            .arg("-f")
            .arg(&file)
            .output()
            .expect("haproxy must be installed (make test installs Debian's haproxy)");
        assert!(
            output.status.success(),
            "{preset:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
