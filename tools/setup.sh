#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently and cheaply on re-run.
#
#   tools/setup.sh native    compilers (g++, and clang with its sanitizer and libFuzzer
#                            runtimes for the fuzz targets), nlohmann_json, third-party sources
#   tools/setup.sh web       + Emscripten, fonts and font tools
#   tools/setup.sh browser   + Chromium and the npm test tooling (package-lock.json)
#
# Sources come only from Debian (binary and source packages) and npm. Third-party
# sources are the orig tarballs of Debian source packages, pinned in tools/deps.lock
# by version and SHA-256 and unpacked into .deps/ (ignored by git).
set -euo pipefail

level=${1:-browser}
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"
mkdir -p "$deps"

log() { printf 'setup: %s\n' "$*" >&2; }

sudo_if_needed() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian binary packages ---------------------------------------------------
# skkdic: the Japanese dictionary `make archive` draws words from (the CLI tests run it).
# node-acorn (Emscripten needs it too): the build parses our scripts to copy them without
# their comments (tools/strip_comments.mjs); node-terser minifies Emscripten's glue
# (tools/minify_glue.mjs).
packages=(cmake make g++ clang libclang-rt-14-dev python3 xz-utils ca-certificates nlohmann-json3-dev skkdic)
case "$level" in
  web|browser) packages+=(emscripten node-acorn node-terser python3-fonttools python3-brotli brotli librsvg2-bin
                          fonts-morisawa-bizud-gothic fonts-noto-color-emoji kanjidic) ;;&
  # nginx and its brotli_static module: the real web server the site is tested behind;
  # python3-feedparser: a real feed parser for the site's feeds (tests/cli/site.test.mjs);
  # rsync: docs/publishing.md copies the site with it (tests/cli/publishing.test.mjs).
  browser) packages+=(chromium tesseract-ocr tesseract-ocr-jpn nginx libnginx-mod-http-brotli-static python3-feedparser rsync) ;;
esac
# Node.js: Debian's own (bookworm: 18) unless the machine already has one. The tests,
# Emscripten and playwright-core (pinned to a release that supports Node 18) run on it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Debian source packages (orig tarballs) -------------------------------------
# A private apt configuration with one deb-src entry for suite sid whose URI is copied
# from this machine's own Debian entry, so the system's apt sources stay untouched.
debian_uri() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || { log "no Debian entry found in the apt configuration"; exit 1; }
  printf '%s' "$uri"
}

source_apt() {
  local dir="$deps/apt"
  mkdir -p "$dir/lists/partial" "$dir/parts"
  apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$dir/parts" \
          -o Dir::State::Lists="$dir/lists" -o Debug::NoLocking=1 "$@"
}

# tools/deps.lock, one "package version file sha256" a line: Debian source packages,
# and npm tarballs (package "npm:NAME").
pins() { grep -vE '^[[:space:]]*(#|$)' "$root/tools/deps.lock" | grep -v '^npm:' || true; }
npm_pins() { grep -E '^npm:' "$root/tools/deps.lock" || true; }

have_source() { [ -f "$deps/src/$1" ] && echo "$2  $deps/src/$1" | sha256sum -c --quiet - >/dev/null 2>&1; }

# download URI FILE SHA256: apt's own fetcher, which checks the hash.
download() {
  /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$1" "$deps/src/$2" "SHA256:$3" >/dev/null 2>&1 \
    || { rm -f "$deps/src/$2"; return 1; }
}

pool_dir() { case "$1" in lib?*) printf '%s' "${1:0:4}" ;; *) printf '%s' "${1:0:1}" ;; esac; }

fetch_sources() {
  local pkg ver file sum uri base missing=0
  mkdir -p "$deps/src"
  # First the orig tarball's pool path (no index needed; the hash decides).
  base=$(debian_uri)
  while read -r pkg ver file sum; do
    have_source "$file" "$sum" && continue
    log "fetching $file"
    download "$base/pool/main/$(pool_dir "$pkg")/$pkg/$file" "$file" "$sum" || missing=1
  done < <(pins)
  [ $missing = 1 ] || return 0

  # Else ask a private source index for suite sid, with the URI of this machine's
  # Debian entry; only the orig tarball is fetched (the mirror may 404 the .dsc).
  mkdir -p "$deps/apt/parts"
  printf 'Types: deb-src\nURIs: %s\nSuites: sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$base" > "$deps/apt/parts/sid-src.sources"
  log "updating the source package index (suite sid)"
  source_apt update -qq >/dev/null
  while read -r pkg ver file sum; do
    have_source "$file" "$sum" && continue
    uri=$(source_apt source --print-uris "$pkg=$ver" 2>/dev/null | awk -v f="$file" "\$2 == f { gsub(/'/, \"\", \$1); print \$1 }")
    [ -n "$uri" ] || { log "source package $pkg=$ver not found in the index"; exit 1; }
    log "fetching $file from the index"
    download "$uri" "$file" "$sum" || { log "$file: download failed or its SHA-256 differs from tools/deps.lock"; exit 1; }
  done < <(pins)
}

# The BudouX phrase model (the core's line breaker reads it at build time) comes from
# npm: `npm pack` fetches the tarball, the hash in tools/deps.lock decides.
fetch_npm_tarballs() {
  local pkg ver file sum
  while read -r pkg ver file sum; do
    have_source "$file" "$sum" && continue
    log "fetching $file (npm)"
    (cd "$deps/src" && npm pack "${pkg#npm:}@$ver" --silent --loglevel=error >/dev/null) \
      || { log "npm pack ${pkg#npm:}@$ver failed"; exit 1; }
    have_source "$file" "$sum" || { rm -f "$deps/src/$file"; log "$file: its SHA-256 differs from tools/deps.lock"; exit 1; }
  done < <(npm_pins)
}

unpack_sources() {
  local pkg ver file sum dest
  while read -r pkg ver file sum; do
    pkg=${pkg#npm:}
    dest="$deps/$pkg"
    [ -f "$dest/.unpacked-$sum" ] && continue
    rm -rf "$dest" && mkdir -p "$dest"
    tar -xf "$deps/src/$file" -C "$dest" --strip-components=1
    touch "$dest/.unpacked-$sum"
  done < <(pins; npm_pins)
}

fetch_sources
fetch_npm_tarballs
unpack_sources

# --- Node.js ----------------------------------------------------------------------
node_version=$(node --version 2>/dev/null || true)
node_major=${node_version#v}
node_major=${node_major%%.*}
if [ -z "$node_version" ] || [ "$node_major" -lt 18 ]; then
  log "Node.js 18 or newer is needed (found: ${node_version:-none}); install Debian's nodejs"
  exit 1
fi

# --- npm (browser-test tooling, pinned by package-lock.json) ---------------------
if [ "$level" = browser ]; then
  stamp="$root/node_modules/.lock-sha256"
  want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing npm packages from package-lock.json"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
fi
