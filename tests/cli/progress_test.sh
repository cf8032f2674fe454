#!/usr/bin/env bash
# Progress appears on standard error only when it is a terminal (here a
# pseudo-terminal made by `script`), or with --progress; -q silences it.
source "$(dirname "$0")/lib.sh"
command -v script > /dev/null || { echo "skipped: script(1) is not installed"; exit 77; }
C="$TOOLS/zh-convert"
for i in $(seq 1 200); do cat "$SRC"/samples/*/input.txt; done > "$WORK/in.txt"
script -qec "$C -c s2t $WORK/in.txt -o $WORK/out.txt" "$WORK/tty.log" > /dev/null
expect_eq "tty rc" "$?" 0
expect_match "progress on a terminal" "$(tr '\r' '\n' < "$WORK/tty.log")" \
  "zh-convert: 1 documents, [0-9.]+ MB, [0-9.]+ MB/s, ETA [0-9]+:[0-9]{2}"
script -qec "$C -q -c s2t $WORK/in.txt -o $WORK/out.txt" "$WORK/quiet.log" > /dev/null
if grep -q "MB/s" "$WORK/quiet.log"; then fail "-q still shows progress"; else pass; fi
"$C" -c s2t "$WORK/in.txt" -o "$WORK/out.txt" 2> "$WORK/err"
expect_eq "no progress when stderr is not a terminal" "$(cat "$WORK/err")" ""
"$C" -c s2t --progress "$WORK/in.txt" -o "$WORK/out.txt" 2> "$WORK/err"
expect_match "--progress forces it" "$(cat "$WORK/err")" "MB/s"
# A compressed input: progress counts its decompressed bytes.
gzip -c "$WORK/in.txt" > "$WORK/in.txt.gz"
"$C" -c s2t --progress "$WORK/in.txt.gz" -o "$WORK/out.txt" 2> "$WORK/err"
expect_match "progress on .gz input" "$(tr '\r' '\n' < "$WORK/err")" "MB/s"
# Progress never goes to standard output.
script -qec "$C -c s2t $WORK/in.txt | wc -c > $WORK/count" "$WORK/tty2.log" > /dev/null
expect_eq "stdout is only the text" "$(cat "$WORK/count")" "$(opencc -c s2t -i "$WORK/in.txt" | wc -c)"
finish
