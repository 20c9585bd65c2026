# The two README commands, `make serve` and `make test`, and their parts.
# Each target installs what it needs first (tools/setup.sh is idempotent and cheap).
SHELL := /bin/bash
PORT ?= 8080
# `make site`: the folder of issues, the address the site is served from, where it goes
# (docs/publishing.md). `make web` and `make serve` build the bundled issues for the
# address they serve on.
ISSUES ?= web/issues
SITE_URL ?= http://127.0.0.1:$(PORT)
OUT ?= build/web
# The site's embedHosts and sources (docs/embed.md); web/config.json lets the demo portal
# of `make serve` embed the viewer.
SITE_CONFIG ?= web/config.json
JOBS ?= $(shell nproc)
# Debian's emscripten runs its JS optimizer with Node and needs Debian's node modules.
export NODE_PATH ?= /usr/share/nodejs
MAKEFLAGS += --no-print-directory

.PHONY: all setup native digest shell site web bench-site test test-native test-sanitize test-fuzz test-wasm test-cli test-browser serve bench fuzz archive clean

all: native web

setup:
	@tools/setup.sh browser

native:
	@tools/setup.sh native
	@[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
	@cmake --build --preset native -j$(JOBS)

# The native `digest` command alone (what `make site` runs).
digest:
	@tools/setup.sh native
	@[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
	@cmake --build --preset native -j$(JOBS) --target digest

# The viewer and its app shell (build/shell/), the wasm core tests and digest.js.
shell:
	@tools/setup.sh web
	@[ -f build/wasm/CMakeCache.txt ] || cmake --preset web >/dev/null
	@cmake --build --preset web -j$(JOBS)

# The whole deployable site of a folder of issues (tools/site.py says what it holds).
site: shell digest
	@/usr/bin/python3 tools/site.py --issues "$(ISSUES)" --site-url "$(SITE_URL)" --out "$(OUT)" --config "$(SITE_CONFIG)"

web: site

test: setup native web
	@$(MAKE) --no-print-directory test-native test-sanitize test-fuzz test-wasm test-cli test-browser

test-native:
	@echo "== core tests (native)"
	@build/native/core_tests --colour-mode none
	@echo "== viewer logic tests (native, Dear ImGui without a renderer)"
	@build/native/ui_tests --colour-mode none

test-sanitize:
	@echo "== core tests (native, AddressSanitizer + UndefinedBehaviorSanitizer)"
	@[ -f build/sanitize/CMakeCache.txt ] || cmake --preset sanitize >/dev/null
	@cmake --build --preset sanitize -j$(JOBS) >/dev/null
	@ASAN_OPTIONS=detect_leaks=1 build/sanitize/core_tests --colour-mode none

test-fuzz:
	@echo "== fuzzing: saved inputs replayed, then 20 s a target (make fuzz runs longer)"
	@tools/fuzz.sh 20

fuzz: setup web
	@tools/fuzz.sh $${FUZZ_SECONDS:-600}
	@node tools/fuzz_snapshot.mjs $${FUZZ_SECONDS:-600}

test-wasm:
	@echo "== core tests (WebAssembly under Node)"
	@cd build/wasm && node core_tests.js --colour-mode none
	@echo "== hostile corpus through the wasm core (-sASSERTIONS=2 -sSAFE_HEAP=1)"
	@node build/wasm/fuzz_replay.js tests/fixtures tests/fuzz/regressions $(wildcard ../shared/testdata/jsontestsuite) \
	  $(wildcard build/fuzz/corpus/fuzz_issue)

test-cli:
	@echo "== digest command"
	@node --test tests/cli/

test-browser:
	@echo "== viewer in headless Chromium (Node.js $$(node --version))"
	@node --test tests/browser/

serve: setup web
	@/usr/bin/python3 tools/serve.py --port $(PORT) --root "$(OUT)"

bench: native web archive
	@tools/bench.sh
	@node tools/bench_browser.mjs
	@node tools/bench_archive.mjs
	@node tools/bench_breaks.mjs

# `make site` on the ten-year archive: a full build, a day added, a day retracted
# (docs/benchmarks.md; over an hour on 2 cores, so not part of `make bench`).
bench-site: shell digest archive
	@/usr/bin/python3 tools/bench_site.py

# A deterministic ten-year archive (3,653 issues, ~25,600 articles, ~48 MB) for
# measuring archive search and browsing, and its query set with the results brute
# force gives (`digest search`); out of git, in build/archive/.
archive: native
	@node tools/make_archive.mjs --out build/archive
	@build/native/digest index build/archive/issues
	@/usr/bin/python3 tools/stamp_web.py --site build/archive/issues/search --compress-only
	@node tools/archive_queries.mjs --archive build/archive

clean:
	rm -rf build
