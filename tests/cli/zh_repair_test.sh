#!/usr/bin/env bash
# zh-repair end to end: detection, decoding of every input encoding, zero
# changes on clean corpora, chunk-size invariance, idempotence, bad input
# and the CLI conventions (exit codes, --explain, --stats).
source "$(dirname "$0")/lib.sh"
Z="$TOOLS/zh-repair"
S0="$SRC/samples/000_e8d26845c6ac1826/input.txt"
S1="$SRC/samples/001_685f646d0e7a449a/input.txt"

# --- Every encoding in, the same UTF-8 out; --detect names it. ---
iconv -f UTF-8 -t GB18030 "$S0" > "$WORK/s0.gb18030"
iconv -f UTF-8 -t BIG5-HKSCS "$S1" > "$WORK/s1.big5" 2>/dev/null || iconv -c -f UTF-8 -t BIG5 "$S1" > "$WORK/s1.big5"
iconv -f BIG5-HKSCS -t UTF-8 "$WORK/s1.big5" > "$WORK/s1.utf8"
iconv -f UTF-8 -t UTF-16LE "$S0" > "$WORK/s0.utf16le"
iconv -f UTF-8 -t UTF-16BE "$S0" > "$WORK/s0.utf16be"
{ printf '\xff\xfe'; cat "$WORK/s0.utf16le"; } > "$WORK/s0.bom16"
{ printf '\xef\xbb\xbf'; cat "$S0"; } > "$WORK/s0.bom8"
"$Z" "$S0" > "$WORK/s0.want"
"$Z" "$WORK/s1.utf8" > "$WORK/s1.want"
for f in s0.gb18030 s0.utf16le s0.utf16be s0.bom16 s0.bom8; do
  "$Z" "$WORK/$f" > "$WORK/out"
  expect_same_file "decode $f" "$WORK/out" "$WORK/s0.want"
done
"$Z" "$WORK/s1.big5" > "$WORK/out"
expect_same_file "decode s1.big5" "$WORK/out" "$WORK/s1.want"
"$Z" --from gbk "$WORK/s0.gb18030" > "$WORK/out"
expect_same_file "--from gbk" "$WORK/out" "$WORK/s0.want"
expect_eq "detect" "$("$Z" --detect "$WORK/s0.gb18030" "$WORK/s1.big5" "$WORK/s0.utf16le" "$WORK/s0.utf16be" "$S0" | cut -f2 | tr '\n' ' ')" \
  "GB18030 Big5 UTF-16LE UTF-16BE UTF-8 "
expect_match "detect stdin" "$("$Z" --detect < "$WORK/s0.gb18030")" $'^stdin\tGB18030\t(0\\.9|1\\.0)'
# A file cut at an odd byte still decodes (the cut character becomes U+FFFD).
tail -c +2 "$WORK/s0.gb18030" | head -c 5001 > "$WORK/cut.gb"
expect_match "detect cut" "$("$Z" --detect "$WORK/cut.gb" | cut -f2)" '^GB18030$'

# --- Clean text is byte-identical, and --check agrees. ---
if [ -d "${SHARED:-}/corpora" ]; then
  for f in "$SHARED/corpora/zuozhuan.txt" "$SHARED/corpora/us_constitution_zhs.txt"; do
    "$Z" --no-punct-width --no-spaces --no-nfc --no-radicals --no-ascii-width --no-controls \
      --no-ruby --no-entities --no-json-escapes --no-crlf "$f" > "$WORK/out"
    expect_same_file "clean $(basename "$f")" "$WORK/out" "$f"
    "$Z" --check "$f"
    expect_eq "check $(basename "$f")" "$?" "0"
  done
else
  echo "note: ../shared/corpora absent; clean-corpus checks skipped"
fi

# --- Mojibake is repaired, explained and counted; output is idempotent. ---
# GBK read as cp1252, UTF-8 read as cp1252, UTF-8 read as GBK (its last
# byte lost), then many-layer garbage.
python3 - "$WORK/moji.txt" <<'PY'
import sys
def cp(b):  # windows-1252 as browsers read it: undefined bytes as C1 controls.
    return ''.join(bytes([x]).decode('cp1252', errors='ignore') or chr(x) for x in b)
lines = [cp('产品齐全，价格优惠。'.encode('gbk')), cp('中文编码问题'.encode('utf-8')),
         '发生了一件事情。'.encode('utf-8').decode('gbk', errors='replace'),
         '闂傚倸鍊搁崐鎼佸磹閹间礁纾归柟闂寸绾惧綊']
