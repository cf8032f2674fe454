#!/usr/bin/env bash
# Runs one golden case: CASE/args names the tool and its flags (one line;
# words split on spaces); the input is CASE/input*.txt, or the parent
# directory's when the case has none. Compares stdout with CASE/expected.txt
# (and exit code with CASE/expected.rc, default 0). With
# ZHCLEAN_UPDATE_GOLDEN=1 the expected files are rewritten instead.
set -u
case_dir=$1
input=$(ls "$case_dir"/input*.txt 2>/dev/null | head -1)
[ -n "$input" ] || input=$(ls "$case_dir"/../input*.txt 2>/dev/null | head -1)
[ -n "$input" ] || { echo "golden: no input*.txt for $case_dir"; exit 1; }
read -r -a words < "$case_dir/args"
tool=${words[0]}
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
(cd "$SRC" && "$TOOLS/$tool" "${words[@]:1}" "$input") > "$actual"
rc=$?
want_rc=0
[ -f "$case_dir/expected.rc" ] && want_rc=$(cat "$case_dir/expected.rc")
if [ "${ZHCLEAN_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual" "$case_dir/expected.txt"
  [ "$rc" = 0 ] || echo "$rc" > "$case_dir/expected.rc"
  echo "updated $case_dir"
  exit 0
fi
status=0
if [ "$rc" != "$want_rc" ]; then
  echo "golden: $tool exited $rc, expected $want_rc"
  status=1
fi
if ! diff -u "$case_dir/expected.txt" "$actual"; then
  echo "golden: output differs from $case_dir/expected.txt"
  status=1
fi
exit $status
