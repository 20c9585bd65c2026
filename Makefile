# The two README commands, `make serve` and `make test`, and their parts.
# Each target installs what it needs first (tools/setup.sh is idempotent and cheap).
SHELL := /bin/bash
PORT ?= 8080
JOBS ?= $(shell nproc)
# Debian's emscripten runs its JS optimizer with Node and needs Debian's node modules.
export NODE_PATH ?= /usr/share/nodejs
MAKEFLAGS += --no-print-directory

.PHONY: all setup native digest web test test-native test-wasm test-cli test-browser serve bench clean

all: native web

setup:
	@tools/setup.sh browser

native:
	@tools/setup.sh native
	@[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
	@cmake --build --preset native -j$(JOBS)

digest: native

web:
	@tools/setup.sh web
	@[ -f build/wasm/CMakeCache.txt ] || cmake --preset web >/dev/null
	@cmake --build --preset web -j$(JOBS)

test: setup native web
	@$(MAKE) --no-print-directory test-native test-wasm test-cli test-browser

test-native:
	@echo "== core tests (native)"
	@build/native/core_tests --colour-mode none
	@echo "== viewer logic tests (native, Dear ImGui without a renderer)"
	@build/native/ui_tests --colour-mode none

test-wasm:
	@echo "== core tests (WebAssembly under Node)"
	@cd build/wasm && node core_tests.js --colour-mode none

test-cli:
	@echo "== digest command"
	@node --test tests/cli/

test-browser:
	@echo "== viewer in headless Chromium"
	@node --test tests/browser/

serve: setup web
	@/usr/bin/python3 tools/serve.py --port $(PORT) --root build/web

bench: native web
	@tools/bench.sh
	@node tools/bench_browser.mjs

clean:
	rm -rf build
