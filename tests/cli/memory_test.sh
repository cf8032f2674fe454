#!/usr/bin/env bash
# Bounded memory: 300 MB of the samples, repeated, converts with peak RSS
# within 64 MB of the same tool converting a tiny input (that baseline is
# the dictionaries), in text and lines format; output ends quietly when the
# reader closes the pipe.
source "$(dirname "$0")/lib.sh"
Z="$TOOLS/zh-convert"
cat "$SRC"/samples/*/input.txt > "$WORK/seeds.txt"
for i in $(seq 1 120); do cat "$WORK/seeds.txt"; done > "$WORK/block.txt"  # ~10 MB
block_bytes=$(stat -c %s "$WORK/block.txt")
repeats=$(( 300 * 1000 * 1000 / block_bytes + 1 ))

feed() { for ((i = 0; i < repeats; i++)); do cat "$WORK/block.txt"; done; }

printf '汉字\n' | /usr/bin/time -f "%M" -o "$WORK/rss" "$Z" -c s2t > /dev/null
base=$(cat "$WORK/rss")
for format in text lines; do
  feed | /usr/bin/time -f "%M" -o "$WORK/rss" "$Z" -c s2t --format "$format" | wc -c > "$WORK/bytes"
  peak=$(cat "$WORK/rss")
  echo "format $format: baseline ${base} KB, 300 MB input ${peak} KB, output $(cat "$WORK/bytes") bytes"
  if [ $((peak - base)) -lt $((64 * 1024)) ]; then pass; else fail "$format: peak RSS grew by $((peak - base)) KB"; fi
  expect_eq "$format: output size" "$(cat "$WORK/bytes")" "$((repeats * block_bytes))"
done

# A closed pipe mid-stream: the tool dies of SIGPIPE without a message.
feed | ( "$Z" -c s2t 2> "$WORK/err"; echo $? > "$WORK/rc" ) | head -1 > "$WORK/first"
expect_eq "head -1: first line" "$(cat "$WORK/first")" "$(head -1 "$WORK/seeds.txt" | opencc -c s2t)"
expect_eq "head -1: exit by SIGPIPE" "$(cat "$WORK/rc")" 141
expect_eq "head -1: no message" "$(cat "$WORK/err")" ""
finish
