// Internal: the sentiment n-gram model, a sparse linear model over the
// distinct word unigrams and bigrams of a text: for each polarity, a
// one-vs-rest logistic regression on features weighted by their naive-Bayes
// log-count ratio (NBSVM, Wang and Manning 2012). Unlike the sentiment
// network's 32-wide hashed bag, it keeps one weight per n-gram and polarity,
// so rare but telling phrases ("no objection", "fails to address") keep
// their own say. Its three probabilities are inputs of the combiner
// (sentiment_pipeline.h). File format: models/FORMAT.md
// (sentiment_ngrams.bin).
//
// Thread safety: immutable once built or loaded; Probabilities() may be
// called from any number of threads.
#ifndef SIFT_NLP_SRC_NGRAM_SENTIMENT_H_
#define SIFT_NLP_SRC_NGRAM_SENTIMENT_H_

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {

struct NgramSentimentOptions {
  double smoothing = 1.0;  // added to every n-gram count (the NB ratio's alpha)
  int min_count = 2;       // n-grams in fewer training texts are left out
  int epochs = 8;          // passes of stochastic gradient descent
  double learning_rate = 0.1;
  double l2 = 1e-5;           // weight decay on the weights a text touches
  std::uint64_t seed = 2019;  // the order of the passes
};

class NgramSentiment {
 public:
  // The n-grams of analysis-text `tokens` (Tokenizer output): each distinct
  // word and each distinct adjacent pair ("w1 w2"), sorted.
  static std::vector<std::string> Ngrams(
      const std::vector<std::string>& tokens);

  // Fits the model on texts given as their tokens, with gold polarities.
  // REQUIRES: tokens.size() == gold.size(). InvalidArgument when there are
  // no texts or a polarity never occurs. Deterministic for the same inputs.
  static Result<NgramSentiment> Train(
      const std::vector<std::vector<std::string>>& tokens,
      const std::vector<Polarity>& gold, const NgramSentimentOptions& options);

  // Errors name `path`: NotFound, or Corruption for a damaged file.
  static Result<NgramSentiment> Load(const std::string& path);
  Status Write(const std::string& path) const;

  // p(negative), p(neutral), p(positive) of the three one-vs-rest models
  // (each in (0, 1); they need not sum to 1). A text with no known n-gram
  // gets the models' biases alone.
  std::array<double, 3> Probabilities(
      const std::vector<std::string>& tokens) const;

  std::size_t size() const { return weights_.size(); }

 private:
  // Per n-gram, the weight times the NB ratio, per polarity.
  std::unordered_map<std::string, std::array<float, 3>> weights_;
  std::array<double, 3> bias_{0, 0, 0};
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_NGRAM_SENTIMENT_H_
