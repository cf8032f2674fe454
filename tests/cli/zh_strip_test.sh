#!/usr/bin/env bash
# End-to-end tests of zh-strip: bad input, rules errors, templates (learn,
# --templates, -r --batch-templates, --site-field), HTML input, --explain,
# --meta (keep, drop, extract), rejected documents.
source "$(dirname "$0")/lib.sh"
Z="$TOOLS/zh-strip"
S="$SRC/samples"

# Empty input and a file of only chrome: empty output, exit 0.
: > "$WORK/empty.txt"
out=$("$Z" "$WORK/empty.txt"); rc=$?
expect_eq "empty rc" "$rc" 0
expect_eq "empty out" "$out" ""
printf '分享\n\n阅读全文\n微信扫一扫在手机阅读、分享本文\n相关内容\n    热门推荐\n联系客服\n' > "$WORK/chrome.txt"
"$Z" "$WORK/chrome.txt" > "$WORK/chrome.out"; rc=$?
expect_eq "only chrome rc" "$rc" 0
expect_eq "only chrome size" "$(wc -c < "$WORK/chrome.out")" 0

# A 64 MiB line with no newline passes through untouched (split by the driver
# into 1 MiB pieces; the stage never holds it whole).
python3 -c "import sys; sys.stdout.write('分享\n' + '长' * (22 << 20) + '\n联系客服\n')" > "$WORK/long.txt"
/usr/bin/time -f "%M" -o "$WORK/long.rss" "$Z" -q "$WORK/long.txt" > "$WORK/long.out"; rc=$?
expect_eq "long line rc" "$rc" 0
expect_eq "long line kept" "$(wc -c < "$WORK/long.out")" $(( (22 << 20) * 3 + 1 ))
rss=$(cat "$WORK/long.rss")
if [ "$rss" -lt 65536 ]; then pass; else fail "long line: peak RSS ${rss} KiB (want < 64 MiB)"; fi

# Malformed HTML: no crash, text kept.
printf '<html><body><div><p>未闭合的段落，这是正文，有标点也有汉字。<div><b>错乱</i></table>' > "$WORK/bad.html"
out=$("$Z" --format html "$WORK/bad.html"); rc=$?
expect_eq "bad html rc" "$rc" 0
expect_match "bad html text" "$out" "未闭合的段落"
out=$("$Z" --html < "$WORK/bad.html"); rc=$?
expect_eq "html flag on stdin rc" "$rc" 0

# Rule errors: exit 2 with file:line:col.
mkdir -p "$WORK/rules/chrome"
printf '#! zhclean-rules v1 kind=chrome\nliteral\t分享\tmiddle\t4\tline\nregex\t(x\tany\t4\tline\n' \
  > "$WORK/rules/chrome/bad.tsv"
err=$("$Z" --rules-dir "$WORK/rules" "$WORK/empty.txt" 2>&1 >/dev/null); rc=$?
expect_eq "bad rules rc" "$rc" 2
expect_match "bad rules zone" "$err" "bad.tsv:2:12: error: expected zone head, tail or any"
expect_match "bad rules regex" "$err" "bad.tsv:3:.*invalid regular expression"
err=$("$Z" --rules-dir "$WORK/none" "$WORK/empty.txt" 2>&1 >/dev/null); rc=$?
expect_eq "missing rules rc" "$rc" 2
err=$("$Z" --meta sideways "$WORK/empty.txt" 2>&1 >/dev/null); rc=$?
expect_eq "bad meta rc" "$rc" 2

# --explain names the rule and score of every removed line.
"$Z" --explain "$WORK/ex.jsonl" "$S"/003_*/input.txt > /dev/null
expect_eq "explain lines" "$(wc -l < "$WORK/ex.jsonl")" 5
expect_match "explain rule" "$(head -1 "$WORK/ex.jsonl")" '"rule":"chrome/share.tsv:[0-9]+","reason":"site chrome, score 1.00"'

# --meta keep keeps 002's date line; drop (default) removes it.
expect_eq "meta keep" "$("$Z" --meta keep "$S"/002_*/input.txt | sed -n 3p)" "2022-09-16"

