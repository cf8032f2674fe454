#!/usr/bin/env bash
# A directory run killed with kill -9, then resumed with --skip-existing,
# gives exactly the output of an uninterrupted run; no output ever appears
# truncated under its final name.
source "$(dirname "$0")/lib.sh"
C="$TOOLS/zh-clean"
mkdir -p "$WORK/in/a" "$WORK/in/b"
n=0
for i in $(seq 1 30); do
  for f in "$SRC"/samples/*/input.txt; do
    n=$((n + 1))
    # Large enough that the kill lands while a file is being written.
    for k in 1 2 3 4 5 6 7 8; do cat "$f"; done > "$WORK/in/$([ $((n % 2)) = 0 ] && echo a || echo b)/doc$n.txt"
  done
done
"$C" -r "$WORK/in" -o "$WORK/ref/" 2> "$WORK/err"
expect_eq "uninterrupted rc" "$?" 0
expect_eq "mirrored file count" "$(find "$WORK/ref" -type f | wc -l)" "$n"

"$C" -r "$WORK/in" -o "$WORK/out/" 2> /dev/null &
pid=$!
for i in $(seq 1 200); do
  [ "$(find "$WORK/out" -type f -name 'doc*' 2>/dev/null | wc -l)" -ge 20 ] && break
  sleep 0.05
done
kill -9 "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
done_before=$(find "$WORK/out" -type f -name 'doc*' | wc -l)
echo "killed after $done_before of $n files"
if [ "$done_before" -lt "$n" ]; then pass; else fail "the run finished before the kill"; fi
# Every file under its final name is complete.
bad=0
for f in $(cd "$WORK/out" && find . -type f -name 'doc*'); do
  cmp -s "$WORK/out/$f" "$WORK/ref/$f" || bad=$((bad + 1))
done
expect_eq "no truncated final outputs" "$bad" 0

"$C" -r "$WORK/in" -o "$WORK/out/" --skip-existing --stats 2> "$WORK/stats"
expect_eq "resume rc" "$?" 0
expect_match "resume skipped finished files" "$(cat "$WORK/stats")" "\"documents\":$((n - done_before)),"
if diff -r "$WORK/ref" "$WORK/out" > "$WORK/diff"; then pass; else fail "resumed output differs: $(head -5 "$WORK/diff")"; fi
expect_eq "no temp files left" "$(find "$WORK/out" -name '.*zhclean-*' | wc -l)" 0
finish
