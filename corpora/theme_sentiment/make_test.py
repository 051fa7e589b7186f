#!/usr/bin/env python3
"""Check raw/*.jsonl and write test.jsonl (every record, sorted by id).

This corpus only evaluates (bench/sentiment_bench.sh runs
sift_theme_sentiment_eval on test.jsonl); nothing trains or tunes on it, so
it has no other split. Checks: field order, guide label ids, 2-3 themes per
record, theme_sentiment keys equal to labels, valid stances, unique ids, no
text that repeats another after lower-casing and removing punctuation.

Standard library only; deterministic. Usage: python3 make_test.py
"""
import collections
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["id", "text", "labels", "theme_sentiment", "sentiment",
          "respondent_type"]
LABELS = {"ideas", "people", "infrastructure", "business_environment",
          "places", "ai_data", "clean_growth", "future_mobility",
          "ageing_society"}
STANCES = {"positive", "negative", "neutral"}


def check(rec, where):
    assert list(rec) == FIELDS, (where, list(rec))
    labels = rec["labels"]
    assert 2 <= len(labels) <= 3 and set(labels) <= LABELS, (where, labels)
    assert sorted(rec["theme_sentiment"]) == sorted(labels), where
    assert set(rec["theme_sentiment"].values()) <= STANCES, where
    assert rec["sentiment"] in STANCES, where
    assert rec["text"].strip() and "\n" not in rec["text"], where


def main():
    records, seen = [], set()
    for path in sorted(glob.glob(os.path.join(HERE, "raw", "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                rec = json.loads(line)
                check(rec, f"{path}:{lineno}")
                key = re.sub(r"[\W_]+", "", rec["text"].lower())
                assert key not in seen, f"{path}:{lineno}: repeated text"
                seen.add(key)
                records.append(rec)
    records.sort(key=lambda r: r["id"])
    assert len({r["id"] for r in records}) == len(records), "duplicate ids"
    with open(os.path.join(HERE, "test.jsonl"), "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stances = collections.Counter(
        s for r in records for s in r["theme_sentiment"].values())
    mixed = sum(len(set(r["theme_sentiment"].values())) > 1 for r in records)
    print(f"test: {len(records)} records, {sum(stances.values())} theme "
          f"stances ({dict(sorted(stances.items()))}), {mixed} with differing "
          "stances")


if __name__ == "__main__":
    main()
