# Auth Lab. The two commands a newcomer needs:
#   make run    build and serve the lab on http://127.0.0.1:3000
#   make test   run every test (Rust, then Playwright in Chromium)
# Both install whatever is missing first (see .ci/setup.sh) and skip what is already there.

SHELL := bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test dev release run-release setup lint fmt clean screenshots bench

# cargo-leptos builds the site-wide bundle; page-bundles.mjs then gives each island page a
# bundle of its own. `cargo leptos serve` would empty the site folder again, so the server
# binary is started directly (its defaults are the same site folder and address).
run:
	@.ci/setup.sh run
	cargo leptos build
	node end2end/scripts/page-bundles.mjs
	target/debug/server

test:
	@.ci/setup.sh test
	@.ci/test.sh

# For contributors: rebuild and reload the browser on every change.
dev:
	@.ci/setup.sh run
	cargo leptos watch

# Optimised build: wasm-opt (npm's binaryen) shrinks the bundle, and brotli and gzip copies
# of every asset sit beside it. Sizes, what a first visit to each page costs on the wire,
# and each page's time to interactive in Chromium land in target/size.txt.
release:
	@.ci/setup.sh release
	cargo leptos build --release --precompress
	node end2end/scripts/page-bundles.mjs --release
	@{ .ci/size.sh && .ci/page-weight.sh; } | tee target/size.txt

# Measures both ways of keeping login state against the express peer: criterion micro
# benchmarks, wrk load at 1/16/128 connections, memory per session, header and bundle sizes.
# Writes end2end/bench/results/<date>.{json,md,wrk.txt} and the README's table (~25 min with the
# release build; the soak, Redis chaos and login storm runs are part of it).
bench:
	@.ci/setup.sh bench
	cargo leptos build --release --precompress
	node end2end/scripts/page-bundles.mjs --release
	@{ .ci/size.sh && .ci/page-weight.sh; } | tee target/size.txt
	cargo bench -p auth-lab-bench --bench auth_core --no-run
	@mkdir -p target && touch target/criterion.stamp
	taskset -c 0 cargo bench -p auth-lab-bench --bench auth_core -- --warm-up-time 1 --measurement-time 3
	node end2end/bench/run.mjs

run-release:
	@.ci/setup.sh release
	cargo leptos build --release --precompress
	node end2end/scripts/page-bundles.mjs --release
	target/release/server --leptos-env prod

setup:
	@.ci/setup.sh test

# Regenerates the README's screenshots (end2end/screenshots/*.png) from a real run of the lab;
# SCREENSHOTS=--all also writes every state at 375 and 1440 px, light and dark, to screenshots/all/.
screenshots:
	@.ci/setup.sh test
	@.ci/screenshots.sh $(SCREENSHOTS)

# Clippy for both feature sets (never --all-features on app: ssr and hydrate exclude each other).
lint: export RUSTFLAGS = --cfg erase_components
lint: export LEPTOS_OUTPUT_NAME = auth-lab
lint:
	cargo fmt --all -- --check
	cargo clippy -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p auth-lab-bench --all-targets -- -D warnings

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/results end2end/test-results
