#!/usr/bin/env python3
"""Sentence-level precision/recall of zh-fix on the CSC OCR test set.

Usage: scripts/eval_csc.py [--zh-fix BIN] [--shared DIR] [--rules DIR]

Reads ../shared/corpora/csc/ocr_test_1000.tsv (GPL, evaluation only: it is
read in place, never copied into the project) and scores, the SIGHAN way:
  changed      the output differs from the input;
  detection    the changed positions are exactly the wrong positions;
  correction   the output equals the correct sentence;
  precision = right / changed, recall = right / sentences.
Also runs zh-fix over the correct sentences alone: every change there is a
false positive. Two rule sets: the shipped rules, and the shipped rules plus
candidates mined by `zh-fix suggest` from the recognised sentences (no gold
data used), taken unguarded as typo rules.
"""
import argparse, os, subprocess, sys, tempfile

def run_fix(binary, rules, lines):
    env = dict(os.environ, ZHCLEAN_RULES_DIR=rules)
    proc = subprocess.run([binary, "--rules-dir", rules, "--format", "lines"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"eval_csc: zh-fix failed:\n{proc.stderr}")
    out = proc.stdout
    return out.split("\n")[:len(lines)]

def score(rows, fixed):
    changed = det = cor = 0
    for (wrong, right), out in zip(rows, fixed):
        if out == wrong:
            continue
        changed += 1
        if out == right:
            cor += 1
        if len(out) == len(wrong) == len(right):
            got = {i for i, (a, b) in enumerate(zip(wrong, out)) if a != b}
            want = {i for i, (a, b) in enumerate(zip(wrong, right)) if a != b}
            det += got == want
    n = len(rows)
    p = lambda k: k / changed if changed else float("nan")
    return dict(sentences=n, changed=changed, det_p=p(det), det_r=det / n,
                cor_p=p(cor), cor_r=cor / n)

def report(name, rows, binary, rules):
    fixed = run_fix(binary, rules, [w for w, _ in rows])
    s = score(rows, fixed)
    clean = [r for _, r in rows]
    fp = sum(a != b for a, b in zip(clean, run_fix(binary, rules, clean)))
    print(f"| {name} | {s['sentences']} | {s['changed']} | {s['det_p']:.3f} | {s['det_r']:.3f} "
          f"| {s['cor_p']:.3f} | {s['cor_r']:.3f} | {fp} |")

def main():
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zh-fix", default=os.path.join(src, "build-fix/tools/zh-fix"))
    ap.add_argument("--shared", default=os.path.join(src, "../shared"))
    ap.add_argument("--rules", default=os.path.join(src, "rules"))
    ap.add_argument("--mined", type=int, default=50, help="suggest candidates to use")
    a = ap.parse_args()
    data = os.path.join(a.shared, "corpora/csc/ocr_test_1000.tsv")
    if not os.path.exists(data):
        print(f"eval_csc: {data} absent; skipped")
        return 77
    rows = []
    with open(data, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                rows.append((parts[1], parts[2]))
    print("| rules | sentences | changed | detection P | detection R | correction P "
          "| correction R | changes on correct text |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    report("shipped", rows, a.zh_fix, a.rules)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "recognised.txt")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("\n".join(w for w, _ in rows) + "\n")
        mined = subprocess.run([a.zh_fix, "suggest", "--top", str(a.mined), "--min-right", "2",
                                "--max-wrong", "2", corpus],
                               capture_output=True, text=True, check=True).stdout
        rules = os.path.join(tmp, "rules")
        for sub in ("typos", "spin"):
            os.makedirs(os.path.join(rules, sub))
            for name in os.listdir(os.path.join(a.rules, sub)):
                with open(os.path.join(a.rules, sub, name), "rb") as f:
                    data_bytes = f.read()
                with open(os.path.join(rules, sub, name), "wb") as f:
                    f.write(data_bytes)
        shipped_wrong = set()
        with open(os.path.join(a.rules, "typos/ocr.tsv"), encoding="utf-8") as f:
            shipped_wrong = {l.split("\t")[0] for l in f if "\t" in l}
        kept, seen = [], set(shipped_wrong)
        for l in mined.splitlines():  # One rule per wrong side: the best.
            wrong = l.split("\t")[0]
            if l.startswith("#") or wrong not in seen:
                kept.append(l)
                seen.add(wrong)
        with open(os.path.join(rules, "typos/mined.tsv"), "w", encoding="utf-8") as f:
            f.write("\n".join(kept) + "\n")
        report(f"shipped + {a.mined} mined (unguarded)", rows, a.zh_fix, rules)
    return 0

if __name__ == "__main__":
    sys.exit(main())
