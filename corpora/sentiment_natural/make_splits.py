#!/usr/bin/env python3
"""Split sift's natural opinion-text corpus: dev/test (50/50) and train.

Reads raw/*.jsonl (next to this script; one file per genre) and deals them
with ../sentiment_general/make_splits.py's split_corpus(): every record
checked, repeats dropped (texts equal after lower-casing and removing
everything but letters and digits, within this corpus or with any text of
../sentiment_general/raw/, whose training split must not leak in), each
(genre, sentiment, score band) stratum shuffled with seed 2019 and dealt
50/50 into dev.jsonl and test.jsonl. Then writes train.jsonl from
raw_train/*.jsonl (the second round), checked the same way and without any
text that repeats one of raw/ or of ../sentiment_general/raw/.

Standard library only; deterministic. Usage: python3 make_splits.py
"""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
GENERAL = os.path.join(HERE, "..", "sentiment_general")


def general_splitter():
    spec = importlib.util.spec_from_file_location(
        "general_make_splits", os.path.join(GENERAL, "make_splits.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    splitter = general_splitter()
    general, _ = splitter.load(GENERAL)
    exclude = frozenset(splitter.text_key(r["text"]) for r in general)
    held_out = splitter.split_corpus(HERE, ("dev", "test"), (0.5, 0.5),
                                     exclude)
    splitter.split_corpus(HERE, ("train",), (1.0,), exclude | held_out,
                          raw="raw_train")


if __name__ == "__main__":
    main()