open(sys.argv[1], 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
PY
"$Z" --explain "$WORK/ex.jsonl" --stats --stats-file "$WORK/stats.json" "$WORK/moji.txt" > "$WORK/out"
expect_eq "mojibake" "$(head -3 "$WORK/out")" $'产品齐全，价格优惠。\n中文编码问题\n发生了一件事情�'
expect_match "explain" "$(cat "$WORK/ex.jsonl")" '"rule":"mojibake:gbk-as-cp1252"'
expect_match "stats" "$(cat "$WORK/stats.json")" '"garbage:kept":1'
"$Z" "$WORK/out" > "$WORK/again"
expect_same_file "idempotent" "$WORK/again" "$WORK/out"
expect_eq "garbage mark" "$("$Z" --garbage mark "$WORK/moji.txt" | tail -1)" "〓"
expect_eq "garbage drop" "$("$Z" --garbage drop "$WORK/moji.txt" | wc -l)" "3"
expect_eq "no-mojibake" "$("$Z" --no-mojibake "$WORK/moji.txt" | head -1)" '²úÆ·ÆëÈ«£¬¼Û¸ñÓÅ»Ý¡£'

# --- What could not be decided is one warning line on stderr. ---
# Garbage kept: a note, not a change (--check passes), and a warning.
"$Z" "$WORK/moji.txt" > /dev/null 2> "$WORK/err"
expect_eq "garbage warning lines" "$(wc -l < "$WORK/err")" "1"
expect_match "garbage warning" "$(cat "$WORK/err")" \
  'moji.txt: byte 122 \(line 4\): warning: repair: 1 run\(s\) of unrecoverable mojibake kept'
expect_match "warning in stats" "$(cat "$WORK/stats.json")" '"warning":1'
tail -1 "$WORK/moji.txt" > "$WORK/garbage.txt"
"$Z" --check "$WORK/garbage.txt" > /dev/null 2>&1
expect_eq "garbage kept is not a change" "$?" "0"
"$Z" -q "$WORK/moji.txt" > /dev/null 2> "$WORK/err"
expect_eq "-q silences warnings" "$(cat "$WORK/err")" ""
"$Z" --garbage mark "$WORK/moji.txt" > /dev/null 2> "$WORK/err"
expect_eq "no warning when marked" "$(cat "$WORK/err")" ""
# Bytes that no encoding reads as text: undecided, said once.
python3 -c 'import random,sys; r=random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4000)))' > "$WORK/random.dat"
"$Z" "$WORK/random.dat" > /dev/null 2> "$WORK/err"
expect_match "undecided warning" "$(cat "$WORK/err")" \
  '^zh-repair: .*random.dat: byte 0 \(line 1\): warning: repair: encoding undecided: no encoding fits well'
expect_match "undecided --detect" "$("$Z" --detect "$WORK/random.dat")" $'\t0\.[0-4][0-9]*$'
# Clean text in any encoding: no warning.
"$Z" "$S0" "$WORK/s0.gb18030" "$WORK/s0.utf16le" > /dev/null 2> "$WORK/err"
expect_eq "no warning on text" "$(cat "$WORK/err")" ""

# --- Chunk size does not change the output. ---
for f in "$WORK/s0.gb18030" "$WORK/s0.utf16le" "$WORK/moji.txt"; do
  "$Z" "$f" > "$WORK/whole"
  for n in 16 17 64 4096; do
    "$Z" --chunk-size "$n" "$f" > "$WORK/out" 2>/dev/null
    expect_same_file "chunk $n $(basename "$f")" "$WORK/out" "$WORK/whole"
  done
done

# --- -j threads share one text document's line repairs: same output,
# --explain, --stats (but seconds) and warnings as one thread. ---
for i in $(seq 40); do
  cat "$WORK/moji.txt" "$S0"
  printf '前文闂傚倸鍊搁崐鎼佸磹閹间礁纾归柟闂寸绾惧綊鏌熼梻瀵割槮缁炬儳后文\n'
done > "$WORK/big.txt"
for j in 1 2 3; do
  "$Z" -j "$j" --explain "$WORK/ex$j" --stats-file "$WORK/st$j" "$WORK/big.txt" > "$WORK/out$j" 2> "$WORK/err$j"
  sed -i 's/"seconds":[0-9.]*,//' "$WORK/st$j"
done
for j in 2 3; do
  for f in out ex st err; do expect_same_file "-j $j $f" "$WORK/$f$j" "$WORK/${f}1"; done
done
expect_match "-j warnings" "$(head -1 "$WORK/err1")" 'warning: repair: 1 run\(s\) of unrecoverable mojibake kept'
# Each warning's line is the line of its byte, also in the first 64 kB,
# which the repair stage holds for detection until the next piece.
expect_eq "warning lines" "$(python3 - "$WORK/big.txt" "$WORK/err1" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
found = re.findall(r'byte (\d+) \(line (\d+)\)', open(sys.argv[2]).read())
bad = [(b, l) for b, l in found if data[:int(b)].count(b'\n') + 1 != int(l)]
print(len(found) > 5, bad)
PY
)" "True []"

# --- Bad input: no crash, valid UTF-8 out. ---
python3 -c 'import random,sys; r=random.Random(5); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(300000)))' > "$WORK/binary"
printf 'abc\0def\0\xe4\xb8\xad\xe6' > "$WORK/nul"
for f in binary nul; do
  "$Z" "$WORK/$f" > "$WORK/out"
  expect_eq "bad input $f exit" "$?" "0"
  iconv -f UTF-8 -t UTF-8 "$WORK/out" > /dev/null 2>&1
  expect_eq "bad input $f valid" "$?" "0"
done

# --- Usage errors exit 2. ---
"$Z" --from latin9 "$S0" > /dev/null 2> "$WORK/err"
expect_eq "bad --from" "$?" "2"
expect_match "bad --from message" "$(cat "$WORK/err")" "unknown encoding 'latin9'"
"$Z" --garbage delete "$S0" > /dev/null 2>&1
expect_eq "bad --garbage" "$?" "2"
"$Z" "$WORK/missing" > /dev/null 2>&1
expect_eq "missing file" "$?" "1"
finish
