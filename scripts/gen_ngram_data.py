#!/usr/bin/env python3
"""Builds the Chinese character n-gram tables used by zh-repair.

Usage: gen_ngram_data.py DICT OUT.cc [OPENCC]

DICT is jieba's dict.txt ("word count tag" per line, Expat licence, from
Debian's python3-jieba). Character unigram and in-word bigram counts are
weighted by word counts. When the opencc tool is given (or found on PATH),
the word list is also converted to traditional script and counted again,
so that Big5 text scores as well as GBK text.

Costs are -ln(p) in quarter-nats, rounded and capped at 255:
  unigram(c)       = -ln P(c)
  bigram(a, b)     = -ln(0.7 P(b|a) + 0.3 P(b))   (only for seen pairs)
"""
import math
import shutil
import subprocess
import sys
from collections import Counter

HAN_LO, HAN_HI = 0x3400, 0xA000  # Ext A + unified ideographs (dense table).
MIN_BIGRAM = 3                   # Bigrams seen less often are dropped.
HASH_BITS = 20                   # Bigram hash table of 2^20 slots, under half full.
REM_BITS = 30 - HASH_BITS        # Key bits kept in a slot beside the home slot.
DISP_BITS = 6                    # Longest probe sequence: 63 slots.
HASH_MULTIPLIER = 0x9E3779B1     # Odd: a bijection modulo 2^30.
FILTER_BITS = 15                 # Filter of 2^15 64-bit words (256 kB), two bits a pair.


def is_han(ch):
    cp = ord(ch)
    return HAN_LO <= cp < HAN_HI or 0x20000 <= cp < 0x30000


