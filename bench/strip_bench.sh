#!/usr/bin/env bash
# zh-strip speed and memory (issue 4): text mode against `grep -v -F -f` with
# the same literal list (the literal rules of rules/chrome/), on the same
# 20 MB input, in one hyperfine run; then peak RSS at 20 MB and 200 MB.
#   bench/strip_bench.sh [BUILD_DIR]      (default: build)
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
Z=$BUILD/tools/zh-strip
export ZHCLEAN_RULES_DIR=$SRC/rules
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Input: the five seeds (and the boilerplate dumps when ../shared is there),
# repeated to 20 MB.
{ cat "$SRC"/samples/*/input.txt
  [ -d "$SRC/../shared/corpora/boilerplate/cwced/dump" ] &&
    cat "$SRC"/../shared/corpora/boilerplate/cwced/dump/*.txt
} > "$WORK/unit.txt"
while [ "$(stat -c %s "$WORK/in20.txt" 2>/dev/null || echo 0)" -lt $((20 << 20)) ]; do
  cat "$WORK/unit.txt" >> "$WORK/in20.txt"
done
for i in $(seq 10); do cat "$WORK/in20.txt"; done > "$WORK/in200.txt"
# The same literal list: every `literal` rule's pattern.
cat "$SRC"/rules/chrome/*.tsv | awk -F'\t' '$1 == "literal" { print $2 }' > "$WORK/literals.txt"
echo "input: $(stat -c %s "$WORK/in20.txt") bytes; literals: $(wc -l < "$WORK/literals.txt")"

# Both write a real file through the shell: GNU grep stops at the first match
# when its output is /dev/null, which would time nothing; and zh-strip's own
# -o fsyncs before its rename, which grep's redirect does not.
uptime
hyperfine --warmup 1 --runs 10 \
  "$Z $WORK/in20.txt > $WORK/strip.out" \
  "grep -v -F -f $WORK/literals.txt $WORK/in20.txt > $WORK/grep.out"

for n in 20 200; do
  /usr/bin/time -f "peak RSS %M KiB, %e s" -o "$WORK/time" "$Z" "$WORK/in$n.txt" > /dev/null
  echo "zh-strip on $n MB: $(cat "$WORK/time")"
done