# Templates: an invented frame around different articles.
mkdir -p "$WORK/site"
i=0
for f in "$S"/*/strip/expected.txt; do
  i=$((i + 1))
  { printf '晨星资讯网 · 让阅读更简单\n本站导航 要闻 财经 科技 文化 体育 专题\n\n'
    cat "$f"; [ -n "$(tail -c1 "$f")" ] && echo
    printf '\n晨星资讯网主办 晨星文化传媒有限公司承办\n客服热线 400-800-1234 邮箱 service@chenxing.example\n'
  } > "$WORK/site/page$i.txt"
  cp "$f" "$WORK/site.want$i"
  [ -n "$(tail -c1 "$f")" ] && echo >> "$WORK/site.want$i"
done
"$Z" learn -q -r "$WORK/site" -o "$WORK/site.tmpl"; rc=$?
expect_eq "learn rc" "$rc" 0
expect_match "learn header" "$(head -1 "$WORK/site.tmpl")" "^#! zhclean-templates v1 documents=5$"
for j in $(seq 1 $i); do
  "$Z" --templates "$WORK/site.tmpl" "$WORK/site/page$j.txt" > "$WORK/page$j.out"
  expect_same_file "templates page$j" "$WORK/page$j.out" "$WORK/site.want$j"
  "$Z" "$WORK/site/page$j.txt" | grep -q 晨星文化传媒 && pass || fail "frame should survive without templates"
done
"$Z" -r --batch-templates "$WORK/site" > "$WORK/batch.out"; rc=$?
expect_eq "batch rc" "$rc" 0
expect_eq "batch frame gone" "$(grep -c '晨星' "$WORK/batch.out")" 0
cat $(for j in $(seq 1 $i); do echo "$WORK/site.want$j"; done) > "$WORK/batch.want"
expect_same_file "batch articles intact" "$WORK/batch.out" "$WORK/batch.want"
err=$("$Z" --templates "$WORK/missing.tmpl" "$WORK/empty.txt" 2>&1); rc=$?
expect_eq "missing table rc" "$rc" 2
err=$("$Z" learn "$WORK/empty.txt" 2>&1); rc=$?
expect_eq "learn without -o" "$rc" 2
err=$(echo x | "$Z" --batch-templates 2>&1); rc=$?
expect_eq "batch on stdin" "$rc" 2

# Clean corpora come out unchanged.
if [ -d "${SHARED:-}/corpora" ]; then
  for c in zuozhuan.txt us_constitution_zhs.txt; do
    "$Z" "$SHARED/corpora/$c" > "$WORK/c.out"
    expect_same_file "unchanged $c" "$WORK/c.out" "$SHARED/corpora/$c"
  done
else
  echo "note: ../shared/corpora absent; clean-corpus check skipped"
fi

# JSONL made from the seeds (two invented sites alternate by record).
python3 - "$S" > "$WORK/seeds.jsonl" <<'PY'
import glob, json, sys
for i, f in enumerate(sorted(glob.glob(sys.argv[1] + "/*/input.txt"))):
    print(json.dumps({"id": i, "url": "https://site%d.example.cn/a/%d.html" % (i % 2, i),
                      "text": open(f, encoding="utf-8").read()}, ensure_ascii=False))
PY
field() {  # field RECORD_INDEX NAME < jsonl
  python3 -c "import json,sys; r=[json.loads(l) for l in sys.stdin][$1]; print(r.get('$2', '<absent>'))"
}

# --meta extract moves the title and the metadata lines into fields.
"$Z" --format jsonl --meta extract "$WORK/seeds.jsonl" > "$WORK/meta.jsonl"; rc=$?
expect_eq "extract rc" "$rc" 0
expect_eq "extract title 000" "$(field 0 title < "$WORK/meta.jsonl")" "在全市妇联系统2020年务虚会上的讲话"
expect_eq "extract date 002" "$(field 2 date < "$WORK/meta.jsonl")" "2022-09-16"
expect_eq "extract no title 001" "$(field 1 title < "$WORK/meta.jsonl")" "<absent>"
expect_eq "extract no date-like title 003" "$(field 3 title < "$WORK/meta.jsonl")" "<absent>"
expect_eq "extract title out of text" "$(field 0 text < "$WORK/meta.jsonl" | grep -c 务虚会上的讲话)" 1
expect_eq "extract keeps other fields" "$(field 4 url < "$WORK/meta.jsonl")" "https://site0.example.cn/a/4.html"
# The text is the --meta drop text less the title line.
"$Z" --format jsonl "$WORK/seeds.jsonl" | field 2 text > "$WORK/drop2.txt"
field 2 text < "$WORK/meta.jsonl" > "$WORK/extract2.txt"
expect_eq "extract text = drop text - title" \
  "$(diff "$WORK/drop2.txt" "$WORK/extract2.txt" | grep -c '^< .')" 1
