// Internal: per-label calibration and thresholds, fitted on held-out data.
#ifndef SIFT_NLP_SRC_CALIBRATION_H_
#define SIFT_NLP_SRC_CALIBRATION_H_

#include <vector>

namespace sift::nlp {

// Fits Platt scaling, P(y=1 | logit) = sigmoid(a * logit + b), by Newton's
// method on the log-loss with Platt's smoothed targets. Returns {a, b};
// {1, 0} when the data cannot support a fit (no positives or negatives).
std::pair<float, float> FitPlatt(const std::vector<float>& logits,
                                 const std::vector<bool>& gold);

// The threshold on `scores` that maximises F1 against `gold`, midway
// between neighbouring scores, clamped to [0.05, 0.95]; 0.5 without
// positives.
float BestF1Threshold(const std::vector<float>& scores,
                      const std::vector<bool>& gold);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_CALIBRATION_H_
