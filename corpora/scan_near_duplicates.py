#!/usr/bin/env python3
"""Flag near copies between new corpus records and every other record.

For each record of the files given on the command line ("new"), compares it
with every record of every *.jsonl file in the same folder (a corpus' raw/
folder: new and old records, other than itself) and prints
the pairs that look like copies, one per line, most similar first:
  - word-set Jaccard >= 0.5 (on lowercased word tokens);
  - shared word 5-grams >= 0.25 of the smaller record's 5-grams;
  - difflib ratio >= 0.7 on normalised text, or one normalised text
    contained in the other (texts of 3+ words).
Exact duplicates of normalised text are always flagged. Candidates come from
an inverted index over words, so the scan is quick on ~12,000 records.

Standard library only. Usage (from corpora/):
  python3 scan_near_duplicates.py labelled/raw/more_a.jsonl [labelled/raw/more_b.jsonl ...]
Exit status 1 when any pair is flagged.
"""
import collections
import difflib
import glob
import json
import os
import re
import sys

WORD = re.compile(r"[a-z0-9']+")


def words(text):
    return WORD.findall(text.lower())


def grams(tokens, n=5):
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def load(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def compare(toks, norm, other_toks, other_norm):
    """(word-set Jaccard, the reasons the pair looks like a copy)."""
    wset, oset = set(toks), set(other_toks)
    jac = len(wset & oset) / max(1, len(wset | oset))
    g1, g2 = grams(toks), grams(other_toks)
    overlap = len(g1 & g2) / max(1, min(len(g1), len(g2)))
    reasons = []
    if norm == other_norm:
        reasons.append("exact")
    if jac >= 0.5:
        reasons.append(f"jaccard {jac:.2f}")
    if g1 and g2 and overlap >= 0.25:
        reasons.append(f"5-grams {overlap:.2f}")
    if jac >= 0.3:
        ratio = difflib.SequenceMatcher(None, norm, other_norm).ratio()
        contained = min(len(toks), len(other_toks)) >= 3 and (
            norm in other_norm or other_norm in norm)
        if ratio >= 0.7 or contained:
            reasons.append(f"difflib {ratio:.2f}" +
                           (" contained" if contained else ""))
    return jac, reasons


def main(new_paths):
    records = []
    new_ids = set()
    new_files = {os.path.abspath(p) for p in new_paths}
    raw = os.path.dirname(os.path.abspath(new_paths[0]))
    for path in sorted(glob.glob(os.path.join(raw, "*.jsonl"))):
        for rec in load(path):
            toks = words(rec["text"])
            records.append((rec["id"], toks, " ".join(toks)))
            if os.path.abspath(path) in new_files:
                new_ids.add(rec["id"])
    postings = collections.defaultdict(list)
    five = collections.defaultdict(list)
    for idx, (_, toks, _) in enumerate(records):
        for w in set(toks):
            postings[w].append(idx)
        for g in grams(toks):
            five[g].append(idx)
    common = len(records) // 20  # words in over 5% of records say little
    exact = collections.defaultdict(list)
    for idx, (_, _, norm) in enumerate(records):
        exact[norm].append(idx)
    flagged = []
    for i, (rid, toks, norm) in enumerate(records):
        if rid not in new_ids:
            continue
        shared = collections.Counter()
        for w in set(toks):
            if len(postings[w]) <= common:
                shared.update(postings[w])
        for g in grams(toks):
            shared.update(five[g])
        for j in set(shared) | set(exact[norm]):
            if j == i or (records[j][0] in new_ids and j < i):
                continue
            jac, reasons = compare(toks, norm, records[j][1], records[j][2])
            if reasons:
                flagged.append((jac, rid, records[j][0], ", ".join(reasons),
                                norm, records[j][2]))
    flagged.sort(reverse=True)
    for jac, a, b, why, ta, tb in flagged:
        print(f"{a}\t{b}\t{why}\n  {ta[:160]}\n  {tb[:160]}")
    print(f"{len(flagged)} pairs flagged among {len(new_ids)} new records",
          file=sys.stderr)
    return 1 if flagged else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
