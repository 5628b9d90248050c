#!/usr/bin/env bash
# Runs every test: builds the lab once (debug, as cargo-leptos does), runs the Rust tests
# against that same build, then Playwright against the built server in Debian's Chromium.
# Ends with one plain line, "N passed, N failed", totalled over cargo and Playwright.
set -uo pipefail
cd "$(dirname "$0")/.."

# cargo-leptos compiles debug builds with RUSTFLAGS="--cfg erase_components", appended to
# any RUSTFLAGS it inherits, so it must not inherit them. The Rust tests then use exactly
# that value (and the same LEPTOS_OUTPUT_NAME, read at compile time) to reuse its build
# instead of compiling the whole graph a second time.
unset RUSTFLAGS
export LEPTOS_OUTPUT_NAME=auth-lab
TEST_RUSTFLAGS="--cfg erase_components"
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

logs=target/test-logs
mkdir -p "$logs"
passed=0
failed=0
status=0
section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

section "Build: cargo leptos build (server + wasm, debug), then one bundle per island page"
if ! { cargo leptos build && node end2end/scripts/page-bundles.mjs; } 2>&1 | tee "$logs/build.log"; then
  echo "The build failed; nothing was tested." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

section "Rust tests: cargo test -p app -p server"
RUSTFLAGS="$TEST_RUSTFLAGS" cargo test -p app -p server --no-fail-fast 2>&1 | tee "$logs/cargo.log"
cargo_status=${PIPESTATUS[0]}
# Only the test targets should compile here; hundreds of crates means the build was not reused.
echo "cargo test compiled $(grep -c '^ *Compiling' "$logs/cargo.log") crates on top of the cargo-leptos build"
read -r cargo_passed cargo_failed < <(
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { print p + 0, f + 0 }' "$logs/cargo.log"
)
if [ "$cargo_status" -ne 0 ] && [ "$cargo_failed" -eq 0 ]; then
  cargo_failed=1 # a compile error or crash: no "test result" line says so
fi
passed=$((passed + cargo_passed))
failed=$((failed + cargo_failed))
[ "$cargo_status" -eq 0 ] || status=1

section "Browser tests: Playwright in /usr/bin/chromium"
rm -f end2end/results/summary.json
(cd end2end && npx playwright test)
pw_status=$?
summary=end2end/results/summary.json
if [ -f "$summary" ]; then
  read -r pw_passed pw_failed pw_skipped < <(node -e '
    const s = require(process.argv[1]).stats;
    console.log(s.expected + s.flaky, s.unexpected, s.skipped);' "$PWD/$summary")
else
  pw_passed=0 pw_failed=1 pw_skipped=0 # Playwright did not get as far as reporting
fi
if [ "$pw_status" -ne 0 ] && [ "$pw_failed" -eq 0 ]; then
  pw_failed=1
fi
passed=$((passed + pw_passed))
failed=$((failed + pw_failed))
[ "$pw_status" -eq 0 ] || status=1

section "Leftovers: no cluster process of this checkout may outlive the suite"
# The cluster tests and the Playwright servers start node processes (`server node`) and
# redis-server under `server guard`; every one must be gone once its lab server is.
leftover() { pgrep -f "$PWD/target/debug/server (node|guard) " || true; }
for _ in $(seq 50); do [ -z "$(leftover)" ] && break; sleep 0.1; done
if [ -n "$(leftover)" ]; then
  echo "Still running after the suite:" >&2
  ps -o pid,ppid,args -p "$(leftover | paste -sd,)" >&2
  failed=$((failed + 1))
  status=1
else
  echo "none left: checked for $PWD/target/debug/server node|guard"
  passed=$((passed + 1))
fi

section "Summary"
echo "cargo test: $cargo_passed passed, $cargo_failed failed"
echo "playwright: $pw_passed passed, $pw_failed failed, $pw_skipped skipped"
echo "$passed passed, $failed failed"
exit "$status"
