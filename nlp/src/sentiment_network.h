// Internal: the sentiment network (a Classifier over the three polarities,
// trained by the same Train() as the theme classifier) and the combiner
// fitted over it on dev (sentiment_pipeline.h).
#ifndef SIFT_NLP_SRC_SENTIMENT_NETWORK_H_
#define SIFT_NLP_SRC_SENTIMENT_NETWORK_H_

#include <memory>
#include <vector>

#include "sentiment_features.h"
#include "sentiment_head.h"
#include "sift/core/status.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {

// Trains the network into paths.model_dir/sentiment_network (early
// stopping on the responses' dev examples), fits the combiner and class
// biases on those and chooses the score rule by 5-fold cross-validated
// Pearson r on them (`seed` seeds the network's training); updates
// head->network, combiner, class_bias, score_rule, the thresholds and the dev
// metrics (cross-validated; macro-F1 with each fold's class biases tuned
// on the other folds). When head has a domain gate and `probe_head` is
// given, also fits general_combiner and general_class_bias on the general
// dev examples as an out-of-domain probe reads them: `probe_head` (the head
// refitted on the responses alone) with a network and n-gram model trained,
// in a scratch directory that is removed again, on the responses alone. Their
// cross-validated metrics go in *report. Leaves `head` as it was when the
// examples carry no analysis text.
Status TrainSentimentNetwork(const std::vector<SentimentExample>& train,
                             const std::vector<SentimentExample>& dev,
                             const SentimentPaths& paths, std::uint64_t seed,
                             std::shared_ptr<const WordVectors> vectors,
                             SentimentFeaturizer* featurizer,
                             const SentimentHead* probe_head,
                             SentimentHead* head, SentimentTrainReport* report);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_SENTIMENT_NETWORK_H_
