#!/usr/bin/env bash
# Installs what Auth Lab needs to build, serve or test, and only what is missing, so a
# second run skips every step. Usage: .ci/setup.sh run|test|release|bench
#   run      Rust wasm target, cargo-leptos, wasm-bindgen CLI,
#            Debian redis-server (the cluster lab's Redis)       (enough for `make run`)
#   release  + npm packages in end2end/ (binaryen's wasm-opt, esbuild for the page bundles'
#            JS), Debian chromium (page timings)
#   test     + Debian haproxy                                   (everything `make test` needs)
#   bench    + Debian wrk, and the express peer's npm packages  (everything `make bench` needs)
set -euo pipefail
cd "$(dirname "$0")/.."

level="${1:-test}"
case "$level" in run | release | test | bench) ;; *) echo "usage: $0 run|release|test|bench" >&2; exit 2 ;; esac

CARGO_LEPTOS_VERSION=0.3.10
# The CLI must match the `wasm-bindgen = "=x.y.z"` pin in Cargo.toml exactly.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' Cargo.toml)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no exact wasm-bindgen pin in Cargo.toml" >&2; exit 1; }

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
have() { printf '  ok   %s\n' "$*"; }
doing() { bold "  ...  $*"; }

echo "Checking the toolchain ($level):"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  have "Rust target wasm32-unknown-unknown"
else
  doing "adding the Rust target wasm32-unknown-unknown (under a minute)"
  rustup target add wasm32-unknown-unknown
fi

if cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
  have "cargo-leptos $CARGO_LEPTOS_VERSION"
else
  # 0.3.11 needs a newer rustc than this machine's; --debug builds it in ~7 min instead of ~17.
  # no_downloads: it must never try to fetch tools from the internet.
  doing "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 7 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  have "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
else
  # Without --locked: the CLI's own lock file pins a crate the registry no longer serves.
  doing "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

apt_install() {
  local cmd="$1" pkg="$2"
  if command -v "$cmd" >/dev/null 2>&1; then
    have "$pkg ($(command -v "$cmd"))"
  elif [ "$(id -u)" = 0 ]; then
    doing "installing Debian's $pkg (about a minute)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg"
  else
    echo "setup: $pkg is missing and installing it needs root. Run:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y $pkg" >&2
    exit 1
  fi
}
# The cluster lab (/cluster) starts its own redis-server for its "central Redis" store.
apt_install redis-server redis-server

[ "$level" = run ] && exit 0

stamp=end2end/node_modules/.package-lock.sha256
want="$(sha256sum end2end/package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  have "npm packages in end2end/ (Playwright, binaryen's wasm-opt, esbuild)"
else
  doing "npm ci in end2end/ (Playwright test runner, binaryen for wasm-opt, esbuild)"
  # Browsers come from Debian, never from Playwright's own download.
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
fi

apt_install chromium chromium
# Korean glyphs, or Chromium draws the /ko pages (and their screenshots) as empty boxes.
# grep reads to the end (no -q): under pipefail, fc-list killed by SIGPIPE would fail the
# test and reinstall the fonts on every run.
if fc-list 2>/dev/null | grep -i nanum >/dev/null; then
  have "fonts-nanum (Korean glyphs)"
else
  apt_install fc-list-nanum fonts-nanum
fi

[ "$level" = release ] && exit 0

# The cluster lab's tests check its load-balancer configurations with `haproxy -c`.
apt_install haproxy haproxy

[ "$level" = bench ] || exit 0

apt_install wrk wrk
apt_install taskset util-linux

peer=end2end/bench/peer
stamp=$peer/node_modules/.package-lock.sha256
want="$(sha256sum $peer/package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  have "npm packages of the express peer"
else
  doing "npm ci in $peer (express, express-session, jsonwebtoken, @node-rs/argon2)"
  (cd $peer && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
fi
