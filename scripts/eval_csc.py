#!/usr/bin/env python3
"""Sentence-level precision/recall of zh-fix on the CSC OCR test set.

Usage: scripts/eval_csc.py [--zh-fix BIN] [--shared DIR] [--rules DIR] [--mined N] [--swap]
                           [--folds K]

Reads ../shared/corpora/csc/ocr_test_1000.tsv (GPL, evaluation only: it is
read in place, never copied into the project) and scores, the SIGHAN way:
  changed      the output differs from the input;
  detection    the changed positions are exactly the wrong positions;
  correction   the output equals the correct sentence;
  precision = right / changed, recall = right / sentences.
Also runs zh-fix over the correct sentences: every change there is a false
positive; and over the clean corpora (zuozhuan, us_constitution_zhs, the
samples 000, 001, 004): every change there breaks a zero-change test.

Precision is undefined when nothing changes (printed "undefined").

Rule sets: the shipped rules; and the shipped rules plus candidates that
`zh-fix suggest --dict-right` mines from the recognised sentences (no gold
data used), one rule per wrong string, applied unguarded, only those whose
confidence reaches a threshold; once as mined, once with `--alone 3` (a
candidate whose line holds another suspect is left out: it would fix one
error of two, a wrong sentence). The threshold is chosen on half A of the
sentences (even line numbers): lowered in steps of 0.25 while the
sentence-level detection and correction precision on A stay >= 0.9 (at
least 5 sentences changed), stopping at the first step that fails. P/R are
reported on half B (odd line numbers). With --folds K (10 by default) the
same choice is also cross-validated: each fold (line number mod K) is held
out in turn, the threshold chosen on the other folds, and the held-out
scores summed. "Characters changed right" counts,
over every character the rules change, those that become the gold one.
"""
import argparse, os, re, subprocess, sys, tempfile

# `zh-fix suggest --alone`: a line holding another candidate of this confidence
# is left alone. 3 is the lowest confidence the threshold search considers;
# half B numbers for several values were seen while writing it (docs/fix.md
# gives them all).
ALONE = 3.0

