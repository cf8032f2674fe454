#!/usr/bin/env bash
# The whole pipeline on ~100 MB of JSONL built from the samples, in one
# hyperfine run: zh-clean (-j 1 and -j 2) vs the four tools piped vs
# `opencc -c s2t` alone; then peak RSS of zh-clean at 100 MB and 1 GB.
# Usage: bench/pipeline.sh [build-dir] [MB] (defaults: build 100).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mb=${2:-100}
T="$build/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/samples_jsonl.py "$work/corpus.jsonl" "$mb" samples/*/input.txt
echo "input: $(stat -c %s "$work/corpus.jsonl") bytes, $(wc -l < "$work/corpus.jsonl") documents"
steps="repair,strip,fix,convert:s2t"
piped="$T/zh-repair --format jsonl | $T/zh-strip --format jsonl | $T/zh-fix --format jsonl | $T/zh-convert -c s2t --format jsonl"
"$T/zh-clean" --steps "$steps" --format jsonl -j 1 "$work/corpus.jsonl" > "$work/a"
bash -c "$piped" < "$work/corpus.jsonl" > "$work/b"
cmp "$work/a" "$work/b" && echo "zh-clean output == piped tools output"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
# zh-clean writes through the shell like the piped tools: its -o FILE also
# fsyncs before the rename (outputs survive a crash), which opencc's -o
# does not do.
hyperfine --runs 5 --export-markdown "$work/table.md" \
  -n "zh-clean -j 1" "$T/zh-clean --steps $steps --format jsonl -j 1 $work/corpus.jsonl > $work/o1" \
  -n "zh-clean -j 2" "$T/zh-clean --steps $steps --format jsonl -j 2 $work/corpus.jsonl > $work/o2" \
  -n "four tools piped" "bash -c '$piped < $work/corpus.jsonl > $work/o3'" \
  -n "opencc -c s2t alone" "opencc -c s2t -i $work/corpus.jsonl -o $work/o4"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
cat "$work/table.md"
for n in 1 10; do
  for i in $(seq 1 $n); do cat "$work/corpus.jsonl"; done |
    /usr/bin/time -f "zh-clean -j 2 on $((n * mb)) MB: peak RSS %M KB, %e s" \
      "$T/zh-clean" --steps "$steps" --format jsonl -j 2 > /dev/null
done
