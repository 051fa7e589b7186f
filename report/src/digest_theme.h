// Internal: what people said about one theme (or outside the taxonomy):
// distinctive phrases, evidence quotes and sub-themes of a set of sentences.
#ifndef SIFT_REPORT_SRC_DIGEST_THEME_H_
#define SIFT_REPORT_SRC_DIGEST_THEME_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "digest_corpus.h"
#include "sift/core/status.h"

namespace sift::report {

struct TextSummaryOptions {
  int quotes = 5;
  int voices = 2;  // critical and supportive quotes each
  int phrases = 12;
  std::size_t max_phrase_sentences = 60000;  // per side, sampled evenly
  std::int64_t responses = 0;  // in the database, for the sub-theme gate
};

// {"phrases": [...], "quotes": [...], "voices": {"negative": [...],
// "positive": [...]}, "subthemes": [...]} for the sentences
// `target` against `background` (indexes into corpus.sentences), shaped as
// report/DIGEST_FORMAT.md says. Deterministic.
Result<nlohmann::ordered_json> SummariseText(
    const Corpus& corpus, const std::vector<std::size_t>& target,
    const std::vector<std::size_t>& background,
    const TextSummaryOptions& options);

// A quote object: {"id", "text", "respondent_type", "sector", "sentiment"}.
nlohmann::ordered_json QuoteJson(const Corpus& corpus, std::size_t sentence);

// Every `step`-th index so that at most `max` remain (all when fewer).
std::vector<std::size_t> EvenSample(const std::vector<std::size_t>& indexes,
                                    std::size_t max);

}  // namespace sift::report

#endif  // SIFT_REPORT_SRC_DIGEST_THEME_H_
