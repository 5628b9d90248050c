#!/usr/bin/env bash
# Builds the lab, serves it on a spare port, and runs end2end/scripts/screenshots.mjs
# against it. Arguments go to the script (--all for every state, width and scheme).
set -euo pipefail
cd "$(dirname "$0")/.."
unset RUSTFLAGS
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build
node end2end/scripts/page-bundles.mjs
port="${SCREENSHOT_PORT:-3190}"
. .ci/serve-site.sh
serve_site target/debug/server "$port" target/screenshots-server.log
(cd end2end && node scripts/screenshots.mjs "http://127.0.0.1:$port" "$@")
