// Distinctive phrases: the 1-3-word phrases that a theme's sentences use
// markedly more often than the rest of the consultation, the "in their own
// words" line of a theme summary ("access to finance", "full fibre
// broadband").
//
// A phrase is a run of 1..max_words consecutive tokens inside one sentence
// (never across sentences) that
//  - neither starts nor ends with a stopword (IsStopword; a stopword inside
//    is fine: "access to finance"), and
//  - contains no excluded token (IsExcludedToken: redaction placeholders
//    such as "[email]" and tokens that are only a number, "2030", "1.5").
// Each phrase is scored by Dunning's log-likelihood ratio G² (LogLikelihood)
// of its count in the target sentences against its count in the background
// sentences, each relative to the number of positions a phrase of its length
// has in that set. Only phrases over-represented in the target are kept
// (under-represented ones score G² too, but are not "distinctive").
//
// Boilerplate resistance: a respondent who pastes the same paragraph ten
// times must not decide the theme's vocabulary. So a phrase needs
// min_documents distinct target documents (not just min_count occurrences),
// and each document contributes at most max_per_document occurrences to the
// counts that G² is computed from (both in the target and the background).
//
// Redundancy: of two phrases where one is a contiguous run of the other's
// words and the counts are nearly the same (the smaller at least
// redundancy_ratio of the larger), only the longer is listed: "full fibre"
// adds nothing beside "full fibre broadband" when nearly every "full fibre"
// is followed by "broadband". The ranking is walked from the top, so a
// phrase only ever gives way to one that made the list; max_phrases bounds
// the list after suppression.
//
// Ranking is by score, then count, then the phrase text (byte order), so the
// output is the same for the same input on every run and machine.
//
// Thread safety: all functions are pure; call them from any thread.
#ifndef SIFT_REPORT_PHRASES_H_
#define SIFT_REPORT_PHRASES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::report {

// One sentence as the phrase miner sees it.
struct PhraseSentence {
  // Lower-cased word tokens in order, as nlp::Tokenizer gives them
  // (punctuation already dropped). Tokens must not contain a space.
  std::vector<std::string> tokens;
  // Who wrote it: a response or respondent id, as the caller chooses what
  // "independent evidence" means. Only equality matters.
  std::uint64_t document = 0;
};

struct PhraseOptions {
  int max_words = 3;         // phrases of 1..max_words tokens (1..5)
  int min_count = 3;         // occurrences in the target, at least
  int min_documents = 3;     // distinct target documents, at least
  int max_per_document = 1;  // per-document cap on counts used by G²; 0: none
  // Minimum G² to report. 10.83 is the chi-squared critical value for one
  // degree of freedom at p = 0.001 (Rayson and Garside's usual cut-off).
  double min_score = 10.83;
  double redundancy_ratio = 0.8;  // in (0, 1]; see the file comment
  int max_phrases = 20;           // the top this many; 0: all
};

struct Phrase {
  std::string text;          // tokens joined by single spaces
  int words = 0;             // number of tokens
  double score = 0;          // G² from the capped counts, > 0
  int count = 0;             // occurrences in the target (uncapped)
  int documents = 0;         // distinct target documents using it
  int background_count = 0;  // occurrences in the background (uncapped)
};

// Dunning's G² for a phrase seen `a` times in a target of `c` positions and
// `b` times in a background of `d` positions: 2 * sum O ln(O/E) over the
// four cells of the 2x2 table (terms with O = 0 contribute 0). Always >= 0;
// it does not say in which direction the difference lies. REQUIRES: 0 <= a
// <= c, 0 <= b <= d, c + d > 0.
double LogLikelihood(double a, double b, double c, double d);

// True for English function words (articles, pronouns, auxiliaries,
// prepositions, conjunctions, common adverbs such as "very"), lower case.
bool IsStopword(std::string_view token);

// True for a redaction placeholder ("[email]", "[phone]", "[postcode]",
// "[nino]", "[url]", in any case) and for a token with at least one digit
// and nothing else but digits and the separators . , : / % - (for example
// "2030", "1,500", "50%"). "5g" and "m62" are words, not numbers.
bool IsExcludedToken(std::string_view token);

// The distinctive phrases of `target` against `background`, best first.
// The background should be the sentences not in the target (e.g. the rest of
// the consultation); passing a superset of the target only makes the test
// more conservative. Fails with kInvalidArgument when an option is out of
// range; empty inputs give an empty list.
Result<std::vector<Phrase>> DistinctivePhrases(
    const std::vector<PhraseSentence>& target,
    const std::vector<PhraseSentence>& background,
    const PhraseOptions& options);

}  // namespace sift::report

#endif  // SIFT_REPORT_PHRASES_H_
