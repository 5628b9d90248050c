# Auth Lab. The two commands a newcomer needs:
#   make run    build and serve the lab on http://127.0.0.1:3000
#   make test   run every test (Rust, then Playwright in Chromium)
# Both install whatever is missing first (see .ci/setup.sh) and skip what is already there.

SHELL := bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test dev release run-release setup lint fmt clean screenshots

run:
	@.ci/setup.sh run
	cargo leptos serve

test:
	@.ci/setup.sh test
	@.ci/test.sh

# For contributors: rebuild and reload the browser on every change.
dev:
	@.ci/setup.sh run
	cargo leptos watch

# Optimised build: wasm-opt (npm's binaryen) shrinks the bundle; sizes land in target/size.txt.
release:
	@.ci/setup.sh release
	cargo leptos build --release
	@.ci/size.sh | tee target/size.txt

run-release:
	@.ci/setup.sh release
	cargo leptos serve --release

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

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/results end2end/test-results
