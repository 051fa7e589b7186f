#!/usr/bin/env python3
"""Build the synthetic Hertfordshire LIS 2019 demo export (hertfordshire_lis_2019.csv).

Reads the hand-written respondent objects in responses_*.json and the campaign
template in campaign.json (all in this directory), orders the respondents with a
fixed seed, assigns Response IDs and submission dates, and writes a wide CSV the
way a survey tool exports it: UTF-8 with BOM, CRLF, RFC 4180 quoting.

Standard library only. Deterministic: the same inputs always give the same bytes.
It asserts every count the README promises and prints them.

    python3 corpora/demo/make_demo.py
"""
import csv
import datetime as dt
import glob
import io
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hertfordshire_lis_2019.csv")
SEED = 20190304

QUESTIONS = [
    "Q1. What are the greatest strengths of the Hertfordshire economy that the Local Industrial Strategy should build on?",
    "Q2. What are the main barriers to productivity and growth for businesses in Hertfordshire?",
    "Q3. What should the strategy do about skills and the workforce?",
    "Q4. How should Hertfordshire respond to the Grand Challenges (AI and data, clean growth, future of mobility, an ageing society)?",
    "Q5. Do you have any other comments?",
]
HEADER = ["Response ID", "Date submitted", "Respondent type", "Organisation",
          "Sector", "District"] + QUESTIONS
QKEYS = ["q1", "q2", "q3", "q4", "q5"]

TYPES = {
    "res": "An individual / resident",
    "bus": "A business",
    "la": "A local authority",
    "uni": "A university or college",
    "vcs": "A charity or community group",
    "pub": "Other public body",
    "bro": "A business representative organisation",
}
DISTRICT_SPELLINGS = {
    "Broxbourne", "Dacorum", "East Hertfordshire", "East Herts", "Hertsmere",
    "North Hertfordshire", "North Herts", "St Albans", "St. Albans", "st albans",
    "Stevenage", "Three Rivers", "Watford", "Welwyn Hatfield", "",
}

# --- planted-item detectors (used only to count and assert) -----------------
RE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
RE_PHONE = re.compile(r"(?:\+44\s?\d{2,4}|\(0\d{3,4}\)|\b0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
RE_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.I)
RE_NINO = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
RE_SOCIAL = re.compile(r"https?://(?:www\.)?(?:facebook|twitter|instagram|linkedin)\.com/\S+")
RE_HTML = re.compile(r"&amp;|&nbsp;|<br\s*/?>|</?p>")
MUST_KEEP = {  # things a PII redactor must leave alone
    "year": re.compile(r"\b(?:2019|2030|2050)\b"),
    "money": re.compile(r"£\d[\d,.]*(?:m|bn|k)?"),
    "percent": re.compile(r"\d+(?:\.\d+)?\s?%"),
    "policy_ref": re.compile(r"Policy\s\d+/\d+"),
    "road": re.compile(r"\b(?:A\d{1,4}(?:\(M\))?|M25|M1)\b"),
    "org_url": re.compile(r"https?://(?!(?:www\.)?(?:facebook|twitter)\.com)\S+"),
}


def build_campaign(tpl, spec):
    """Template letter plus this member's variation (all explicit in the JSON)."""
    sents = list(tpl["sentences"])
    for i in sorted(spec.get("drop", []), reverse=True):
        del sents[i]
    text = " ".join(sents)
    for old, new in spec.get("swap", []):
        assert old in text, (old, spec)
        text = text.replace(old, new, 1)
    text = tpl["greeting"] + "\n\n" + text + "\n\n" + tpl["signoff"]
    if spec.get("pre"):
        text = spec["pre"] + "\n\n" + text
    if spec.get("post"):
        text = text + "\n\n" + spec["post"]
    return text


def words(s):
    return len(s.split())


def sentences(s):
    for part in re.split(r"(?<=[.!?…])\s+|\n+", s):
        part = part.strip(" -•\t")
        if words(part) >= 6:
            yield re.sub(r"\s+", " ", part.lower())


