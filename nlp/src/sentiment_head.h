// Internal: the sentiment head's parameters and its file, sentiment.json
// (format in models/FORMAT.md).
#ifndef SIFT_NLP_SENTIMENT_HEAD_H_
#define SIFT_NLP_SENTIMENT_HEAD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sift/core/status.h"

namespace sift::nlp {

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
  double negative_threshold = -0.05;
  double positive_threshold = 0.05;
  double dev_macro_f1 = 0;
  double dev_pearson = 0;

  // The head's score for standardised-on-the-fly features, in [-1, 1].
  double Score(const std::vector<double>& features) const;
  int Classify(double score) const;  // Polarity as int
};

Status WriteSentimentHead(const SentimentHead& head, const std::string& path);
Result<SentimentHead> ReadSentimentHead(const std::string& path);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SENTIMENT_HEAD_H_
