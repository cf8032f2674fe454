#!/usr/bin/env bash
# zh-fix vs sed in CPU time (task-clock), for a loaded machine where wall
# times are mostly waiting for a core: the same 20 MB inputs as
# fix_bench.sh, each command run N times interleaved with the others
# (`perf stat -e task-clock sh -c 'CMD > file'`), median and minimum in ms.
#
#   bench/fix_cpu.sh [BUILD_DIR] [N]   (default build-fix, 11; needs perf)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-fix}
runs=${2:-11}
export ZHCLEAN_RULES_DIR="$src/rules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_input() {  # make_input FILE SEED...: the seeds repeated as in fix_bench.sh
  local out=$1; shift
  cat "$@" > "$out.block"
  local size blocks
  size=$(stat -c %s "$out.block")
  blocks=$(( (20000000 + size - 1) / size ))
  cp "$out.block" "$out"
  while [ "$(stat -c %s "$out")" -lt $((blocks * size)) ]; do
    cat "$out" "$out" > "$out.tmp" && mv "$out.tmp" "$out"
  done
  truncate -s $((blocks * size)) "$out"
  rm -f "$out.block"
}
make_input "$tmp/mixed.txt" "$src"/samples/00?_*/input.txt
make_input "$tmp/news.txt" "$src"/samples/00[0134]_*/input.txt
sed_cmd="sed -e s/巾相/巾帼/g -e s/成水歌/咸水歌/g"
cmds=("$build/tools/zh-fix $tmp/mixed.txt" "$sed_cmd $tmp/mixed.txt"
      "$build/tools/zh-fix $tmp/news.txt" "$sed_cmd $tmp/news.txt")
declare -a times
for ((r = 0; r < runs; r++)); do
  for k in "${!cmds[@]}"; do
    t=$(perf stat -x, -e task-clock sh -c "${cmds[$k]} > $tmp/out.txt" 2>&1 | tail -1 | cut -d, -f1)
    times[$k]+="$t "
  done
done
uptime
for k in "${!cmds[@]}"; do
  echo "${times[$k]}" | tr ' ' '\n' | sed '/^$/d' | sort -n |
    awk -v c="${cmds[$k]#"$build/tools/"}" '{a[NR] = $1}
      END {printf "median %6.1f ms  min %6.1f ms  %s\n", a[int((NR + 1) / 2)], a[1], c}'
done
