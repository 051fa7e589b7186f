#!/usr/bin/env python3
"""Split the sift labelled corpus into train/dev/test (70/15/15).

Reads raw/*.jsonl (next to this script), assigns every record to exactly one
split and writes train.jsonl, dev.jsonl and test.jsonl, each sorted by id, with
records unchanged (same fields, same order of fields).

Method: the source file (residents, businesses, public_bodies, mixed) is a hard
stratum: each file is split on its own, with split sizes fixed in advance so that
the corpus totals are exactly 70/15/15 (rounded). Within a file, iterative
stratification (Sechidis, Tsoumakas & Vlahavas, 2011) runs over binary tags:
  - each of the 9 labels the record carries, or "none" if it carries no label;
  - "len:<bucket>" for its length bucket (short <= 10 words, medium, long >= 120);
  - "sent:<value>" for its sentiment.
The rarest remaining tag is handled first; each of its records goes to the split
that still needs most of that tag among splits not yet full (ties: the split
that needs most records, then a seeded random choice). Every label, the no-label
group, each length bucket and each sentiment end up close to 70/15/15 in every source file.

Training-only extensions: records in raw/more_*.jsonl (written after the split
was fixed) are not stratified but added to train whole, so dev and test remain
exactly the records every earlier score was measured on; the 70/15/15 check
applies to the base files.

Standard library only; deterministic (seed 2019, input sorted by id).
Usage: python3 make_splits.py
"""
import collections
import glob
import json
import os
import random
import sys

SEED = 2019
SPLITS = ("train", "dev", "test")
RATIOS = {"train": 0.70, "dev": 0.15, "test": 0.15}
LABELS = ("ideas", "people", "infrastructure", "business_environment", "places",
          "ai_data", "clean_growth", "future_mobility", "ageing_society")
SENTIMENTS = ("negative", "neutral", "positive")
MIN_POSITIVES = 250
# raw/<EXTENSION_PREFIX>*.jsonl: training-only extensions (see main()).
EXTENSION_PREFIX = "more_"
HERE = os.path.dirname(os.path.abspath(__file__))


def length_bucket(text):
    n = len(text.split())
    if n <= 10:
        return "short"
    if n >= 120:
        return "long"
    return "medium"


def load():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "raw", "*.jsonl"))):
        source = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                for lab in rec["labels"]:
                    assert lab in LABELS, (path, lineno, lab)
                assert rec["sentiment"] in SENTIMENTS, (path, lineno)
                records.append((source, rec))
    records.sort(key=lambda sr: sr[1]["id"])
    return records


def tags_of(rec):
    tags = set(rec["labels"]) or {"none"}
    tags.add("len:" + length_bucket(rec["text"]))
    tags.add("sent:" + rec["sentiment"])
    return tags


def split_sizes(group_sizes):
    """Per-group split sizes whose running totals track the ratios, so the corpus
    totals are round(0.70 * N) / round(0.15 * N) / remainder."""
    sizes, done, cum = [], {s: 0 for s in SPLITS}, 0
    for g in group_sizes:
        cum += g
        size = {}
        for s in SPLITS[:-1]:
            size[s] = int(round(RATIOS[s] * cum)) - done[s]
        size[SPLITS[-1]] = g - sum(size.values())
        for s in SPLITS:
            done[s] += size[s]
        sizes.append(size)
    return sizes


def iterative_stratification(items, want, rng):
    """items: list of tag sets; want: split -> number of records (sums to
    len(items)). Returns a list of split names, one per item."""
    n = len(items)
    want = dict(want)
    assert sum(want.values()) == n
    tag_total = collections.Counter(t for tags in items for t in tags)
    want_tag = {s: {t: RATIOS[s] * c for t, c in tag_total.items()} for s in SPLITS}
    assigned = [None] * n
    remaining = set(range(n))
    while remaining:
        left = collections.Counter(t for i in remaining for t in items[i])
        # rarest tag still present; ties broken by name for determinism
        tag = min(left, key=lambda t: (left[t], t))
        todo = sorted(i for i in remaining if tag in items[i])
        for i in todo:
            open_splits = [s for s in SPLITS if want[s] > 0]  # split sizes are hard caps
            best = max(want_tag[s][tag] for s in open_splits)
            cands = [s for s in open_splits if want_tag[s][tag] == best]
            if len(cands) > 1:
                top = max(want[s] for s in cands)
                cands = [s for s in cands if want[s] == top]
            split = cands[0] if len(cands) == 1 else rng.choice(cands)
            assigned[i] = split
            remaining.discard(i)
            want[split] -= 1
            for t in items[i]:
                want_tag[split][t] -= 1
    return assigned


