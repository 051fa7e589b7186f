// Internal: the features the sentiment head reads, shared by training and
// inference so the two can never disagree.
#ifndef SIFT_NLP_SENTIMENT_FEATURES_H_
#define SIFT_NLP_SENTIMENT_FEATURES_H_

#include <string_view>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/sentences.h"
#include "sift/nlp/features.h"
#include "sift/nlp/sentiment_lexicon.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

// Rule-layer summaries first (kRuleFeatures of them), then the SIF mean of
// the text's word vectors. Not thread-safe: one per thread.
class SentimentFeaturizer {
 public:
  static constexpr int kRuleFeatures = 7;

  // REQUIRES: `lexicon` and `vectors` outlive the featurizer.
  static Result<SentimentFeaturizer> Create(const SentimentLexicon* lexicon,
                                            const WordVectors* vectors);
  int dim() const;

  // Features of `text` whose sentences are `sentences` (spans into text).
  void Extract(std::string_view text,
               const std::vector<ingest::TextSpan>& sentences,
               std::vector<double>* out);
  // Whether the last Extract() found anything to judge by: a rated word or
  // phrase, or a word of the vector table. Emoji-only or foreign-script
  // text has none, and is neutral rather than a guess.
  bool informative() const { return informative_; }
  // The word tokens of the last Extract()'s text (Tokenizer's, lower-cased;
  // what the sentiment n-gram model reads).
  const std::vector<std::string>& tokens() const {
    return text_features_.tokens;
  }
  // The rule layer's compound score of the whole text (VADER-style).
  double RuleCompound(const std::vector<double>& features) const {
    return features[0];
  }

 private:
  SentimentFeaturizer(const SentimentLexicon* lexicon, Featurizer featurizer);

  LexiconScorer scorer_;
  Featurizer featurizer_;
  TextFeatures text_features_;
  bool informative_ = false;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SENTIMENT_FEATURES_H_