def read_words(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                words.append((parts[0], int(parts[1])))
    return words


def traditional(words, opencc):
    text = "\n".join(w for w, _ in words) + "\n"
    out = subprocess.run([opencc, "-c", "s2t"], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout.decode("utf-8")
    conv = out.split("\n")
    if len(conv) < len(words):
        return []
    return [(conv[i], words[i][1]) for i in range(len(words)) if conv[i] != words[i][0]]


def count(words, uni, left, bi):
    for word, n in words:
        chars = [c for c in word]
        for i, c in enumerate(chars):
            if not is_han(c):
                continue
            uni[c] += n
            if i + 1 < len(chars) and is_han(chars[i + 1]):
                left[c] += n
                bi[(c, chars[i + 1])] += n


def split_pairs(pairs):
    """Pairs whose characters are both in [HAN_LO, HAN_HI) go to the hash
    table; the few others stay as sorted 64-bit keys."""
    def dense(k):
        return HAN_LO <= (k >> 21) < HAN_HI and HAN_LO <= (k & 0x1FFFFF) < HAN_HI
    return [p for p in pairs if dense(p[0])], [p for p in pairs if not dense(p[0])]


def dense_key(k):
    """The 30-bit key of a dense pair (first << 21 | second): both
    characters as offsets from HAN_LO, 15 bits each."""
    return ((k >> 21) - HAN_LO) << 15 | ((k & 0x1FFFFF) - HAN_LO)


def hash_home(key):
    """Home slot and remainder of a 30-bit pair key: multiplying by an odd
    number modulo 2^30 is a bijection, so (home, remainder) gives the key
    back. Must match BigramHash() in libclean/src/ngram.h."""
    h = (key * HASH_MULTIPLIER) & ((1 << 30) - 1)
    return h >> (30 - HASH_BITS), h & ((1 << REM_BITS) - 1)


def hash_pairs(dense_pairs):
    """An open-addressing table (linear probing) of the dense pairs, ready to
    use: nothing is built at run time. A slot holds, in one 32-bit word, 1 <<
    31 | displacement from the home slot << 18 | remainder << 8 | cost; 0
    when empty. One cache line per lookup, seen or not."""
    size = 1 << HASH_BITS
    if len(dense_pairs) * 2 > size:
        sys.exit("gen_ngram_data.py: raise HASH_BITS (%d pairs)" % len(dense_pairs))
    slots = [0] * size
    for k, v in dense_pairs:
        key = dense_key(k)
        home, rem = hash_home(key)
        d = 0
        while slots[(home + d) & (size - 1)]:
            d += 1
        if d >= 1 << DISP_BITS:
            sys.exit("gen_ngram_data.py: probe sequence too long (%d)" % d)
        slots[(home + d) & (size - 1)] = 1 << 31 | d << 18 | rem << 8 | v
    for k, v in dense_pairs:  # Every pair reads back its cost.
        key = dense_key(k)
        if lookup(slots, key) != v:
            sys.exit("gen_ngram_data.py: hash table lookup failed")
    return slots


def filter_words(dense_pairs):
    """A blocked Bloom filter of the dense pairs: the pair whose hash is h
    sets bits h & 63 and (h >> 6) & 63 of word h >> (30 - FILTER_BITS).
    Small enough to stay in a core's cache, it answers "never seen" for
    most pairs of mis-decoded text without a lookup in the hash table.
    Must match BigramMaybeSeen() in libclean/src/ngram.h."""
    words = [0] * (1 << FILTER_BITS)
    for k, _ in dense_pairs:
        key = dense_key(k)
        h = (key * HASH_MULTIPLIER) & ((1 << 30) - 1)
        words[h >> (30 - FILTER_BITS)] |= 1 << (h & 63) | 1 << ((h >> 6) & 63)
    return words


def lookup(slots, key):
    home, rem = hash_home(key)
    want, d = rem << 8, 0
    while True:
        e = slots[(home + d) & (len(slots) - 1)]
        if e == 0:
            return -1
        if e & 0x7FFFFF00 == d << 18 | want:
            return e & 0xFF
        d += 1


def write_array(f, ctype, name, values, per_line, size=""):
    f.write("extern const %s %s[%s] = {\n" % (ctype, name, size))
    for i in range(0, len(values), per_line):
        f.write(",".join(values[i:i + per_line]) + ",\n")
    f.write("};\n")


def quant(cost):
    return max(0, min(255, int(round(cost * 4))))


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gen_ngram_data.py DICT OUT.cc [OPENCC]")
    words = read_words(sys.argv[1])
    opencc = sys.argv[3] if len(sys.argv) > 3 else shutil.which("opencc")
    if opencc:
        words += traditional(words, opencc)
    uni, left, bi = Counter(), Counter(), Counter()
    count(words, uni, left, bi)
    total = sum(uni.values())
    ucost = {c: -math.log(n / total) for c, n in uni.items()}
    dense = [255] * (HAN_HI - HAN_LO)
    sparse = []
    for c, v in ucost.items():
        if HAN_LO <= ord(c) < HAN_HI:
            dense[ord(c) - HAN_LO] = quant(v)
        else:
            sparse.append((ord(c), quant(v)))
    pairs = []
    for (a, b), n in bi.items():
        if n < MIN_BIGRAM:
            continue
        p = 0.7 * n / left[a] + 0.3 * uni[b] / total
        pairs.append(((ord(a) << 21) | ord(b), quant(-math.log(p))))
    pairs.sort()
    sparse.sort()
    dense_pairs, other_pairs = split_pairs(pairs)
    slots = hash_pairs(dense_pairs)
    words = filter_words(dense_pairs)
    with open(sys.argv[2], "w", encoding="ascii") as f:
        f.write("// Generated by scripts/gen_ngram_data.py from jieba's dict.txt. Do not edit.\n")
        f.write("#include <cstddef>\n#include <cstdint>\n\n#include \"ngram.h\"\n\n")
        f.write("namespace zhclean::internal {\n\n")
        f.write("extern const uint8_t kHanUnigramCost[%d] = {\n" % len(dense))
        for i in range(0, len(dense), 32):
            f.write(",".join(str(x) for x in dense[i:i + 32]) + ",\n")
        f.write("};\n")
        f.write("extern const uint32_t kRareHanKeys[] = {0,\n")
        f.write(",".join(str(k) for k, _ in sparse) + "};\n")
        f.write("extern const uint8_t kRareHanCost[] = {255,\n")
        f.write(",".join(str(v) for _, v in sparse) + "};\n")
        f.write("extern const size_t kRareHanCount = %d;\n" % (len(sparse) + 1))
        f.write("static_assert(kBigramHashBits == %d, \"ngram.h and gen_ngram_data.py disagree\");\n"
                % HASH_BITS)
        write_array(f, "uint32_t", "kBigramHash", [str(k) for k in slots], 16,
                    "1u << kBigramHashBits")
        f.write("static_assert(kBigramFilterBits == %d, \"ngram.h and gen_ngram_data.py disagree\");\n"
                % FILTER_BITS)
        write_array(f, "uint64_t", "kBigramFilter", ["%#x" % w for w in words], 8,
                    "1u << kBigramFilterBits")
        write_array(f, "uint64_t", "kBigramOtherKeys", ["%#x" % k for k, _ in other_pairs] or ["0"], 16)
        write_array(f, "uint8_t", "kBigramOtherCost", [str(v) for _, v in other_pairs] or ["255"], 48)
        f.write("extern const size_t kBigramOtherCount = %d;\n\n" % len(other_pairs))
        f.write("}  // namespace zhclean::internal\n")
    print("ngram: %d han chars, %d bigrams" % (len(uni), len(pairs)), file=sys.stderr)


if __name__ == "__main__":
    main()