err=$("$Z" --meta extract "$S"/002_*/input.txt 2>&1 >/dev/null); rc=$?
expect_eq "extract on text rc" "$rc" 2
expect_match "extract on text message" "$err" "--meta extract needs --format jsonl"

# A document that is all chrome is rejected ("empty after stripping").
# (--rejects is the driver's; skipped with a note when this build lacks it.)
if "$Z" --help | grep -q -- '--rejects'; then
  printf '{"text":"分享\\n阅读全文\\n"}\n{"text":"保留的正文，这是一个完整的句子。\\n"}\n{"text":""}\n' \
    > "$WORK/rej.jsonl"
  "$Z" --format jsonl --rejects "$WORK/rej.out" "$WORK/rej.jsonl" > "$WORK/rej.clean"; rc=$?
  expect_eq "reject rc" "$rc" 0
  expect_eq "reject clean records" "$(wc -l < "$WORK/rej.clean")" 2
  expect_match "reject reason" "$(cat "$WORK/rej.out")" "strip: empty after stripping"
  expect_match "reject input kept" "$(cat "$WORK/rej.out")" "阅读全文"
  "$Z" --rejects "$WORK/rej2.out" "$WORK/chrome.txt" > "$WORK/rej2.clean"; rc=$?
  expect_eq "reject text rc" "$rc" 0
  expect_match "reject text file" "$(cat "$WORK/rej2.out")" "empty after stripping"
else
  echo "note: --rejects not in this build; rejection checked by StripStageTest only"
fi

# --site-field: the frame of each site is learned from that site's records.
python3 - "$WORK" > "$WORK/sites.jsonl" <<'PY'
import glob, json, sys
w = sys.argv[1]
frames = [("晨星资讯网 · 让阅读更简单\n本站导航 要闻 财经 科技 文化 体育 专题\n\n",
           "\n晨星资讯网主办 晨星文化传媒有限公司承办\n"),
          ("北辰在线 首页 | 国内 | 国际 | 评论\n\n", "\n北辰在线主办 北辰网络科技有限公司运营\n")]
for i in range(1, 6):
    article = open("%s/site.want%d" % (w, i), encoding="utf-8").read()
    for s, (head, tail) in enumerate(frames):
        print(json.dumps({"site": "https://site%d.example.cn/p/%d" % (s, i),
                          "text": head + article + tail}, ensure_ascii=False))
PY
"$Z" --format jsonl --site-field site "$WORK/sites.jsonl" > "$WORK/sites.out"; rc=$?
expect_eq "site-field rc" "$rc" 0
expect_eq "site-field frames gone" "$(grep -c '晨星\|北辰' "$WORK/sites.out")" 0
# Every record's text equals its article (site.want<j>).
same=$(python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
rs = [json.loads(l) for l in open(w + "/sites.out", encoding="utf-8")]
print(sum(r["text"] == open("%s/site.want%d" % (w, k // 2 + 1), encoding="utf-8").read()
          for k, r in enumerate(rs)))
PY
)
expect_eq "site-field articles intact" "$same" 10
# Two workers share one first pass and give the same output as one.
for j in 1 2; do
  "$Z" -j $j --format jsonl --site-field site "$WORK/sites.jsonl" > "$WORK/sites.j$j"
done
expect_same_file "site-field -j 2 = -j 1" "$WORK/sites.j2" "$WORK/sites.j1"
# Without it the frames stay (no rule knows them).
expect_eq "frames without site-field" "$("$Z" --format jsonl "$WORK/sites.jsonl" | grep -c '北辰网络科技')" 5
err=$("$Z" --format jsonl --site-field site < "$WORK/sites.jsonl" 2>&1 >/dev/null); rc=$?
expect_eq "site-field on stdin rc" "$rc" 2
expect_match "site-field on stdin message" "$err" "needs file inputs"
err=$("$Z" --site-field site "$WORK/empty.txt" 2>&1 >/dev/null); rc=$?
expect_eq "site-field on text rc" "$rc" 2

# --help lists the finished features.
help=$("$Z" --help)
expect_match "help meta" "$help" "--meta"
expect_match "help extract" "$help" "extract"
expect_match "help site-field" "$help" "--site-field"
finish
