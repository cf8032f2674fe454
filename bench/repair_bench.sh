#!/usr/bin/env bash
# zh-repair speed (issue 3): 20 MB of clean Chinese text through zh-repair
# against `iconv -f UTF-8 -t UTF-8` in the same hyperfine run, then fully
# damaged text (every line mojibake: UTF-8 or GBK read as cp1252, UTF-8
# read as GBK) against iconv on the same bytes, then GB18030 input against
# `iconv -f GB18030`, and zh-repair -j 2 on the clean and damaged files.
# Prints the throughput ratios and peak RSS.
#   bench/repair_bench.sh [BUILD_DIR]      (default: build)
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
Z=$BUILD/tools/zh-repair
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Clean input: the seeds (and zuozhuan.txt when ../shared is there) to 20 MB.
{ cat "$SRC"/samples/*/input.txt
  [ -f "$SRC/../shared/corpora/zuozhuan.txt" ] && cat "$SRC/../shared/corpora/zuozhuan.txt"
} > "$WORK/unit.txt"
while [ "$(stat -c %s "$WORK/clean.txt" 2>/dev/null || echo 0)" -lt $((20 << 20)) ]; do
  cat "$WORK/unit.txt" >> "$WORK/clean.txt"
done
python3 - "$WORK/clean.txt" "$WORK/damaged.txt" <<'PY'
import sys
def cp1252(b):  # Browsers' windows-1252: undefined bytes as C1 controls.
    return ''.join(bytes([x]).decode('cp1252', errors='ignore') or chr(x) for x in b)
out = []
for i, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n')):
    k = i % 3
    if k == 0:
        out.append(cp1252(line.encode('utf-8')))
    elif k == 1:
        out.append(cp1252(line.encode('gbk', errors='replace')))
    else:
        out.append(line.encode('utf-8').decode('gbk', errors='replace'))
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out))
PY
iconv -f UTF-8 -t GB18030 "$WORK/clean.txt" > "$WORK/clean.gb18030"
for f in clean.txt damaged.txt clean.gb18030; do echo "$f: $(stat -c %s "$WORK/$f") bytes"; done

# No shell (-N): CPU times are the tools' own. Every command writes to
# stdout, which hyperfine reads through a pipe and discards: zh-repair's own
# -o fsyncs before its rename, which iconv's -o does not. The load average
# goes beside the numbers: on a shared machine only same-run ratios compare.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --output=pipe --warmup 1 --runs 5 --export-json "$WORK/h.json" \
  "$Z $WORK/clean.txt" \
  "iconv -f UTF-8 -t UTF-8 $WORK/clean.txt" \
  "$Z $WORK/damaged.txt" \
  "iconv -f UTF-8 -t UTF-8 $WORK/damaged.txt" \
  "$Z $WORK/clean.gb18030" \
  "iconv -f GB18030 -t UTF-8 $WORK/clean.gb18030" \
  "$Z -j 2 $WORK/clean.txt" \
  "$Z -j 2 $WORK/damaged.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/h.json" "$WORK" <<'PY'
import json, os, sys
res = json.load(open(sys.argv[1]))['results']
size = lambda f: os.path.getsize(os.path.join(sys.argv[2], f)) / 1e6
files = ['clean.txt', 'clean.txt', 'damaged.txt', 'damaged.txt', 'clean.gb18030', 'clean.gb18030',
         'clean.txt', 'damaged.txt']
# Wall-clock and CPU (user + system) throughput: on a shared machine the
# CPU figures are the stable ones.
for label, key in (('wall', lambda r: r['mean']), ('cpu', lambda r: r['user'] + r['system'])):
    m = [size(f) / key(r) for f, r in zip(files, res)]
    print('%s clean:   zh-repair %.0f MB/s, iconv %.0f MB/s, ratio %.2f (target >= 1)' % (label, m[0], m[1], m[0] / m[1]))
    print('%s damaged: zh-repair %.0f MB/s, iconv on clean %.0f MB/s, ratio %.2f (target >= 0.20)' % (label, m[2], m[1], m[2] / m[1]))
    print('%s gb18030: zh-repair %.0f MB/s, iconv -f GB18030 %.0f MB/s, ratio %.2f' % (label, m[4], m[5], m[4] / m[5]))
    # -j 2: a text document's line repairs on two threads (one iconv thread).
    print('%s -j 2 clean:   zh-repair %.0f MB/s, ratio %.2f' % (label, m[6], m[6] / m[1]))
    print('%s -j 2 damaged: zh-repair %.0f MB/s, ratio %.2f' % (label, m[7], m[7] / m[1]))
PY
"$Z" "$WORK/clean.txt" > "$WORK/a.out"
cmp -s "$WORK/a.out" "$WORK/clean.txt" && echo "clean output byte-identical to input" || echo "clean output differs (normalisation)"
for i in $(seq 10); do cat "$WORK/clean.txt"; done > "$WORK/clean200.txt"
for f in clean.txt clean200.txt; do
  /usr/bin/time -f "peak RSS %M KiB, %e s" -o "$WORK/time" "$Z" "$WORK/$f" > /dev/null
  echo "zh-repair on $f: $(cat "$WORK/time")"
done