def main():
    files = sorted(glob.glob(os.path.join(HERE, "responses_*.json")))
    assert files, "no responses_*.json found"
    people = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            people.extend(json.load(fh))
    with open(os.path.join(HERE, "campaign.json"), encoding="utf-8") as fh:
        tpl = json.load(fh)

    # campaign letters are assembled from the template + each member's variation
    for p in people:
        if "campaign" in p:
            assert p.get("q5", "") == "", "campaign member already has q5"
            p["q5"] = build_campaign(tpl, p["campaign"])

    rng = random.Random(SEED)
    rng.shuffle(people)

    # submission dates: sorted random minutes between 04/03/2019 09:00 and 31/05/2019 23:00
    start = dt.datetime(2019, 3, 4, 8, 0)
    end = dt.datetime(2019, 5, 31, 23, 0)
    span = int((end - start).total_seconds() // 60)
    stamps = []
    while len(stamps) < len(people):
        t = start + dt.timedelta(minutes=rng.randrange(span))
        if 7 <= t.hour <= 23:  # few people respond at 3am
            stamps.append(t)
    stamps.sort()

    rows = []
    for n, (p, t) in enumerate(zip(people, stamps), 1):
        assert p["type"] in TYPES, p
        assert p.get("district", "") in DISTRICT_SPELLINGS, p.get("district")
        if p["type"] == "res":
            assert not p.get("org"), p
        else:
            assert p.get("org"), p
        rows.append([
            "HLIS-2019-%04d" % n,
            t.strftime("%d/%m/%Y %H:%M"),
            TYPES[p["type"]],
            p.get("org", ""),
            p.get("sector", ""),
            p.get("district", ""),
        ] + [p.get(k, "") for k in QKEYS])

    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(HEADER)
    w.writerows(rows)
    with open(OUT, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(buf.getvalue())

    # ------------------------------------------------------------ counts
    answers = [(r[0], i, r[6 + i]) for r in rows for i in range(5) if r[6 + i].strip()]
    texts = [a[2] for a in answers]
    c = {}
    c["respondents"] = len(rows)
    for code, label in TYPES.items():
        c["type:" + label] = sum(1 for r in rows if r[2] == label)
    c["non_empty_answers"] = len(answers)
    for i in range(5):
        c["answers_q%d" % (i + 1)] = sum(1 for a in answers if a[1] == i)
    c["blank_rows"] = sum(1 for r in rows if not any(x.strip() for x in r[6:]))
    c["blank_sector"] = sum(1 for r in rows if not r[4].strip())
    c["blank_district"] = sum(1 for r in rows if not r[5].strip())
    c["short_answers(<=6 words)"] = sum(1 for t in texts if words(t) <= 6)
    c["long_answers(multi-paragraph, >=50 words)"] = sum(1 for t in texts if "\n" in t and words(t) >= 50)
    c["answers_with_newlines"] = sum(1 for t in texts if "\n" in t)
    c["answers_with_bullets"] = sum(1 for t in texts if re.search(r"^(?:- |• )", t, re.M))
    c["answers_with_smart_punct(’‘“”–—)"] = sum(1 for t in texts if re.search("[’‘“”–—]", t))
    c["answers_with_ellipsis(…)"] = sum(1 for t in texts if "…" in t)
    c["answers_with_nbsp(U+00A0)"] = sum(1 for t in texts if "\u00a0" in t)
    c["answers_with_html_leftovers"] = sum(1 for t in texts if RE_HTML.search(t))
    c["non_answers(N/A, no comment, see Qn)"] = sum(
        1 for t in texts if re.fullmatch(r"(?i)\s*(n/?a\.?|none\.?|no comments?\.?|nothing to add\.?|no further comments?\.?|see (my |our )?(answer|response) to q\d\.?|as above\.?|-)\s*", t))
    c["pii_email"] = sum(len(RE_EMAIL.findall(t)) for t in texts)
    c["pii_phone"] = sum(len(RE_PHONE.findall(t)) for t in texts)
    c["pii_postcode"] = sum(len(RE_POSTCODE.findall(t)) for t in texts)
    c["pii_ni_number"] = sum(len(RE_NINO.findall(t)) for t in texts)
    c["pii_social_url"] = sum(len(RE_SOCIAL.findall(t)) for t in texts)
    for k, rx in MUST_KEEP.items():
        c["keep:" + k] = sum(len(rx.findall(t)) for t in texts)

    camp = [p["q5"] for p in people if "campaign" in p]
    base = build_campaign(tpl, {})
    c["campaign_members"] = len(camp)
    c["campaign_exact_duplicates"] = sum(1 for t in camp if t == base)
    c["campaign_template_words"] = words(" ".join(tpl["sentences"]))

    # sentence re-use outside the campaign
    seen = {}
    dupes = []
    for p in people:
        for k in QKEYS:
            if k == "q5" and "campaign" in p:
                continue
            for s in set(sentences(p.get(k, ""))):
                if s in seen and seen[s] is not p:
                    dupes.append(s)
                seen.setdefault(s, p)
    c["reused_sentences_outside_campaign"] = len(dupes)

    width = max(len(k) for k in c)
    for k, v in c.items():
        print(f"{k:<{width}}  {v}")

    # ------------------------------------------------------------ asserts
    n = c["respondents"]
    assert n == 170, n
    assert c["non_empty_answers"] >= 430, c["non_empty_answers"]
    res = c["type:" + TYPES["res"]]
    bus = c["type:" + TYPES["bus"]]
    assert 0.42 <= res / n <= 0.48, res
    assert 0.22 <= bus / n <= 0.28, bus
    assert 0.27 <= (n - res - bus) / n <= 0.33, n - res - bus
    assert c["blank_rows"] == 2, c["blank_rows"]
    assert 0.12 <= c["blank_sector"] / n <= 0.18, c["blank_sector"]
    assert 1 <= c["blank_district"] <= 8, c["blank_district"]
    na = c["non_empty_answers"]
    assert 0.20 <= c["short_answers(<=6 words)"] / na <= 0.32, c["short_answers(<=6 words)"]
    assert 0.20 <= c["long_answers(multi-paragraph, >=50 words)"] / na <= 0.32
    assert c["answers_with_bullets"] >= 20
    assert c["answers_with_smart_punct(’‘“”–—)"] >= 40
    assert c["answers_with_ellipsis(…)"] >= 3
    assert c["answers_with_nbsp(U+00A0)"] >= 3
    assert c["answers_with_html_leftovers"] == 3, c["answers_with_html_leftovers"]
    assert c["non_answers(N/A, no comment, see Qn)"] >= 4
    assert c["pii_email"] == 10, c["pii_email"]
    assert c["pii_phone"] == 8, c["pii_phone"]
    assert c["pii_postcode"] == 4, c["pii_postcode"]
    assert c["pii_ni_number"] == 2, c["pii_ni_number"]
    assert c["pii_social_url"] == 2, c["pii_social_url"]
    for k in MUST_KEEP:
        assert c["keep:" + k] >= 2, k
    assert c["campaign_members"] == 12
    assert c["campaign_exact_duplicates"] == 3
    assert len(set(camp)) == 10  # 3 identical + 9 distinct variants
    assert all(p["type"] == "res" for p in people if "campaign" in p)
    assert 100 <= c["campaign_template_words"] <= 140
    assert not dupes, dupes[:10]
    ids = [r[0] for r in rows]
    assert len(set(ids)) == len(ids)
    # round-trip: the file parses back to the same rows
    with open(OUT, encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert back[0] == HEADER and back[1:] == rows
    with open(OUT, "rb") as fh:
        raw = fh.read()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") >= n + 1
    print(f"wrote {OUT} ({len(raw)} bytes, {n} rows)")


if __name__ == "__main__":
    sys.exit(main())
