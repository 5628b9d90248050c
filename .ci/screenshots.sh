#!/usr/bin/env bash
# Builds the lab, serves it on a spare port, and runs end2end/scripts/screenshots.mjs
# against it. Arguments go to the script (--all for every state, width and scheme).
set -euo pipefail
cd "$(dirname "$0")/.."
unset RUSTFLAGS
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build
port="${SCREENSHOT_PORT:-3190}"
LEPTOS_SITE_ROOT=target/site target/debug/server --addr "127.0.0.1:$port" >target/screenshots-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done
(cd end2end && node scripts/screenshots.mjs "http://127.0.0.1:$port" "$@")
