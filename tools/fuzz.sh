#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/fuzz_issue.cpp, fuzz_stored.cpp) for SECONDS each, after
# replaying every saved regression input. A crash is copied to
# tests/fuzz/regressions/<target>/ (commit it with the fix) and fails the run.
#
#   tools/fuzz.sh SECONDS [TARGET...]     make test: 20 s each; make fuzz: 600 s each
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-20}
shift || true
if [ $# -gt 0 ]; then targets=("$@"); else targets=(fuzz_issue fuzz_markdown fuzz_reading_log fuzz_settings); fi

[ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" >/dev/null

status=0
for target in "${targets[@]}"; do
  binary="build/fuzz/$target"
  corpus="build/fuzz/corpus/$target"
  crashes="build/fuzz/crashes/$target"
  saved="tests/fuzz/regressions/$target"
  mkdir -p "$corpus" "$crashes" "$saved"
  # Seeds: our own issues and fixtures (the corpus grows from them, outside git).
  for seed in web/issues/*.json tests/fixtures/*/*.json tests/spec/markdown.txt tests/fuzz/seeds/"$target"/*; do
    cp -n "$seed" "$corpus/seed-$(basename "$seed")" 2>/dev/null || true
  done
  if compgen -G "$saved/*" >/dev/null; then
    echo "== $target: replaying $(ls "$saved" | wc -l) saved inputs"
    "$binary" -runs=0 "$saved"/* >/dev/null 2>&1 || { echo "$target: a saved input fails again"; status=1; }
  fi
  echo "== $target: fuzzing for ${seconds} s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" > "build/fuzz/$target.log" 2>&1; then
    status=1
    echo "$target: found a failing input (build/fuzz/$target.log):"
    grep -m5 -E "ERROR|SUMMARY|Test unit written" "build/fuzz/$target.log" || tail -20 "build/fuzz/$target.log"
    cp "$crashes"/* "$saved"/ 2>/dev/null || true
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build/fuzz/$target.log" | tr '\n' ' ' | sed "s/^/   /"
  echo
done
exit $status
