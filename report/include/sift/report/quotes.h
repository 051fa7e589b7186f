// Evidence quotes: a few sentences that show, in respondents' own words,
// what a theme (or sub-theme) is about, chosen by maximal marginal relevance
// (Carbonell and Goldstein, 1998).
//
// Each candidate sentence comes with a sentence vector (e.g.
// nlp::Featurizer::MeanVector of its text). Picks are made one at a time;
// the next pick is the eligible candidate with the highest
//
//   lambda * cos(v, centroid) - (1 - lambda) * max over chosen q of cos(v, q)
//
// so the first pick is the most central sentence and later ones trade
// centrality for saying something the earlier ones did not. The centroid is
// the caller's (e.g. a cluster centroid) or else the mean of the candidates'
// non-zero vectors.
//
// A candidate is eligible when
//  - it has at least min_words words and at most max_chars characters
//    (QuoteWords, QuoteChars: a quote must be a sentence, and fit a report);
//  - its vector is not zero (a sentence without known words says nothing
//    we can measure);
//  - no quote from its document was chosen yet (one voice per response);
//  - its cosine to every chosen quote is at most duplicate_cosine (the same
//    sentence pasted by a campaign is one quote, not five).
// Ties go to the lower candidate index, so the choice is deterministic.
//
// Thread safety: pure function; call it from any thread.
#ifndef SIFT_REPORT_QUOTES_H_
#define SIFT_REPORT_QUOTES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::report {

struct QuoteOptions {
  int k = 5;                       // quotes wanted (fewer if fewer qualify)
  double lambda = 0.7;             // relevance weight in [0, 1]
  int min_words = 6;               // shorter sentences are skipped
  int max_chars = 300;             // longer sentences are skipped; 0: no limit
  double duplicate_cosine = 0.95;  // above this to a chosen quote: skipped
};

struct QuoteCandidate {
  std::string_view text;       // the sentence as it will be quoted (UTF-8)
  std::uint64_t document = 0;  // response id (one quote per document)
};

// Words of `text`: maximal runs of non-space bytes that contain at least one
// letter or digit (any non-ASCII byte counts as a letter), so "-" and "&" in
// "skills - and training" are not words.
int QuoteWords(std::string_view text);

// Characters of `text`: UTF-8 code points (bytes that are not continuation
// bytes).
int QuoteChars(std::string_view text);

// Chooses up to options.k candidates and returns their indices in the order
// chosen. `vectors` holds one vector of `dim` floats per candidate, row
// after row; rows need not be unit length (cosines are computed). `centroid`
// is empty (use the candidates' mean) or `dim` floats. Fails with
// kInvalidArgument when sizes disagree or an option is out of range.
Result<std::vector<std::size_t>> SelectQuotes(
    std::span<const QuoteCandidate> candidates, std::span<const float> vectors,
    int dim, std::span<const float> centroid, const QuoteOptions& options);

}  // namespace sift::report

#endif  // SIFT_REPORT_QUOTES_H_
