#!/usr/bin/env python3
"""Boilerplate score of zh-strip on the CWCED pages (../shared/corpora/boilerplate).

Score (the corpus README's conventional one): NFKC + lowercase; each Han, kana or
hangul character is a token, any other run of word characters is a token,
punctuation is dropped; per document the multiset overlap of output and gold
tokens gives tp/fp/fn; precision (skipping empty outputs) and recall are
macro-averaged over documents; F1 is the harmonic mean of the two averages.

  scripts/eval_strip.py --tool build/tools/zh-strip --mode text
  scripts/eval_strip.py --tool build/tools/zh-strip --mode html
  scripts/eval_strip.py --tool build/tools/zh-strip --mode html --args "--meta keep"
  scripts/eval_strip.py --mode identity     # the whole-page baseline
  scripts/eval_strip.py --mode outputs --outputs DIR   # score DIR/<id>.txt
Exit 77 when the corpus is absent.
"""
import argparse, collections, os, re, shlex, subprocess, sys, tempfile, unicodedata

TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff]+")


def tokens(text):
    return collections.Counter(TOKEN.findall(unicodedata.normalize("NFKC", text).lower()))


def run(tool, args, data, env):
    r = subprocess.run([tool] + args, input=data, capture_output=True, env=env)
    if r.returncode != 0:
        sys.exit("eval_strip: %s failed (%d): %s" % (tool, r.returncode, r.stderr.decode()[:500]))
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default="build/tools/zh-strip")
    ap.add_argument("--mode", choices=["text", "html", "identity", "outputs"], default="text")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora/boilerplate/cwced"))
    ap.add_argument("--outputs", help="with --mode outputs: score DIR/<id>.txt files")
    ap.add_argument("--show", type=int, default=0, help="print the N worst documents")
    ap.add_argument("--args", default="", help="more zh-strip flags, one shell-quoted string "
                    "(--args \"--meta keep\")")
    a = ap.parse_args()
    extra = shlex.split(a.args)
    if not os.path.isdir(a.data):
        print("eval_strip: corpus not found at %s; skipped" % a.data)
        return 77
    charsets = {}
    with open(os.path.join(a.data, "manifest.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            charsets[cols[0]] = cols[1]
    env = dict(os.environ)
    ps, rs, rows = [], [], []
    for doc in sorted(charsets):
        gold = open(os.path.join(a.data, "gold", doc + ".txt"), encoding="utf-8-sig").read()
        if a.mode == "outputs":
            out = open(os.path.join(a.outputs, doc + ".txt"), encoding="utf-8", errors="replace").read()
        elif a.mode == "html":
            raw = open(os.path.join(a.data, "html", doc + ".html"), "rb").read()
            # The pages are GBK/GB18030 or UTF-8 (manifest); decode before zh-strip.
            page = raw.decode(charsets[doc], errors="replace").encode("utf-8")
            out = run(a.tool, ["--format", "html"] + extra, page, env).decode("utf-8", "replace")
        else:
            dump = open(os.path.join(a.data, "dump", doc + ".txt"), "rb").read()
            out = dump.decode("utf-8-sig", "replace") if a.mode == "identity" else \
                run(a.tool, ["--invalid", "keep"] + extra, dump, env).decode("utf-8", "replace")
        o, g = tokens(out), tokens(gold)
        tp = sum((o & g).values())
        p = tp / sum(o.values()) if o else None
        r = tp / sum(g.values()) if g else 1.0
        if p is not None:
            ps.append(p)
        rs.append(r)
        rows.append((p if p is not None else 0.0, r, doc))
    P, R = sum(ps) / len(ps), sum(rs) / len(rs)
    F = 2 * P * R / (P + R) if P + R else 0.0
    print("mode=%s%s documents=%d P=%.3f R=%.3f F1=%.3f" %
          (a.mode, " args=%r" % a.args if a.args else "", len(rs), P, R, F))
    for p, r, doc in sorted(rows)[: a.show]:
        print("  P=%.3f R=%.3f %s" % (p, r, doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
