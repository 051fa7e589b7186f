#!/usr/bin/env bash
# Themes and digest benchmark: `sift themes` and `sift digest` over a
# database of RESPONSES responses (the demo consultation scaled up by
# bench/make_scaled_corpus.cc, ingested with the bundled model), timed with
# peak RSS.
#
#   bench/themes_bench.sh [RESPONSES]      (default 200000)
#
# Targets (issue 5): themes and digest over 200,000 responses in under 2
# minutes each, peak RSS under 2 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
scripts/install-deps.sh --bench
scripts/build.sh sift sift_bench_corpus >/dev/null
scripts/fetch-vectors.sh >/dev/null
scripts/fetch-lexicon.sh >/dev/null
work=${BENCH_DIR:-out/bench-themes}
rm -rf "$work"
mkdir -p "$work"
build/bench/sift_bench_corpus corpora/demo/hertfordshire_lis_2019.csv "$n" \
  "$work/responses.csv" "$work/responses.scriptindex" >/dev/null
/usr/bin/time -f "ingest %e %M" -o "$work/ingest.time" \
  build/cli/sift ingest "$work/responses.csv" --db "$work/db" --quiet >/dev/null
/usr/bin/time -f "themes %e %M" -o "$work/themes.time" \
  build/cli/sift themes --db "$work/db" --json --quiet >"$work/themes.json"
/usr/bin/time -f "digest %e %M" -o "$work/digest.time" \
  build/cli/sift digest --db "$work/db" --out "$work/digest.html" --quiet
printf "%d responses, this machine:\n%-8s %9s %14s\n" "$n" step seconds "peak RSS MB"
for step in ingest themes digest; do
  read -r name secs kb <"$work/$step.time"
  awk -v n="$name" -v s="$secs" -v kb="$kb" \
    'BEGIN { printf "%-8s %9.1f %14.0f\n", n, s, kb / 1024 }'
done
for step in themes digest; do
  read -r _ secs kb <"$work/$step.time"
  awk -v n="$step" -v s="$secs" -v kb="$kb" 'BEGIN {
    printf "%s: %.1f s (target < 120 s): %s; %.0f MB (target < 2048 MB): %s\n",
      n, s, s < 120 ? "met" : "NOT met", kb / 1024, kb < 2097152 ? "met" : "NOT met" }'
done
