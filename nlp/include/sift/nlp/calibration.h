// Per-label calibration and thresholds, fitted on held-out data, and the
// evaluation report as JSON. Training uses them; so do benchmarks that must
// treat another classifier's scores exactly as sift treats its own.
//
// Thread safety: pure functions.
#ifndef SIFT_NLP_CALIBRATION_H_
#define SIFT_NLP_CALIBRATION_H_

#include <string>
#include <utility>
#include <vector>

#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

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

// `report` as one JSON object: {"responses", "labels": {id: {"precision",
// "recall", "f1", "support"}}, "micro_f1", "macro_f1", "label_cardinality":
// {"gold", "predicted"}} (what `sift eval --json` prints under "themes").
std::string EvalReportJson(const EvalReport& report, const Taxonomy& taxonomy);

}  // namespace sift::nlp

#endif  // SIFT_NLP_CALIBRATION_H_
