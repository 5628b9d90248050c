#!/usr/bin/env bash
# Serves the release build on a spare port and prints what a first visit to each page
# costs on the wire and how long each page takes to become interactive in Chromium
# (end2end/scripts/page-weight.mjs). Run after a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PAGE_WEIGHT_PORT:-3191}"
LEPTOS_SITE_ROOT=target/site target/release/server --addr "127.0.0.1:$port" >target/page-weight-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done
node end2end/scripts/page-weight.mjs "http://127.0.0.1:$port"
