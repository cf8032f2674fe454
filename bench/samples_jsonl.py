#!/usr/bin/env python3
"""Writes OUT: JSONL of the sample inputs (one record per sample, {"url", "text"}),
repeated until it holds at least MB megabytes. Used by bench/pipeline.sh and
bench/convert_share.sh.

  bench/samples_jsonl.py OUT MB samples/*/input.txt
"""
import json
import sys


def main():
    out, mb, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    docs = [json.dumps({"url": "http://example.com/" + p,
                        "text": open(p, encoding="utf-8").read()},
                       ensure_ascii=False) + "\n" for p in paths]
    with open(out, "w", encoding="utf-8") as f:
        size = 0
        while size < mb * 1_000_000:
            for d in docs:
                f.write(d)
                size += len(d.encode())


if __name__ == "__main__":
    main()
