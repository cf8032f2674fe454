#!/usr/bin/env bash
# zh-convert end to end: byte-identity with the opencc CLI, the shared CLI
# conventions (JSONL, in-place safety, exit codes, pipes).
source "$(dirname "$0")/lib.sh"
Z="$TOOLS/zh-convert"

# --- Byte-identical to opencc for every config on samples and corpora. ---
# opencc exits 0 even on a missing file or config, so each reference run is
# checked for an empty stderr and non-empty output before it is trusted.
inputs=("$SRC"/samples/*/input.txt)
if [ -d "${SHARED:-}/corpora" ]; then
  inputs+=("$SHARED"/corpora/*.txt)
else
  echo "note: ../shared/corpora absent; comparing on samples only"
fi
for config in s2t t2s s2tw s2twp tw2s s2hk t2jp; do
  for f in "${inputs[@]}"; do
    opencc -c "$config" -i "$f" -o "$WORK/ref" 2> "$WORK/ref.err"
    if [ -s "$WORK/ref.err" ] || [ ! -s "$WORK/ref" ]; then
      fail "opencc -c $config on $f did not run cleanly: $(head -c 200 "$WORK/ref.err")"
      continue
    fi
    # The default (auto) picks OpenCC's engine for a small file, so both
    # engines are run by name as well.
    for engine in auto fast opencc; do
      "$Z" -c "$config" --engine "$engine" "$f" > "$WORK/out"
      expect_same_file "$config $engine $(basename "$f")" "$WORK/out" "$WORK/ref"
    done
  done
done
# Same through stdin, and the opencc stdin mode agrees too.
"$Z" -c s2t < "$SRC/samples/000_e8d26845c6ac1826/input.txt" > "$WORK/a"
opencc -c s2t < "$SRC/samples/000_e8d26845c6ac1826/input.txt" > "$WORK/b"
expect_same_file "stdin" "$WORK/a" "$WORK/b"

# --- Usage errors: exit 2, one line plus a hint; unknown config lists configs. ---
out=$("$Z" -c s2t --engine turbo "$WORK/a" 2>&1); rc=$?
expect_eq "unknown engine rc" "$rc" 2
expect_match "unknown engine message" "$out" "--engine must be auto, fast or opencc, not 'turbo'"
out=$("$Z" -c nosuch 2>&1 < /dev/null); rc=$?
expect_eq "unknown config rc" "$rc" 2
expect_match "unknown config lists" "$out" "unknown config 'nosuch'; available: .*s2t.*t2s"
out=$("$Z" --frobnicate 2>&1); rc=$?
expect_eq "unknown flag rc" "$rc" 2
expect_match "unknown flag hint" "$out" "Try 'zh-convert --help'"
out=$("$Z" -c s2t -i 2>&1 < /dev/null); rc=$?
expect_eq "in-place on stdin rc" "$rc" 2
"$Z" --help > "$WORK/help"; rc=$?
expect_eq "help rc" "$rc" 0
expect_match "help lists exit codes" "$(cat "$WORK/help")" "Exit status:.*3  with --check"
expect_match "version" "$("$Z" --version)" "^zh-convert \(zhclean\) [0-9]+\.[0-9]+\.[0-9]+$"
expect_match "list" "$("$Z" --list | tr '\n' ' ')" "s2t s2tw s2twp"

# --- A missing input is reported, the others are still converted, exit 1. ---
printf '汉字\n' > "$WORK/ok.txt"
out=$("$Z" -c s2t "$WORK/missing.txt" "$WORK/ok.txt" 2> "$WORK/err"); rc=$?
expect_eq "missing input rc" "$rc" 1
expect_eq "other input converted" "$out" "漢字"
expect_match "missing input message" "$(cat "$WORK/err")" "zh-convert: .*missing.txt: No such file or directory"

# --- Invalid UTF-8 names file, byte and line, points to zh-repair; keep passes it. ---
printf 'ab\n汉\xff字\n' > "$WORK/bad.txt"
"$Z" -c s2t "$WORK/bad.txt" > /dev/null 2> "$WORK/err"; rc=$?
expect_eq "invalid utf-8 rc" "$rc" 1
expect_match "invalid utf-8 message" "$(cat "$WORK/err")" "bad.txt: byte 6 \(line 2\): error: invalid UTF-8 sequence 0xFF; repair it with zh-repair"
"$Z" -c s2t --invalid keep "$WORK/bad.txt" > "$WORK/out"; rc=$?
expect_eq "invalid keep rc" "$rc" 0
printf 'ab\n漢\xff字\n' > "$WORK/want"
expect_same_file "invalid keep bytes" "$WORK/out" "$WORK/want"

# --- JSONL: only the chosen field changes; bad lines name file:line. ---
printf '{"id":"汉","body":"软件","n":1.0}\n{"body":"头发","x":[1,2]}\n' > "$WORK/in.jsonl"
"$Z" -c s2t --format jsonl --field body "$WORK/in.jsonl" > "$WORK/out"
printf '{"id":"汉","body":"軟件","n":1.0}\n{"body":"頭髮","x":[1,2]}\n' > "$WORK/want"
expect_same_file "jsonl field" "$WORK/out" "$WORK/want"
printf '{"body":"软件"}\n{broken\n{"other":1}\n' > "$WORK/bad.jsonl"
"$Z" -c s2t --format jsonl --field body "$WORK/bad.jsonl" > "$WORK/out" 2> "$WORK/err"; rc=$?
expect_eq "bad jsonl rc" "$rc" 1
expect_match "bad jsonl line 2" "$(cat "$WORK/err")" "bad.jsonl:2: error: not valid JSON"
expect_match "bad jsonl line 3" "$(cat "$WORK/err")" "bad.jsonl:3: error: no field \"body\""
expect_eq "bad jsonl output" "$(cat "$WORK/out")" '{"body":"軟件"}'
"$Z" -c s2t --format jsonl --field body --on-error keep "$WORK/bad.jsonl" > "$WORK/out" 2>/dev/null; rc=$?
expect_eq "keep jsonl rc" "$rc" 0
expect_eq "keep jsonl lines" "$(wc -l < "$WORK/out")" 3

# --- -z: NUL-separated documents. ---
printf '软件\0头发' | "$Z" -c s2t -z --format lines > "$WORK/out"
printf '軟件\0頭髮' > "$WORK/want"
expect_same_file "nul separated" "$WORK/out" "$WORK/want"

# --- --check, --explain, --stats. ---
"$Z" -c s2t --check "$WORK/ok.txt"; expect_eq "check rc changes" "$?" 3
printf 'abc\n' > "$WORK/latin.txt"
"$Z" -c s2t --check "$WORK/latin.txt"; expect_eq "check rc clean" "$?" 0
"$Z" -c s2t --explain "$WORK/explain.jsonl" --stats-file "$WORK/stats.json" "$WORK/ok.txt" > /dev/null
expect_eq "explain" "$(cat "$WORK/explain.jsonl")" \
  "{\"input\":\"$WORK/ok.txt\",\"document\":0,\"step\":\"convert\",\"offset\":0,\"before\":\"汉\",\"after\":\"漢\",\"rule\":\"opencc:s2t\",\"reason\":\"script conversion\"}"
expect_match "stats" "$(cat "$WORK/stats.json")" '"documents":1,"changed_documents":1,.*"changes":\{"convert":\{"opencc:s2t":1\}\}'
err=$("$Z" -c s2t --stats "$WORK/ok.txt" 2>&1 >/dev/null)
expect_match "stats on stderr" "$err" '^\{"tool":"zh-convert"'
# A report file that is also an input (by another path) would overwrite it.
cp "$WORK/ok.txt" "$WORK/self.txt"
for flag in --explain --stats-file -o; do
  out=$(cd "$WORK" && "$Z" -c s2t $flag ./self.txt self.txt 2>&1); rc=$?
  expect_eq "$flag self rc" "$rc" 2
  expect_match "$flag self message" "$out" "is also an input"
  expect_same_file "$flag self kept" "$WORK/self.txt" "$WORK/ok.txt"
done

# --- -o and --in-place are atomic; failures leave the original. ---
cp "$WORK/ok.txt" "$WORK/edit.txt"; chmod 640 "$WORK/edit.txt"
"$Z" -c s2t -i --backup .orig "$WORK/edit.txt"; rc=$?
expect_eq "in-place rc" "$rc" 0
expect_eq "in-place result" "$(cat "$WORK/edit.txt")" "漢字"
expect_eq "in-place backup" "$(cat "$WORK/edit.txt.orig")" "汉字"
expect_eq "in-place keeps mode" "$(stat -c %a "$WORK/edit.txt")" 640
expect_eq "no temp files left" "$(ls -A "$WORK" | grep -c zhclean-)" 0
# Output to a full disk: error, exit 1.
"$Z" -c s2t "$WORK/ok.txt" -o /dev/full 2> "$WORK/err"; rc=$?
expect_eq "dev/full rc" "$rc" 1
expect_match "dev/full message" "$(cat "$WORK/err")" "/dev/full: write failed: No space left on device"
"$Z" -c s2t "$WORK/ok.txt" > /dev/full 2> "$WORK/err"; rc=$?
expect_eq "stdout dev/full rc" "$rc" 1
# In-place on a full disk (a file-size limit makes every write fail): original intact.
head -c 200000 "$SRC/samples/002_cadf0b8236b09334/input.txt" > "$WORK/big.txt"
cp "$WORK/big.txt" "$WORK/big.orig"
(ulimit -f 10; "$Z" -c s2t -i "$WORK/big.txt") 2> "$WORK/err"; rc=$?
expect_eq "full disk in-place rc" "$rc" 1
expect_match "full disk message" "$(cat "$WORK/err")" "big.txt: .*(File too large|No space).*left unchanged"
expect_same_file "full disk original intact" "$WORK/big.txt" "$WORK/big.orig"
expect_eq "full disk no temp" "$(ls -A "$WORK" | grep -c zhclean-)" 0
# A missing input never truncates -o.
printf 'keep me\n' > "$WORK/target.txt"
"$Z" -c s2t "$WORK/nope.txt" -o "$WORK/target.txt" 2>/dev/null; rc=$?
expect_eq "missing input -o rc" "$rc" 1
expect_eq "target intact" "$(cat "$WORK/target.txt")" "keep me"
# Read-only directory (as an unprivileged user when running as root).
mkdir "$WORK/ro"; cp "$WORK/ok.txt" "$WORK/ro/doc.txt"; cp "$WORK/ok.txt" "$WORK/ro.orig"
run_unprivileged=()
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$WORK"; chown -R 65534:65534 "$WORK/ro"
  run_unprivileged=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
chmod 555 "$WORK/ro"
"${run_unprivileged[@]}" "$Z" -c s2t -i "$WORK/ro/doc.txt" 2> "$WORK/err"; rc=$?
expect_eq "read-only dir rc" "$rc" 1
expect_match "read-only dir message" "$(cat "$WORK/err")" "cannot create a temporary file in .*ro: Permission denied"
expect_same_file "read-only dir original intact" "$WORK/ro/doc.txt" "$WORK/ro.orig"
chmod 755 "$WORK/ro"

# --- A closed pipe ends the tool quietly (default SIGPIPE, no message). ---
for i in $(seq 1 3000); do cat "$SRC/samples/001_685f646d0e7a449a/input.txt"; done > "$WORK/many.txt"
first=$( ("$Z" -c t2s "$WORK/many.txt" 2> "$WORK/err"; echo "rc=$?" > "$WORK/rc") | head -1)
expect_eq "head -1 line" "$first" "$(opencc -c t2s < "$SRC/samples/001_685f646d0e7a449a/input.txt" | head -1)"
expect_eq "pipe closed: no stderr" "$(cat "$WORK/err")" ""
expect_match "pipe closed: killed by SIGPIPE" "$(cat "$WORK/rc")" "rc=141"

finish
