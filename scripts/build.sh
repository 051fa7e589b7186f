#!/usr/bin/env bash
# Configures and builds sift in Release into build/ (two parallel jobs).
#   scripts/build.sh            everything: libraries, sift, tests, benchmarks
#   scripts/build.sh TARGET...  only those targets (e.g. sift)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j2 "${targets[@]}"
