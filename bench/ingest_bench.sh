#!/usr/bin/env bash
# Ingest benchmark: sift's full ingest (encoding repair, normalisation,
# redaction, dedup, Xapian index with positions) beside Xapian's own
# scriptindex indexing the same texts with positions, in one run; then sift
# again with theme classification on (informational: scriptindex does no
# such thing).
#
#   bench/ingest_bench.sh [RESPONSES]      (default 200000)
#
# The corpus is the demo consultation scaled up by bench/make_scaled_corpus.cc.
# Prints seconds, responses/s, MB/s and peak RSS for both, and the ratio.
# Targets: sift within 1.5x of scriptindex's time; sift's peak RSS < 500 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
scripts/install-deps.sh --bench
scripts/build.sh sift sift_bench_corpus >/dev/null
work=${BENCH_DIR:-out/bench}
rm -rf "$work"
mkdir -p "$work"

build/bench/sift_bench_corpus corpora/demo/hertfordshire_lis_2019.csv "$n" \
  "$work/responses.csv" "$work/responses.scriptindex"
mb=$(du -m "$work/responses.csv" | cut -f1)

measure() {  # measure NAME COMMAND... -> "NAME seconds peak_kb"
  local name=$1; shift
  /usr/bin/time -f "$name %e %M" -o "$work/$name.time" "$@" >"$work/$name.out"
  cat "$work/$name.time"
}

sift_line=$(measure sift build/cli/sift ingest "$work/responses.csv" \
  --db "$work/sift.db" --report "$work/sift-report.json" --no-classify --quiet)
si_line=$(measure scriptindex scriptindex --stemmer=english "$work/scriptindex.db" \
  bench/scriptindex.script "$work/responses.scriptindex")
themes_line=""
if [[ -s "$(scripts/fetch-vectors.sh 2>/dev/null)" ]]; then
  themes_line=$(measure sift+models build/cli/sift ingest "$work/responses.csv" \
    --db "$work/sift-themes.db" --quiet)
fi

grep -q "\"rows_read\": $n" "$work/sift-report.json" ||
  { echo "sift did not read $n rows: see $work/sift-report.json" >&2; exit 1; }

echo
printf "Ingest of %d responses (%d MB of CSV), 1 writer each, this machine:\n" "$n" "$mb"
printf "%-12s %9s %12s %8s %14s\n" tool seconds responses/s MB/s "peak RSS MB"
lines=("$sift_line" "$si_line")
[[ -n "$themes_line" ]] && lines+=("$themes_line")
for line in "${lines[@]}"; do
  read -r name secs kb <<<"$line"
  awk -v name="$name" -v s="$secs" -v kb="$kb" -v n="$n" -v mb="$mb" 'BEGIN {
    printf "%-12s %9.1f %12.0f %8.2f %14.0f\n", name, s, n / s, mb / s, kb / 1024 }'
done
read -r _ sift_s sift_kb <<<"$sift_line"
read -r _ si_s _ <<<"$si_line"
awk -v a="$sift_s" -v b="$si_s" -v kb="$sift_kb" 'BEGIN {
  r = a / b
  printf "\nsift / scriptindex time: %.2fx (target <= 1.50x): %s\n", r, r <= 1.5 ? "met" : "NOT met"
  printf "sift peak RSS: %.0f MB (target < 500 MB): %s\n", kb / 1024, kb < 512000 ? "met" : "NOT met"
}'
