#!/usr/bin/env bash
# Set-up step: fetches VADER's sentiment lexicon (MIT licence; 7,517 rated
# words and emoticons) from the npm package vader-sentiment@1.1.3 into the
# cache beside the word vectors, once, and prints its path.
#
#   scripts/fetch-lexicon.sh
#
# Environment:
#   SIFT_DATA_DIR  cache directory (default: ~/.cache/sift)
set -euo pipefail

package=vader-sentiment
version=1.1.3
cache=$(realpath -m "${SIFT_DATA_DIR:-$HOME/.cache/sift}")
lexicon="$cache/vader_lexicon.txt"

if [[ -s "$lexicon" ]]; then
  echo "$lexicon"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "Downloading $package@$version (npm pack) into $cache" >&2
npm pack "$package@$version" --pack-destination "$work" --silent >/dev/null
tar -xzf "$work/$package-$version.tgz" -C "$work" package/vader_lexicon.txt
lines=$(wc -l <"$work/package/vader_lexicon.txt")
if ((lines < 7000)); then
  echo "error: $package@$version's vader_lexicon.txt has only $lines lines" >&2
  exit 1
fi
mv "$work/package/vader_lexicon.txt" "$lexicon"  # whole or not at all
echo "$lexicon"
