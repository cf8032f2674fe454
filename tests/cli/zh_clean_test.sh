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
expect_match "bad convert config" "$(cat "$WORK/err")" "^zh-clean: convert step: unknown config 'nosuch'; available: .*s2t"
# A step's errors name zh-clean and the step, and point at zh-clean's --help.
"$C" --repair.from latin9 "$WORK/in.txt" 2> "$WORK/err"; expect_eq "bad repair.from rc" "$?" 2
expect_match "bad repair.from message" "$(head -1 "$WORK/err")" "^zh-clean: repair step: unknown encoding 'latin9' "
expect_eq "bad repair.from hint" "$(sed -n 2p "$WORK/err")" "Try 'zh-clean --help' for more information."
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
# --rejects: bad records go to a JSONL file with their reason, losslessly;
# documents in = documents out + rejects, with -j 1 and -j 2 alike.
python3 - "$WORK/mixed.jsonl" "$SRC"/samples/*/input.txt <<'PY'
import json, sys
out, paths = sys.argv[1], sys.argv[2:]
docs = [json.dumps({"url": p, "text": open(p, encoding="utf-8").read()}, ensure_ascii=False).encode()
        for p in paths]
bad = [b"not json", b'{"text":"bad \xc3\x28 byte"}', b'{"id":3}', b'{"text":"' + b"x" * 70000 + b'"}']
with open(out, "wb") as f:
    for i in range(4):
        for d in docs:
            f.write(d + b"\n")
        f.write(bad[i] + b"\n")
PY
for j in 1 2; do
  "$C" --steps convert:s2t --format jsonl -j $j --max-record 65536 --rejects "$WORK/rej$j.jsonl" \
    --stats-file "$WORK/rs$j.json" "$WORK/mixed.jsonl" > "$WORK/out$j.jsonl" 2> "$WORK/err$j"
  expect_eq "rejects -j $j rc" "$?" 0
  expect_eq "documents in = out + rejects (-j $j)" \
    "$(wc -l < "$WORK/mixed.jsonl")" "$(( $(wc -l < "$WORK/out$j.jsonl") + $(wc -l < "$WORK/rej$j.jsonl") ))"
  expect_match "stats count rejects (-j $j)" "$(cat "$WORK/rs$j.json")" '"documents":24,.*"rejected":4,'
done
expect_eq "rejects file lines" "$(wc -l < "$WORK/rej1.jsonl")" 4
expect_same_file "rejects -j 1 = -j 2" "$WORK/rej1.jsonl" "$WORK/rej2.jsonl"
expect_same_file "output -j 1 = -j 2" "$WORK/out1.jsonl" "$WORK/out2.jsonl"
expect_eq "rejected records restored byte for byte" "$(python3 - "$WORK/rej1.jsonl" "$WORK/mixed.jsonl" <<'PY'
import base64, json, sys
lines = open(sys.argv[2], "rb").read().split(b"\n")
ok = []
for r in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    raw = base64.b64decode(r["record_base64"]) if "record_base64" in r else r["record"].encode()
    whole = lines[r["line"] - 1]
    ok.append(raw == (whole[:65536] if r.get("truncated") else whole) and r["reason"] != "")
print(all(ok), [r for r in ok])
PY
)" "True [True, True, True, True]"
expect_match "reject reasons" "$(sed 's/x\{100,\}//' "$WORK/rej1.jsonl" | tr '\n' ' ')" \
  '"line":6,"offset":[0-9]+,"reason":"not valid JSON.*not valid UTF-8.*"reason":"no field ..text...*longer than 65536 bytes.*"truncated":true'
# A text document with invalid UTF-8 is rejected whole: no output, exit 0.
printf 'ok\n\xff\xfe bad\n' > "$WORK/bad.txt"
"$C" --steps convert:s2t --rejects "$WORK/rejt.jsonl" "$WORK/bad.txt" > "$WORK/outt" 2> /dev/null
expect_eq "text reject rc" "$?" 0
expect_eq "text reject output" "$(wc -c < "$WORK/outt")" 0
expect_match "text reject record" "$(cat "$WORK/rejt.jsonl")" '"document":0,"line":1,"offset":0,.*"record_base64":"b2sK//4gYmFkCg=="'
# Without --rejects the same input is an error, as before.
"$C" --steps convert:s2t "$WORK/bad.txt" > /dev/null 2>&1; expect_eq "no rejects rc" "$?" 1
# .gz and .zst in and out: the same as the uncompressed run, with -j 1 and 2.
grep -av '^not json\|^{"id":3}\|xxxxxxxxxx' "$WORK/mixed.jsonl" | LC_ALL=C grep -av 'bad ' > "$WORK/good.jsonl"
"$C" --steps convert:s2t --format jsonl "$WORK/good.jsonl" > "$WORK/good.out"
gzip -c "$WORK/good.jsonl" > "$WORK/good.jsonl.gz"
zstd -q -c "$WORK/good.jsonl" > "$WORK/good.jsonl.zst"
for j in 1 2; do
  for z in gz zst; do
    "$C" --steps convert:s2t --format jsonl -j $j "$WORK/good.jsonl.$z" > "$WORK/z.out"
    expect_same_file ".$z input -j $j" "$WORK/z.out" "$WORK/good.out"
    "$C" --steps convert:s2t --format jsonl -j $j "$WORK/good.jsonl" -o "$WORK/o.jsonl.$z"
    if [ $z = gz ]; then gzip -dc "$WORK/o.jsonl.gz" > "$WORK/z.out"; else zstd -q -dc "$WORK/o.jsonl.zst" > "$WORK/z.out"; fi
    expect_same_file ".$z output -j $j" "$WORK/z.out" "$WORK/good.out"
  done
done
mkdir -p "$WORK/zin"; cp "$WORK/good.jsonl.gz" "$WORK/good.jsonl.zst" "$WORK/zin/"
"$C" --steps convert:s2t --format jsonl -r "$WORK/zin" -o "$WORK/zout/"
gzip -dc "$WORK/zout/good.jsonl.gz" > "$WORK/z.out"
expect_same_file "mirrored .gz stays .gz" "$WORK/z.out" "$WORK/good.out"
zstd -q -dc "$WORK/zout/good.jsonl.zst" > "$WORK/z.out"
expect_same_file "mirrored .zst stays .zst" "$WORK/z.out" "$WORK/good.out"
# Truncated or corrupt: one line naming the file, exit 1, no output file.
head -c 3000 "$WORK/good.jsonl.gz" > "$WORK/cut.jsonl.gz"
"$C" --steps convert:s2t --format jsonl "$WORK/cut.jsonl.gz" > /dev/null 2> "$WORK/err"
expect_eq "truncated .gz rc" "$?" 1
expect_eq "truncated .gz message" "$(cat "$WORK/err")" "zh-clean: $WORK/cut.jsonl.gz: truncated gzip data"
"$C" --steps convert:s2t --format jsonl -j 2 "$WORK/cut.jsonl.gz" -o "$WORK/cut.out" 2> /dev/null
expect_eq "truncated .gz -o rc" "$?" 1
expect_eq "truncated .gz: no output" "$(ls "$WORK" | grep -c 'cut.out')" 0
printf 'not zstd' > "$WORK/bad.jsonl.zst"
"$C" --steps convert:s2t --format jsonl -r "$WORK/bad.jsonl.zst" -o "$WORK/zout2/" 2> "$WORK/err"
expect_eq "corrupt .zst rc" "$?" 1
expect_match "corrupt .zst message" "$(cat "$WORK/err")" "^zh-clean: $WORK/bad.jsonl.zst: corrupt zstd data: "
expect_eq "corrupt .zst: one line" "$(wc -l < "$WORK/err")" 1
expect_eq "corrupt .zst: no output" "$(ls "$WORK/zout2" 2>/dev/null | wc -l)" 0
finish
