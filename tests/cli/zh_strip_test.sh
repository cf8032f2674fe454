#!/usr/bin/env bash
# End-to-end tests of zh-strip: bad input, rules errors, templates (learn,
# --templates, -r --batch-templates), HTML input, --explain, --meta.
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

# --help lists only finished features.
help=$("$Z" --help)
expect_match "help meta" "$help" "--meta"
if [[ "$help" == *extract* ]]; then fail "help mentions extract (not implemented)"; else pass; fi
finish