def run_fix(binary, rules, lines):
    proc = subprocess.run([binary, "--rules-dir", rules, "--format", "lines"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"eval_csc: zh-fix failed:\n{proc.stderr}")
    return proc.stdout.split("\n")[:len(lines)]

def score(rows, fixed):
    changed = det = cor = edits = good_edits = 0
    for (wrong, right), out in zip(rows, fixed):
        if out == wrong:
            continue
        if len(out) == len(wrong) == len(right):  # Character level.
            for a, b, c in zip(wrong, out, right):
                edits += a != b
                good_edits += a != b and b == c
        changed += 1
        cor += out == right
        if len(out) == len(wrong) == len(right):
            got = {i for i, (a, b) in enumerate(zip(wrong, out)) if a != b}
            want = {i for i, (a, b) in enumerate(zip(wrong, right)) if a != b}
            det += got == want
    p = lambda k: k / changed if changed else None
    return dict(sentences=len(rows), changed=changed, det=det, cor=cor, det_p=p(det),
                det_r=det / len(rows), cor_p=p(cor), cor_r=cor / len(rows), edits=edits,
                good_edits=good_edits,
                edit_p=good_edits / edits if edits else None)

def clean_changes(binary, rules, clean_texts):
    return sum(a != b for text in clean_texts
               for a, b in zip(text, run_fix(binary, rules, text)))

def report(name, rows, binary, rules, clean_texts):
    s = score(rows, run_fix(binary, rules, [w for w, _ in rows]))
    gold = [r for _, r in rows]
    fp = sum(a != b for a, b in zip(gold, run_fix(binary, rules, gold)))
    f = lambda v: "undefined" if v is None else f"{v:.3f}"
    clean = clean_changes(binary, rules, clean_texts) if clean_texts else "–"
    print(f"| {name} | {s['sentences']} | {s['changed']} | {f(s['det_p'])} | {s['det_r']:.3f} "
          f"| {f(s['cor_p'])} | {s['cor_r']:.3f} | {s['good_edits']}/{s['edits']} = "
          f"{f(s['edit_p'])} | {fp} | {clean} |")
    return s

def make_rules(shipped, mined, threshold, tmp):
    """A rules dir: the shipped files plus mined rules with confidence >= threshold."""
    rules = os.path.join(tmp, f"rules-{threshold}")
    if os.path.isdir(rules):
        return rules
    for sub in ("typos", "spin"):
        os.makedirs(os.path.join(rules, sub))
        for name in os.listdir(os.path.join(shipped, sub)):
            with open(os.path.join(shipped, sub, name), "rb") as f, \
                 open(os.path.join(rules, sub, name), "wb") as g:
                g.write(f.read())
    kept = [line for line, conf in mined if conf >= threshold]
    with open(os.path.join(rules, "typos/mined.tsv"), "w", encoding="utf-8") as f:
        f.write("#! zhclean-rules v1 kind=typo\n" + "".join(l + "\n" for l in kept))
    return rules

def mine(binary, rows, shipped, top, tmp, alone=None):
    """(rule line, confidence), best first, one per wrong string, none shipped;
    with `alone`, `zh-fix suggest --alone` drops candidates whose line holds
    another suspect of that confidence."""
    corpus = os.path.join(tmp, "recognised.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        f.write("\n".join(w for w, _ in rows) + "\n")
    out = subprocess.run([binary, "suggest", "--dict-right", "100", "--min-right", "2",
                          "--max-wrong", "2", "--top", str(top), corpus] +
                         ([] if alone is None else ["--alone", str(alone)]),
                         capture_output=True, text=True, check=True).stdout
    with open(os.path.join(shipped, "typos/ocr.tsv"), encoding="utf-8") as f:
        seen = {l.split("\t")[0] for l in f if "\t" in l}
    mined = []
    for line in out.splitlines():
        m = re.search(r"; confidence (-?[0-9.]+);", line)
        wrong = line.split("\t")[0]
        if line.startswith("#") or not m or wrong in seen:
            continue
        seen.add(wrong)
        mined.append((line.split("\t#")[0], float(m.group(1))))
    return mined

def choose_threshold(binary, half_a, shipped, mined, tmp):
    """The threshold, lowered in steps of 0.25 on half A while the sentence-level
    detection and correction precision stay >= 0.9 with at least 5 sentences
    changed; stops at the first step that fails (None: no step passes)."""
    chosen = None
    for t in sorted({round(c * 4) / 4 for _, c in mined if c >= 3}, reverse=True):
        s = score(half_a, run_fix(binary, make_rules(shipped, mined, t, tmp),
                                  [w for w, _ in half_a]))
        if s["changed"] < 5:
            continue
        if s["det_p"] < 0.9 or s["cor_p"] < 0.9:
            break
        chosen = t
    return chosen

def cross_validate(binary, rows, shipped, mined, tmp, folds):
    """Each fold (line number mod `folds`) held out in turn, the threshold
    chosen on the others as choose_threshold does; the held-out scores
    summed. Returns (changed, detection right, correction right, thresholds)."""
    changed = det = cor = 0
    chosen = []
    for k in range(folds):
        held = [r for i, r in enumerate(rows) if i % folds == k]
        tune = [r for i, r in enumerate(rows) if i % folds != k]
        t = choose_threshold(binary, tune, shipped, mined, tmp)
        chosen.append(t)
        if t is None:
            continue
        s = score(held, run_fix(binary, make_rules(shipped, mined, t, tmp), [w for w, _ in held]))
        changed, det, cor = changed + s["changed"], det + s["det"], cor + s["cor"]
    return changed, det, cor, chosen

def main():
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zh-fix", default=os.path.join(src, "build-fix/tools/zh-fix"))
    ap.add_argument("--shared", default=os.path.join(src, "../shared"))
    ap.add_argument("--rules", default=os.path.join(src, "rules"))
    ap.add_argument("--mined", type=int, default=3000, help="suggest candidates to read")
    ap.add_argument("--swap", action="store_true",
                    help="tune on half B and report on half A (a second held-out estimate)")
    ap.add_argument("--folds", type=int, default=10,
                    help="also cross-validate: each of FOLDS folds held out in turn (0: off)")
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
    half_a, half_b = rows[0::2], rows[1::2]
    tune, held = "half A", "half B"
    if a.swap:
        half_a, half_b = half_b, half_a
        tune, held = held, tune
    clean_texts = []
    for path in [os.path.join(a.shared, "corpora", n)
                 for n in ("zuozhuan.txt", "us_constitution_zhs.txt")] + \
                [os.path.join(src, "samples", d, "input.txt")
                 for d in sorted(os.listdir(os.path.join(src, "samples")))
                 if d[:3] in ("000", "001", "004")]:
        with open(path, encoding="utf-8") as f:
            clean_texts.append(f.read().split("\n"))
    print("| rules | sentences | changed | detection P | detection R | correction P "
          "| correction R | characters changed right | changes on correct text "
          "| lines changed in clean corpora |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    report("shipped (all)", rows, a.zh_fix, a.rules, clean_texts)
    for alone in (None, ALONE):
        with tempfile.TemporaryDirectory() as tmp:
            mined = mine(a.zh_fix, rows, a.rules, a.mined, tmp, alone)
            t = choose_threshold(a.zh_fix, half_a, a.rules, mined, tmp)
            how = "" if alone is None else f", --alone {alone}"
            if t is None:
                print(f"eval_csc: no threshold reaches sentence precision 0.9 on {tune}{how}")
                continue
            n = sum(c >= t for _, c in mined)
            rules = make_rules(a.rules, mined, t, tmp)
            name = f"shipped + {n} mined{how}, confidence >= {t}"
            report(f"{name} ({tune}, tuning)", half_a, a.zh_fix, rules, [])
            report(f"**{name} ({held}, held out)**", half_b, a.zh_fix, rules, clean_texts)
            for u in ((0.0, 5.0) if alone is None else ()):
                rules = make_rules(a.rules, mined, u, tmp)
                n = sum(c >= u for _, c in mined)
                report(f"shipped + {n} mined, confidence >= {u} ({held})", half_b, a.zh_fix,
                       rules, clean_texts)
    if a.folds > 1:
        for alone in (None, ALONE):
            with tempfile.TemporaryDirectory() as tmp:
                mined = mine(a.zh_fix, rows, a.rules, a.mined, tmp, alone)
                changed, det, cor, chosen = cross_validate(a.zh_fix, rows, a.rules, mined, tmp,
                                                           a.folds)
                how = "" if alone is None else f", --alone {alone}"
                f = lambda k: f"{k / changed:.3f}" if changed else "undefined"
                print(f"eval_csc: {a.folds}-fold cross-validation{how}: thresholds {chosen}; "
                      f"{changed} of {len(rows)} sentences changed, detection P {f(det)} "
                      f"({det}), correction P {f(cor)} ({cor}), correction R "
                      f"{cor / len(rows):.3f}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
