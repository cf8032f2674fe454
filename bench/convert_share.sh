#!/usr/bin/env bash
# The convert step's share of zh-clean: the same JSONL corpus (built from the
# samples as bench/pipeline.sh builds it) cleaned with and without
# convert:s2t, one job, in one hyperfine run; the share is the difference.
# Also peak RSS of `-j 1` vs `-j 2` with convert only (workers share the
# dictionaries). Usage: bench/convert_share.sh [build-dir] [MB] (build 25).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mb=${2:-25}
T="$build/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/samples_jsonl.py "$work/corpus.jsonl" "$mb" samples/*/input.txt
echo "input: $(stat -c %s "$work/corpus.jsonl") bytes"
uptime
hyperfine --shell=none --warmup 1 --runs 5 --export-markdown "$work/table.md" \
  -n "zh-clean repair,strip,fix" \
  "$T/zh-clean --steps repair,strip,fix --format jsonl -j 1 $work/corpus.jsonl -o $work/o1" \
  -n "zh-clean repair,strip,fix,convert:s2t" \
  "$T/zh-clean --steps repair,strip,fix,convert:s2t --format jsonl -j 1 $work/corpus.jsonl -o $work/o2" \
  -n "zh-clean convert:s2t" \
  "$T/zh-clean --steps convert:s2t --format jsonl -j 1 $work/corpus.jsonl -o $work/o3"
cat "$work/table.md"
uptime
head -c 2000000 "$work/corpus.jsonl" | head -n -1 > "$work/small.jsonl"
for j in 1 2; do
  /usr/bin/time -f "zh-clean --steps convert:s2t -j $j, 2 MB: %U+%S s CPU, peak RSS %M KB" \
    "$T/zh-clean" --steps convert:s2t --format jsonl -j "$j" "$work/small.jsonl" -o "$work/o4"
done
