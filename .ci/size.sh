#!/usr/bin/env bash
# Prints the size of the built bundle, raw and gzip -9, one line per file.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/site/pkg
total_raw=0 total_gz=0
printf '%-22s %12s %12s\n' file raw gzip
for f in "$pkg"/auth-lab.wasm "$pkg"/auth-lab.js "$pkg"/auth-lab.css; do
  [ -f "$f" ] || { echo "missing $f: build first" >&2; exit 1; }
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-22s %12s %12s\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-22s %12s %12s\n' total "$total_raw" "$total_gz"
