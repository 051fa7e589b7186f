// Internal: the trainer's use of the n-gram model (ngram_model.h): fitting
// one on labelled responses, its logits for dev texts, and mixing them with
// the network's (model.h defines the mix).
#ifndef SIFT_NLP_SRC_NGRAM_TRAINING_H_
#define SIFT_NLP_SRC_NGRAM_TRAINING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngram_model.h"
#include "sift/core/status.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {

// Per label, the n-gram model's logits of `texts` (analysis forms).
Result<std::vector<std::vector<float>>> NgramLogits(
    const NgramModel& ngrams, const std::vector<std::string>& texts);

// The n-gram model of `train` for `labels` labels; none when the data
// cannot support one (a label on every text or on none); any other failure
// is an error. REQUIRES: every label index < labels.
Result<std::optional<NgramModel>> TrainNgramModel(
    const std::vector<LabelledText>& train, int labels, std::uint64_t seed);

// (1 - m) * network + m * n-gram, per label and row; `network` alone when
// m is 0. REQUIRES: with m > 0, `ngram` has the shape of `network`.
std::vector<std::vector<float>> Mix(
    float m, const std::vector<std::vector<float>>& network,
    const std::vector<std::vector<float>>& ngram);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_NGRAM_TRAINING_H_
