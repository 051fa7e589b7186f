#!/usr/bin/env python3
"""Agreement between the blind re-annotations and the corpus' own labels.

Reads the splits (train/dev/test.jsonl, one directory up) and, next to this
script, sentiment_blind.jsonl (every record) and topics_blind_test.jsonl (the
test split). Prints, for sentiment, 3-class macro-F1 and exact agreement of the
second label against the first; for topics, per-label F1, macro- and micro-F1
and exact-set agreement over the test split. The corpus labels are the
reference, as the model is scored against them; F1 is symmetric in the two
annotators, so the direction does not change the figures.

Standard library only. Usage: python3 agreement.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = ["ideas", "people", "infrastructure", "business_environment",
          "places", "ai_data", "clean_growth", "future_mobility",
          "ageing_society"]
POLARITIES = ["negative", "neutral", "positive"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def f1(pairs):
    """F1 of the positive class from (predicted, reference) booleans."""
    tp = sum(1 for p, r in pairs if p and r)
    fp = sum(1 for p, r in pairs if p and not r)
    fn = sum(1 for p, r in pairs if r and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def sentiment_agreement(gold):
    second = {r["id"]: r["sentiment"]
              for r in read_jsonl(os.path.join(HERE, "sentiment_blind.jsonl"))}
    ids = [i for i in gold if i in second]
    per_class = [f1([(second[i] == c, gold[i]["sentiment"] == c) for i in ids])
                 for c in POLARITIES]
    same = sum(second[i] == gold[i]["sentiment"] for i in ids)
    print(f"Sentiment, {len(ids)} records: macro-F1 "
          f"{sum(per_class) / len(per_class):.3f}, identical "
          f"{same / len(ids):.1%}")


def topic_agreement(gold):
    path = os.path.join(HERE, "topics_blind_test.jsonl")
    second = {r["id"]: set(r["labels"]) for r in read_jsonl(path)}
    ids = sorted(second)
    missing = [i for i in ids if i not in gold]
    if missing:
        raise SystemExit(f"{path}: ids not in the corpus: {missing[:5]}")
    ref = {i: set(gold[i]["labels"]) for i in ids}
    print(f"Topics, test split, {len(ids)} records:")
    scores = []
    tp = fp = fn = 0
    for label in LABELS:
        pairs = [(label in second[i], label in ref[i]) for i in ids]
        scores.append(f1(pairs))
        tp += sum(1 for p, r in pairs if p and r)
        fp += sum(1 for p, r in pairs if p and not r)
        fn += sum(1 for p, r in pairs if r and not p)
        print(f"  {label:22s} F1 {scores[-1]:.3f}")
    same = sum(second[i] == ref[i] for i in ids)
    print(f"  macro-F1 {sum(scores) / len(scores):.3f}, micro-F1 "
          f"{2 * tp / (2 * tp + fp + fn):.3f}, identical label sets "
          f"{same / len(ids):.1%}")


def main():
    gold = {}
    for split in ("train", "dev", "test"):
        for r in read_jsonl(os.path.join(HERE, "..", f"{split}.jsonl")):
            gold[r["id"]] = r
    sentiment_agreement(gold)
    topic_agreement(gold)


if __name__ == "__main__":
    main()
