#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on
# the bundled demo consultation (corpora/demo/). Outputs go to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh sift >/dev/null
scripts/fetch-vectors.sh >/dev/null  # word vectors for the classifier, cached
scripts/fetch-lexicon.sh >/dev/null  # VADER lexicon for sentiment, cached
out=out/demo
rm -rf "$out"
mkdir -p "$out"
sift=build/cli/sift
demo=corpora/demo/hertfordshire_lis_2019.csv

echo "== sift ingest (wide export: one response per answered question)"
"$sift" ingest "$demo" --db "$out/db" --text 'Q*' --report "$out/ingest.json"
echo
echo "== sift search '\"green belt\"' --facets"
"$sift" search '"green belt"' --db "$out/db" --limit 3 --facets | tee "$out/search.txt"
echo
echo "== sift classify (themes of every answer, with the bundled model)"
"$sift" classify "$demo" --text 'Q*' --out "$out/themes.jsonl"
head -n 3 "$out/themes.jsonl"
echo
echo "== sift campaigns (template letters; members stay in every count)"
"$sift" campaigns --db "$out/db" --json >"$out/campaigns.json"
"$sift" campaigns --db "$out/db" --show-additions 2 | head -n 12
echo
echo "== sift themes --theme infrastructure (counts, phrases, quotes, sub-themes)"
"$sift" themes --db "$out/db" --theme infrastructure --quiet | head -n 12
echo
echo "== sift digest (the board's report: HTML, Markdown and JSON)"
title="Hertfordshire Local Industrial Strategy: call for evidence 2019 (demo)"
"$sift" digest --db "$out/db" --out "$out/digest.html" --title "$title" --quiet
"$sift" digest --db "$out/db" --out "$out/digest.md" --title "$title" --quiet
"$sift" digest --db "$out/db" --out "$out/digest.json" --title "$title" --quiet
echo
echo "Outputs:"
echo "  database       $out/db"
echo "  ingest report  $out/ingest.json"
echo "  search result  $out/search.txt"
echo "  themes         $out/themes.jsonl (themes, sentiment, sector)"
echo "  campaigns      $out/campaigns.json"
echo "  digest         $out/digest.md, $out/digest.json"
echo "Try: $sift search 'broadband' --db $out/db --district 'East Herts' --facets"
echo "     $sift search '' --db $out/db --sentiment negative --sector resident --facets"
echo
echo "Digest: $PWD/$out/digest.html"
