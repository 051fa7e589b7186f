#!/usr/bin/env bash
# Campaign detection benchmark: quality on the US regulations.gov comment
# files (exact groups as ground truth, per file and in total), then the time
# and peak RSS of Add()+Find() on synthetic responses made from them.
#
#   bench/campaign_bench.sh [RESPONSES] [-- EVAL FLAGS...]   (default 200000)
#
# Data: $SHARED_DIR/data/regulations_gov_comments_cdo_council (SHARED_DIR
# defaults to ../shared beside the repository); skipped, exit 0, if absent.
# --spot-check among the flags prints the five largest campaigns per file
# with commenters' words: read it, do not commit it.
# Targets: pairwise precision >= 0.95 and recall >= 0.90 on exact groups;
# 200,000 responses in < 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
shift || true
[[ "${1:-}" == "--" ]] && shift
shared=${SHARED_DIR:-$(pwd)/../shared}
data="$shared/data/regulations_gov_comments_cdo_council"
if [[ ! -d "$data" ]]; then
  echo "skipped: ../shared/data/regulations_gov_comments_cdo_council not found ($data)"
  exit 0
fi
scripts/build.sh sift_campaign_eval >/dev/null
build/bench/sift_campaign_eval "$data" --synthetic "$n" "$@"
