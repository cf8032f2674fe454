#!/usr/bin/env bash
# zh-fix speed with every shipped rule loaded, against sed applying two
# literal substitutions to the same 20 MB input, in one hyperfine run; and
# rule loading (zh-fix on empty input: process start + load + compile).
#
#   bench/fix_bench.sh [BUILD_DIR]   (default build-fix; needs hyperfine)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-fix}
fix="$build/tools/zh-fix"
export ZHCLEAN_RULES_DIR="$src/rules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Two 20 MB inputs: "mixed" repeats all five seeds (a third of the bytes are
# the spun speech, so zh-fix makes ~600k edits); "news" repeats the seeds
# without 002 (OCR typos, traditional text, clean news).
make_input() {  # make_input FILE SEED...
  local out=$1; shift
  while [ "$(stat -c %s "$out" 2>/dev/null || echo 0)" -lt 20000000 ]; do cat "$@" >> "$out"; done
}
make_input "$tmp/mixed.txt" "$src"/samples/00?_*/input.txt
make_input "$tmp/news.txt" "$src"/samples/00[0134]_*/input.txt
for input in mixed news; do
  in="$tmp/$input.txt"
  ls -l "$in"
  hyperfine --warmup 1 --runs 10 --export-markdown "$tmp/$input.md" \
    -n "zh-fix ($input)" "$fix $in > $tmp/fixed.txt" \
    -n "sed ($input)" "sed -e 's/巾相/巾帼/g' -e 's/成水歌/咸水歌/g' $in > $tmp/sed.txt"
  cat "$tmp/$input.md"
done
hyperfine --warmup 3 --runs 20 -N -n "zh-fix (load rules, empty input)" "$fix /dev/null"