def stats(name, recs):
    n = len(recs)
    pos = collections.Counter(l for r in recs for l in r["labels"])
    sent = collections.Counter(r["sentiment"] for r in recs)
    nolab = sum(1 for r in recs if not r["labels"])
    print(f"== {name}: {n} records")
    print("   positives: " + ", ".join(f"{l}={pos[l]}" for l in LABELS))
    print(f"   no-label: {nolab} ({100.0 * nolab / n:.1f}%)")
    print("   sentiment: " + ", ".join(
        f"{s}={sent[s]} ({100.0 * sent[s] / n:.1f}%)" for s in SENTIMENTS))
    return pos


def main():
    records = load()
    ids = [rec["id"] for _, rec in records]
    dup = [i for i, c in collections.Counter(ids).items() if c > 1]
    assert not dup, f"duplicate ids in raw files: {dup[:10]}"

    # Extension files (raw/more_*.jsonl) go to train whole, after the base
    # split: dev and test stay the records every earlier score was measured on.
    extension_sources = [(s, r) for s, r in records
                         if s.startswith(EXTENSION_PREFIX)]
    extension = [r for _, r in extension_sources]
    records = [(s, r) for s, r in records if not s.startswith(EXTENSION_PREFIX)]

    rng = random.Random(SEED)
    sources = sorted({s for s, _ in records})
    groups = {src: [r for s, r in records if s == src] for src in sources}
    sizes = split_sizes([len(groups[src]) for src in sources])
    by_split = {s: [] for s in SPLITS}
    src_count = {s: collections.Counter() for s in SPLITS}
    for src, want in zip(sources, sizes):
        recs = groups[src]
        assigned = iterative_stratification([tags_of(r) for r in recs], want, rng)
        for rec, split in zip(recs, assigned):
            by_split[split].append(rec)
            src_count[split][src] += 1

    total = len(records)
    by_split["train"].extend(extension)
    extension_ids = {r["id"] for r in extension}
    for src, r in extension_sources:
        src_count["train"][src] += 1
    all_pos = stats("all", [r for _, r in records] + extension)
    for lab in LABELS:
        assert all_pos[lab] >= MIN_POSITIVES, f"{lab}: only {all_pos[lab]} positives"

    seen = set()
    for split in SPLITS:
        recs = sorted(by_split[split], key=lambda r: r["id"])
        for r in recs:
            assert r["id"] not in seen, f"id {r['id']} in two splits"
            seen.add(r["id"])
        base = sum(1 for r in recs if r["id"] not in extension_ids)
        share = 100.0 * base / total
        assert abs(share - 100.0 * RATIOS[split]) <= 1.0, f"{split} is {share:.2f}%"
        with open(os.path.join(HERE, split + ".jsonl"), "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        stats(f"{split} ({share:.1f}%)", recs)
        src = src_count[split]
        lens = collections.Counter(length_bucket(r["text"]) for r in recs)
        print("   sources: " + ", ".join(f"{k}={v}" for k, v in sorted(src.items())))
        print("   lengths: " + ", ".join(f"{k}={lens[k]}" for k in ("short", "medium", "long")))
    assert len(seen) == total + len(extension)
    print(f"OK: {total} records + {len(extension)} training extensions -> " + ", ".join(f"{s}={len(by_split[s])}" for s in SPLITS))


if __name__ == "__main__":
    sys.exit(main())
