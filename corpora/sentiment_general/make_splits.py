#!/usr/bin/env python3
"""Split sift's general-domain sentiment corpus into train/dev/test (70/15/15).

Reads raw/*.jsonl (next to this script; one file per genre), checks every
record, drops exact and near-exact repeats (same text after lower-casing and
removing everything but letters and digits; the first by id is kept), and
writes train.jsonl, dev.jsonl and test.jsonl, each sorted by id, records
unchanged.

Stratified: within each (genre, sentiment, score band) stratum the records are
shuffled with a fixed seed and dealt 70/15/15 by largest remainder, so every
genre, class and intensity band is spread alike over the three splits.

Standard library only; deterministic (seed 2019). Usage: python3 make_splits.py
(../sentiment_natural/make_splits.py reuses split_corpus() for that corpus.)
"""
import collections
import glob
import json
import os
import random
import re

SEED = 2019
SPLITS = ("train", "dev", "test")
RATIOS = (0.70, 0.15, 0.15)
SENTIMENTS = ("negative", "neutral", "positive")
FIELDS = ["id", "text", "genre", "sentiment", "sentiment_score"]
HERE = os.path.dirname(os.path.abspath(__file__))


def check(rec, where):
    assert list(rec) == FIELDS, (where, list(rec))
    assert rec["sentiment"] in SENTIMENTS, where
    s = rec["sentiment_score"]
    assert isinstance(s, (int, float)) and -1 <= s <= 1, where
    expected = ("neutral" if -0.15 <= s <= 0.15 else
                "positive" if s > 0 else "negative")
    assert rec["sentiment"] == expected, (where, s, rec["sentiment"])
    assert rec["text"].strip(), where


def text_key(text):
    """Texts with the same key repeat each other."""
    return re.sub(r"[\W_]+", "", text.lower())


def load(here, exclude=frozenset(), raw="raw"):
    """Checked records of here/<raw>/*.jsonl, without repeats of each other
    or of a key in `exclude`, sorted by id; and how many were dropped."""
    records, seen, dropped = [], set(exclude), 0
    for path in sorted(glob.glob(os.path.join(here, raw, "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                check(rec, f"{path}:{lineno}")
                key = text_key(rec["text"])
                if key in seen:
                    dropped += 1
                    continue
                seen.add(key)
                records.append(rec)
    records.sort(key=lambda r: r["id"])
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return records, dropped


def band(score):
    a = abs(score)
    return "weak" if a <= 0.15 else "mild" if a < 0.5 else "strong"


def deal(n, ratios):
    """Split sizes for n records by largest remainder."""
    exact = [n * r for r in ratios]
    sizes = [int(x) for x in exact]
    order = sorted(range(len(ratios)), key=lambda i: exact[i] - sizes[i],
                   reverse=True)
    for i in order[: n - sum(sizes)]:
        sizes[i] += 1
    return sizes


def split_corpus(here, splits=SPLITS, ratios=RATIOS, exclude=frozenset(),
                 raw="raw"):
    """Writes here/<split>.jsonl for each of `splits`, dealt by `ratios`
    from the records of here/<raw>/; returns their text keys."""
    records, dropped = load(here, exclude, raw)
    strata = collections.defaultdict(list)
    for rec in records:
        strata[(rec["genre"], rec["sentiment"],
                band(rec["sentiment_score"]))].append(rec)
    rng = random.Random(SEED)
    out = {s: [] for s in splits}
    for key in sorted(strata):
        group = strata[key]
        rng.shuffle(group)
        start = 0
        for split, size in zip(splits, deal(len(group), ratios)):
            out[split].extend(group[start:start + size])
            start += size
    for split in splits:
        rows = sorted(out[split], key=lambda r: r["id"])
        with open(os.path.join(here, split + ".jsonl"), "w",
                  encoding="utf-8") as fh:
            for rec in rows:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        counts = collections.Counter(r["sentiment"] for r in rows)
        print(f"{split}: {len(rows)} records, " +
              ", ".join(f"{c} {counts[c]}" for c in SENTIMENTS))
    print(f"{dropped} repeated texts dropped")
    return frozenset(text_key(r["text"]) for r in records)


if __name__ == "__main__":
    split_corpus(HERE)
