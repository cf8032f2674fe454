#!/usr/bin/env bash
# zh-clean: one process equals the tools piped with the same options, on
# every sample and format; --config files; step errors.
source "$(dirname "$0")/lib.sh"
C="$TOOLS/zh-clean"

# piped STEP... : runs the tools for these steps as a shell pipe on stdin.
piped() {
  local cmd=cat
  for step in "$@"; do
    case $step in
      repair) cmd="$cmd | $TOOLS/zh-repair" ;;
      strip) cmd="$cmd | $TOOLS/zh-strip" ;;
      fix) cmd="$cmd | $TOOLS/zh-fix" ;;
      convert:*) cmd="$cmd | $TOOLS/zh-convert -c ${step#convert:}" ;;
    esac
  done
  bash -c "$cmd"
}

step_lists=("convert:s2t" "convert:t2s")
[ -x "$TOOLS/zh-repair" ] && step_lists+=("repair")
[ -x "$TOOLS/zh-strip" ] && step_lists+=("strip")
[ -x "$TOOLS/zh-fix" ] && step_lists+=("fix")
if [ -x "$TOOLS/zh-repair" ] && [ -x "$TOOLS/zh-strip" ] && [ -x "$TOOLS/zh-fix" ]; then
  step_lists+=("repair,strip,fix" "repair,strip,fix,convert:s2twp")
fi
for steps in "${step_lists[@]}"; do
  IFS=, read -r -a list <<< "$steps"
  for f in "$SRC"/samples/*/input.txt; do
    piped "${list[@]}" < "$f" > "$WORK/piped"
    "$C" --steps "$steps" "$f" > "$WORK/one"
    expect_same_file "$steps on $(basename "$(dirname "$f")")" "$WORK/one" "$WORK/piped"
  done
done

# Steps run in the fixed order whatever the list says.
printf '汉字\n' > "$WORK/in.txt"
expect_eq "convert" "$("$C" --steps convert:s2t "$WORK/in.txt")" "漢字"

# A config file sets step options in sections; the command line wins.
printf 'steps = convert\n[convert]\nconfig = s2twp\n' > "$WORK/z.conf"
printf '软件\n' > "$WORK/sw.txt"
expect_eq "config file" "$("$C" --config "$WORK/z.conf" "$WORK/sw.txt")" "軟體"
expect_eq "command line wins" "$("$C" --config "$WORK/z.conf" --convert.config s2t "$WORK/sw.txt")" "軟件"

# JSONL through zh-clean: only the field changes.
printf '{"id":7,"text":"软件"}\n' > "$WORK/in.jsonl"
expect_eq "jsonl" "$("$C" --steps convert:s2t --format jsonl "$WORK/in.jsonl")" '{"id":7,"text":"軟件"}'

# Errors: unknown step, bad config file, unknown option in it: exit 2.
"$C" --steps frobnicate "$WORK/in.txt" 2> "$WORK/err"; expect_eq "unknown step rc" "$?" 2
expect_match "unknown step message" "$(cat "$WORK/err")" "unknown step 'frobnicate'"
"$C" --config "$WORK/missing.conf" "$WORK/in.txt" 2> "$WORK/err"; expect_eq "missing config rc" "$?" 2
printf '[convert]\nbogus = 1\n' > "$WORK/bad.conf"
"$C" --config "$WORK/bad.conf" "$WORK/in.txt" 2> "$WORK/err"; expect_eq "bad config rc" "$?" 2
expect_match "bad config message" "$(cat "$WORK/err")" "bad.conf: .*convert.bogus"
"$C" --steps convert:nosuch "$WORK/in.txt" 2> "$WORK/err"; expect_eq "bad convert config rc" "$?" 2
expect_match "bad convert config" "$(cat "$WORK/err")" "unknown config 'nosuch'; available: .*s2t"
# Statistics of shards add up to those of one run over all of them.
a="$SRC/samples/000_e8d26845c6ac1826/input.txt"
b="$SRC/samples/003_a97e58f28c234661/input.txt"
"$C" --stats-file "$WORK/s1.json" "$a" > /dev/null
"$C" --stats-file "$WORK/s2.json" "$b" > /dev/null
"$C" --stats-file "$WORK/s12.json" "$a" "$b" > /dev/null
"$C" stats-merge "$WORK/s1.json" "$WORK/s2.json" > "$WORK/merged.json"
expect_eq "stats-merge" "$(sed 's/"seconds":[0-9.]*//' "$WORK/merged.json")" "$(sed 's/"seconds":[0-9.]*//' "$WORK/s12.json")"
printf '{"tool":1' > "$WORK/broken.json"
"$C" stats-merge "$WORK/s1.json" "$WORK/broken.json" 2> "$WORK/err"; expect_eq "stats-merge bad rc" "$?" 1
expect_match "stats-merge bad message" "$(cat "$WORK/err")" "statistics 2: not a --stats JSON object"
finish
