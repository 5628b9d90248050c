#!/usr/bin/env bash
# Prints the size of the built bundle, raw and gzip -9, one line per file, and the size of
# the precompressed copies the server sends (brotli, gzip) where the build made them: first
# the site-wide bundle (every island, what `make dev` serves), then the page bundles, of
# which each island page loads one (end2end/scripts/page-bundles.mjs).
# File names may carry a content hash (auth-lab.<hash>.wasm); the .br/.gz copies are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/site/pkg
total_raw=0 total_gz=0
printf '%-40s %10s %10s %10s\n' file raw gzip-9 brotli
for ext in wasm js css; do
  f=$(find "$pkg" -maxdepth 1 -name "auth-lab*.$ext" | head -n 1)
  [ -n "$f" ] || { echo "no auth-lab*.$ext in $pkg: build first" >&2; exit 1; }
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$([ -f "$f.br" ] && stat -c %s "$f.br" || echo -)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-40s %10s %10s %10s\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-40s %10s %10s\n' "site-wide total" "$total_raw" "$total_gz"

pages="$pkg/pages"
[ -f "$pages/bundles.txt" ] || { echo "no page bundles in $pages: run end2end/scripts/page-bundles.mjs" >&2; exit 1; }
echo
printf '%-40s %10s %10s %10s\n' "page bundle file" raw gzip-9 brotli
while IFS= read -r line; do
  f="$pages/${line#*: }"
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$([ -f "$f.br" ] && stat -c %s "$f.br" || echo -)
  printf '%-40s %10s %10s %10s\n' "$(basename "$f")" "$raw" "$gz" "$br"
done <"$pages/bundles.txt"
