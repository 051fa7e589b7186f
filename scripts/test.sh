#!/usr/bin/env bash
# Quick start, step 2: build and run every test (GoogleTest through CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/fetch-vectors.sh >/dev/null  # the real-table integration tests need it
scripts/fetch-lexicon.sh >/dev/null  # sentiment tests and the model need it
ctest --test-dir build --output-on-failure -j2
