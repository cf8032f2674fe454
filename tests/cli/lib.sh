# Helpers for tests/cli/*_test.sh. Each test sources this file, calls
# `check` / `expect_*`, and ends with `finish`, which prints
# "N passed, N failed" and exits non-zero on any failure.
set -u
PASSED=0
FAILED=0
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

# expect_eq NAME ACTUAL WANT
expect_eq() {
  if [ "$2" == "$3" ]; then pass; else fail "$1: got [$2], want [$3]"; fi
}

# expect_same_file NAME FILE1 FILE2
expect_same_file() {
  if cmp -s "$2" "$3"; then pass; else fail "$1: $2 and $3 differ"; diff <(head -c 2000 "$2") <(head -c 2000 "$3") | head -5; fi
}

# expect_match NAME TEXT REGEX
expect_match() {
  if [[ "$2" =~ $3 ]]; then pass; else fail "$1: [$2] does not match /$3/"; fi
}

need_shared() {
  if [ ! -d "${SHARED:-}/corpora" ]; then
    echo "skipped: ../shared/corpora is absent (the corpora live next to the checkout)"
    exit 77
  fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
