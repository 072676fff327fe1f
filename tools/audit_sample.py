#!/usr/bin/env python3
"""Draw a reproducible random sample of distinct facts from `kgx annotate` output, for judging by hand.

  python3 tools/audit_sample.py PRED.jsonl INPUT.jsonl N SEED > sample.tsv

PRED is `kgx annotate` output for INPUT (`{"id", "text"}` lines). A fact is distinct per document by
(type, subject name, object name, attributes); its first sentence is quoted as evidence. The TSV has the
columns a judge fills in: `correct` (yes / no) and `why`.
"""
import json
import random
import re
import sys


def sentence_around(text, start, end):
    """The sentence (split at 。！？; and line breaks) holding text[start:end], capped at 200 characters."""
    left = max(text.rfind(mark, 0, start) for mark in "。！？\n;；")
    right = min([i for i in (text.find(mark, end) for mark in "。！？\n;；") if i >= 0] or [len(text)])
    sentence = text[left + 1:right + 1].strip()
    return sentence if len(sentence) <= 200 else sentence[:197] + "…"


def main():
    pred_path, input_path, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    texts = {d["id"]: d["text"] for d in map(json.loads, open(input_path, encoding="utf-8"))}
    facts = {}
    for line in open(pred_path, encoding="utf-8"):
        doc = json.loads(line)
        for r in doc["relations"]:
            attrs = ",".join(f"{k}={v}" for k, v in sorted(r["attrs"].items()))
            key = (doc["id"], r["type"], r["subject"]["canonical"], r["object"]["canonical"], attrs)
            if key in facts:
                continue
            lo = min(r["subject"]["start"], r["object"]["start"])
            hi = max(r["subject"]["end"], r["object"]["end"])
            facts[key] = (r["rule"], sentence_around(texts[doc["id"]], lo, hi))
    keys = sorted(facts)
    random.Random(seed).shuffle(keys)
    print("doc\ttype\tsubject\tobject\tattrs\trule\tsentence\tcorrect\twhy")
    for key in keys[:n]:
        rule, sentence = facts[key]
        clean = re.sub(r"\s+", " ", sentence)
        print("\t".join([*key, rule, clean, "", ""]))
    print(f"# {len(facts)} distinct facts in all; {min(n, len(facts))} drawn with seed {seed}", file=sys.stderr)


if __name__ == "__main__":
    main()
