#!/usr/bin/env bash
# zh-convert against the opencc CLI on the same 20 MB input, in one hyperfine
# run, plus peak RSS of each. Usage: bench/convert.sh [build-dir] (default build).
# Records nothing by itself: copy the printed table into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while [ "$(stat -c %s "$work/in.txt" 2>/dev/null || echo 0)" -lt 20000000 ]; do
  cat samples/*/input.txt >> "$work/in.txt"
done
head -c 20000000 "$work/in.txt" > "$work/in20.txt"
# Cut back to the last whole line so both tools see valid UTF-8.
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[1],'wb').write(d[:d.rfind(b'\n')+1])" "$work/in20.txt"
"$build/tools/zh-convert" -c s2t "$work/in20.txt" > "$work/a"
opencc -c s2t -i "$work/in20.txt" -o "$work/b"
cmp "$work/a" "$work/b" && echo "outputs identical ($(stat -c %s "$work/in20.txt") bytes in)"
uptime
# --shell=none: no shell start-up in the numbers; the full output also gives
# each command's user and system CPU time, steadier than wall time under load.
hyperfine --shell=none --warmup 1 --runs 5 --export-markdown "$work/table.md" \
  -n "zh-convert -c s2t" "$build/tools/zh-convert -c s2t $work/in20.txt -o $work/out1" \
  -n "zh-convert -c s2t --engine opencc" "$build/tools/zh-convert -c s2t --engine opencc $work/in20.txt -o $work/out2" \
  -n "opencc -c s2t" "opencc -c s2t -i $work/in20.txt -o $work/out3"
cat "$work/table.md"
uptime
for cmd in "$build/tools/zh-convert -c s2t $work/in20.txt" "opencc -c s2t -i $work/in20.txt"; do
  /usr/bin/time -f "peak RSS %M KB: $cmd" $cmd > /dev/null
done
