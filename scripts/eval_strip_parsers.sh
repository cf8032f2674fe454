#!/usr/bin/env bash
# gumbo vs libxml2 on the CWCED pages: speed of parse + text walk, and how
# much of the gold article text each parser's visible text recovers (the
# score of scripts/eval_strip.py; recall is what matters here: text a
# parser loses can never be extracted). Exit 77 without ../shared.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-$SRC/../shared/corpora/boilerplate/cwced}
[ -d "$DATA" ] || { echo "eval_strip_parsers: $DATA absent; skipped"; exit 77; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
g++ -O2 -std=c++17 "$SRC/bench/strip_parsers.cc" -o "$WORK/strip_parsers" \
  $(pkg-config --cflags --libs gumbo libxml-2.0)
mkdir -p "$WORK/pages" "$WORK/out/gumbo" "$WORK/out/libxml2"
# Decode every page to UTF-8 with its manifest charset (iconv).
tail -n +2 "$DATA/manifest.tsv" | while IFS=$'\t' read -r id charset _; do
  charset=${charset%\?}; [ "$charset" = utf-8-sig ] && charset=UTF-8
  iconv -c -f "$charset" -t UTF-8 "$DATA/html/$id.html" > "$WORK/pages/$id.html" || true
done
"$WORK/strip_parsers" "$WORK/out" "$WORK"/pages/*.html
for p in gumbo libxml2; do
  printf '%s visible text: ' "$p"
  python3 "$SRC/scripts/eval_strip.py" --mode outputs --outputs "$WORK/out/$p" --data "$DATA"
done
