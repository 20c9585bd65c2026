#!/usr/bin/env bash
# Benchmarks that print figures (never pass/fail): parse speed native vs wasm vs
# JSON.parse + markdown-it in one run, the first view's payload and font slices
# (tools/bench_payload.py) against the whole font, and share cards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cmake --build --preset native --target bench_parse >/dev/null
cmake --build --preset web --target bench_parse >/dev/null

echo "## Parse: JSON + Markdown -> render model (cold: the first of 9 runs; warm: the median of the other 8)"
echo "### native (g++ -O3)"
native=$(build/native/bench_parse "$root" 1000)
echo "$native"
echo "### wasm (emcc -O3, Node $(node --version))"
wasm=$(cd build/wasm && node bench_parse.js "$root" 1000)
echo "$wasm"
echo "### what a web developer would write, on the same bytes"
issue_file=$(mktemp --suffix=.json)
build/native/bench_parse "$root" 1000 "$issue_file"
js=$(node tools/bench_parse_js.mjs "$issue_file")
rm -f "$issue_file"
echo "$js"
# "warm 12.3 ms" / "cold 45.6 ms" of the first line matching $1 in $2.
ms() { grep -m1 "$1" <<<"$3" | sed -E "s/.*$2 ([0-9.]+) ms.*/\1/"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for run in warm cold; do
  echo "$run: wasm/native speed $(ratio "$(ms load_issue $run "$native")" "$(ms load_issue $run "$wasm")")x (bar >= 0.5x);" \
    "wasm load_issue vs JSON.parse + markdown-it: $(ratio "$(ms markdown-it $run "$js")" "$(ms load_issue $run "$wasm")")x (bar >= 2x)"
done

echo
/usr/bin/python3 tools/bench_payload.py build/web

echo
echo "## Share cards (digest share: 1200x630 PNG, our deflate vs zlib on the same filtered rows)"
cards=$(mktemp -d)
for f in web/issues/2026-11-2?.json; do
  start=$(date +%s%N)
  build/native/digest share "$f" --site http://127.0.0.1:8080 --out "$cards" >/dev/null
  native_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  start=$(date +%s%N)
  node build/wasm/digest.js share "$f" --site http://127.0.0.1:8080 --out "$cards" >/dev/null
  wasm_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$f: native ${native_ms} ms, wasm under Node ${wasm_ms} ms (whole command, fonts loaded once)"
done
/usr/bin/python3 - "$cards" <<'PY'
import glob, struct, sys, zlib
ours = z6 = z9 = 0
files = sorted(glob.glob(sys.argv[1] + "/a/**/*.png", recursive=True))
for path in files:
    data, at, idat = open(path, "rb").read(), 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    rows = zlib.decompress(idat)
    ours += len(idat); z6 += len(zlib.compress(rows, 6)); z9 += len(zlib.compress(rows, 9))
print(f"{len(files)} cards: ours {ours // len(files):,} B a card on average; zlib -6 {z6 // len(files):,} B, "
      f"-9 {z9 // len(files):,} B; ours/zlib-6 = {ours / z6:.2f}x")
PY
rm -rf "$cards"
