#!/usr/bin/env bash
# zh-fix end to end: malformed rule files (every error, exit 2), --check,
# --explain verdicts, the suggest subcommand.
set -u
fix="$TOOLS/zh-fix"
[ -x "$fix" ] || { echo "zh-fix not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME EXPECTED_RC ACTUAL_RC
  if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, expected $2"; fail=1; fi
}
has() {  # has NAME FILE TEXT
  grep -qF -- "$3" "$2" || { echo "FAIL $1: '$3' not in output:"; cat "$2"; fail=1; }
}

# Malformed rules: every error listed with file:line:col, exit 2.
mkdir -p "$tmp/rules/typos" "$tmp/rules/spin"
printf '#! zhclean-rules v1 kind=typo\n巾帽巾帼\n\t巾帼\n巾帼\t巾帼\n' > "$tmp/rules/typos/bad.tsv"
printf '#! zhclean-rules v1 kind=spin\n甲乙\t丙丁\n丙丁\t甲乙\n平\xff近\t民\n' > "$tmp/rules/spin/bad.tsv"
echo 文字 | "$fix" --rules-dir "$tmp/rules" > "$tmp/out" 2> "$tmp/err"
check malformed 2 $?
has malformed "$tmp/err" "zh-fix: $tmp/rules/typos/bad.tsv:2:5: error: expected TAB after field 1"
has malformed "$tmp/err" "zh-fix: $tmp/rules/typos/bad.tsv:3:1: error: empty field 1"
has malformed "$tmp/err" "zh-fix: $tmp/rules/typos/bad.tsv:4:4: error: right side equals wrong side"
has malformed "$tmp/err" "zh-fix: $tmp/rules/spin/bad.tsv:2:1: error: rule cycle: 甲乙 → 丙丁 → 甲乙"
has malformed "$tmp/err" "zh-fix: $tmp/rules/spin/bad.tsv:3:1: error: rule cycle: 丙丁 → 甲乙 → 丙丁"
has malformed "$tmp/err" "zh-fix: $tmp/rules/spin/bad.tsv:4:2: error: invalid UTF-8 0xFF"
[ -s "$tmp/out" ] && { echo "FAIL malformed: wrote output"; fail=1; }
"$fix" --rules-dir "$tmp/none" < /dev/null 2> "$tmp/err"
check missing-rules 2 $?

# --check: 3 when a document would change, 0 on clean text.
"$fix" --check "$SRC/samples/003_a97e58f28c234661/input.txt"
check check-typos 3 $?
"$fix" --check "$SRC/samples/004_f735b9dd96c8fd75/input.txt"
check check-clean 0 $?

# --explain carries the rule id and the passage verdict.
"$fix" --explain "$tmp/edits.jsonl" --stats-file "$tmp/stats.json" \
  "$SRC/samples/002_cadf0b8236b09334/input.txt" > "$tmp/out"
check explain 0 $?
has explain "$tmp/edits.jsonl" '"rule":"spin/pingyijin.tsv:'
has explain "$tmp/edits.jsonl" 'spun passage (dialect pingyijin): '
has explain "$tmp/stats.json" 'spin/pingyijin.tsv:'

# suggest.
"$fix" suggest --help > "$tmp/out"
check suggest-help 0 $?
has suggest-help "$tmp/out" "Usage: zh-fix suggest"
"$fix" suggest 2> "$tmp/err"
check suggest-no-corpus 2 $?
"$fix" suggest --bogus x 2> "$tmp/err"
check suggest-bad-flag 2 $?
"$fix" suggest "$tmp/absent.txt" 2> "$tmp/err"
check suggest-missing 1 $?
"$fix" suggest --dict none --top 10 "$SRC/samples/003_a97e58f28c234661/input.txt" > "$tmp/out"
check suggest 0 $?
head -1 "$tmp/out" | grep -qx '#! zhclean-rules v1 kind=typo' || { echo "FAIL suggest header"; fail=1; }
for w in 巾相 巾烟 巾帽 巾幅 中帼; do has suggest "$tmp/out" "$w	巾帼	# wrong "; done
"$fix" suggest --alone x "$SRC/samples/003_a97e58f28c234661/input.txt" 2> "$tmp/err"
check suggest-alone-bad-value 2 $?
# No candidate reaches confidence 100: --alone 100 drops nothing.
"$fix" suggest --dict none --top 10 --alone 100 \
  "$SRC/samples/003_a97e58f28c234661/input.txt" > "$tmp/out2"
check suggest-alone 0 $?
cmp -s "$tmp/out" "$tmp/out2" || { echo "FAIL suggest-alone: output differs"; fail=1; }
"$fix" --help > "$tmp/out"
check help 0 $?
has help "$tmp/out" "zh-fix suggest"
exit $fail
