// Internal: the sentiment head's parameters and its file, sentiment.json
// (format in models/FORMAT.md).
#ifndef SIFT_NLP_SENTIMENT_HEAD_H_
#define SIFT_NLP_SENTIMENT_HEAD_H_

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {

// The combiner's inputs (sentiment_pipeline.h): head score, rule compound,
// lowest and highest sentence head score, the network's three
// probabilities, a constant 1, and the n-gram model's three probabilities.
inline constexpr int kCombinerInputs = 11;

struct SentimentHead {
  std::uint64_t lexicon_fingerprint = 0;
  std::uint64_t vectors_checksum = 0;
  double penalty = 0;
  double bias = 0;
  std::vector<double> mean;   // per feature, subtracted
  std::vector<double> scale;  // per feature, divided by
  std::vector<double> weights;
  // Final score: (1 - rule_weight) * ridge + rule_weight * (rule_slope *
  // rule compound + rule_intercept), clamped to [-1, 1].
  double rule_weight = 0;
  double rule_slope = 1;
  double rule_intercept = 0;
  // The sentiment network's subdirectory ("" for none) and the combiner
  // over it (sentiment_pipeline.h): kCombinerInputs x 3 weights, row-major,
  // empty for none; how the final score is made: "head" (the head's
  // score), "expected" (p(positive) - p(negative)) or "mix" (their mean).
  std::string network;
  // The sentiment n-gram model's file in the model directory
  // (ngram_model.h, three labels: the polarities; "" for none).
  std::string ngrams;
  std::vector<double> combiner;
  std::string score_rule = "head";
  // Added to the combiner's log-probabilities before the class is chosen
  // (negative, neutral, positive), tuned on dev for macro-F1: the log-loss
  // fit under-calls the hardest class, neutral.
  std::array<double, 3> class_bias{0, 0, 0};
  // The domain gate (empty domain_weights for none): a logistic regression
  // over the standardised features, the probability that a text is like
  // the responses the model serves rather than general opinion text. The
  // general combiner and class biases are fitted on general dev text; a
  // text's probabilities and biases are the gate-weighted mix of the two.
  std::vector<double> domain_weights;
  double domain_bias = 0;
  std::vector<double> general_combiner;
  std::array<double, 3> general_class_bias{0, 0, 0};
  double negative_threshold = -0.05;
  double positive_threshold = 0.05;
  double dev_macro_f1 = 0;
  double dev_pearson = 0;

  // The head's score for standardised-on-the-fly features, in [-1, 1].
  double Score(const std::vector<double>& features) const;
  int Classify(double score) const;  // Polarity as int
  // The gate's probability that `features` come from a response; 1 when
  // the model has no gate.
  double Domain(const std::vector<double>& features) const;
};

// The (negative, positive) thresholds with the best macro-F1 of `scores`
// against `gold` (a grid of steps of 0.02), and that F1.
std::pair<double, double> TuneScoreThresholds(const std::vector<double>& scores,
                                              const std::vector<Polarity>& gold,
                                              double* best_f1);

Status WriteSentimentHead(const SentimentHead& head, const std::string& path);
Result<SentimentHead> ReadSentimentHead(const std::string& path);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SENTIMENT_HEAD_H_
