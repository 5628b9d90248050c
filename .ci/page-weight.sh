#!/usr/bin/env bash
# Serves the release build on a spare port and prints what a first visit to each page
# costs on the wire and how long each page takes to become interactive in Chromium
# (end2end/scripts/page-weight.mjs). Run after a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PAGE_WEIGHT_PORT:-3191}"
. .ci/serve-site.sh
serve_site target/release/server "$port" target/page-weight-server.log
node end2end/scripts/page-weight.mjs "http://127.0.0.1:$port"
