#!/usr/bin/env bash
# Two zh-clean binaries (OLD, NEW) on the JSONL corpus of bench/pipeline.sh
# with `--steps repair,strip,fix,convert:s2t -j 1`: outputs and --stats
# compared, CPU time (user+system) of N interleaved runs each on MB
# megabytes, and instructions (cachegrind, no cache simulation) on 5 MB.
# CPU time and instructions do not depend on the load the way wall time does.
#
#   bench/convert_cpu.sh OLD_BINARY NEW_BINARY [MB] [N]   (default 20, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
mb=${3:-20}
runs=${4:-5}
steps=repair,strip,fix,convert:s2t
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/samples_jsonl.py "$work/big.jsonl" "$mb" samples/*/input.txt
bench/samples_jsonl.py "$work/small.jsonl" 5 samples/*/input.txt
for v in old new; do
  bin=${!v}
  "$bin" --steps "$steps" --format jsonl -j 1 --stats-file "$work/stats.$v" \
    "$work/big.jsonl" > "$work/out.$v"
  sed -i 's/"seconds":[0-9.]*,//' "$work/stats.$v"
  "$bin" --steps "$steps" --format jsonl -j 1 --explain "$work/explain.$v" \
    "$work/small.jsonl" > /dev/null
done
cmp "$work/out.old" "$work/out.new"
cmp "$work/stats.old" "$work/stats.new"
cmp "$work/explain.old" "$work/explain.new"
echo "outputs, --stats and --explain identical"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  for v in old new; do
    /usr/bin/time -a -o "$work/cpu.$v" -f "%U %S" "${!v}" --steps "$steps" --format jsonl \
      -j 1 "$work/big.jsonl" > /dev/null
  done
done
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
for v in old new; do
  awk -v v="$v" -v mb="$mb" '{t = $1 + $2; s += t; if (min == "" || t < min) min = t}
    END {printf "%s: CPU s on %s MB, min %.2f mean %.2f (%d runs)\n", v, mb, min, s / NR, NR}' \
    "$work/cpu.$v"
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "${!v}" \
    --steps "$steps" --format jsonl -j 1 "$work/small.jsonl" 2>&1 > /dev/null |
    sed -n "s/.*I *refs: */$v: instructions on 5 MB: /p"
done
