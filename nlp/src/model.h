// Internal: the classifier's parameters and their file (models/FORMAT.md).
#ifndef SIFT_NLP_SRC_MODEL_H_
#define SIFT_NLP_SRC_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/features.h"

namespace sift::nlp {

// The n-gram model's file in a classifier's model directory.
inline constexpr char kNgramFile[] = "ngrams.bin";

// A two-layer network over [dense vector ; mean of bag embeddings]:
//   h = relu(W1 x + b1), logit = W2 h + b2,
//   score = sigmoid(platt_a * logit' + platt_b), assigned when >= threshold,
// where logit' = (1 - w) * logit + w * (max of its sentences' logits) with
// w = sentence_weight for responses of two or more sentences
// (sentence_pooling.h), and logit' = logit otherwise. With ngram_weight m >
// 0, every logit above (a response's or a sentence's) is first mixed with
// the n-gram model's (ngram_model.h, the file ngrams.bin beside model.bin):
// logit = (1 - m) * network logit + m * n-gram logit.
// Matrices are row-major, one row per output unit.
struct Model {
  FeatureConfig features;
  int word_dim = 0;  // dimension of the word vectors
  int vec_dim = 0;   // size of TextFeatures::dense (see features.h)
  int bag_dim = 0;
  int hidden = 0;
  float sentence_weight = 0;  // w above; 0: no sentence pooling
  float ngram_weight = 0;     // m above; 0: no n-gram model
  std::vector<std::string> label_ids;
  std::vector<float> embeddings;  // features.buckets x bag_dim
  std::vector<float> w1, b1;      // hidden x input_dim(), hidden
  std::vector<float> w2, b2;      // labels x hidden, labels
  std::vector<float> platt_a, platt_b, thresholds;  // per label
  // Label prototypes (labels x word_dim), when features.label_prototypes.
  std::vector<float> prototypes;

  // For inference (set by CompactEmbeddings): the trained embedding rows
  // packed together, and per bucket its packed row or -1. Most buckets are
  // never trained; packing skips them and keeps the rows cache-friendly.
  // The rows are stored as int8 with a scale per row (max |value| / 127):
  // a quarter of the memory traffic of floats, where inference spends most
  // of its time; the rounding moves scores by about 1e-3 at most.
  std::vector<std::int32_t> packed_row;
  std::vector<std::int8_t> packed;
  std::vector<float> packed_scale;
  std::uint64_t vectors_checksum = 0;
  std::string version;  // names the model: "sift-classifier 1 (seed 2019, ...)"

  int labels() const { return static_cast<int>(label_ids.size()); }
  int input_dim() const { return vec_dim + bag_dim; }
};

// Writes `model` to `path` atomically (temporary file, then rename).
Status WriteModel(const Model& model, const std::string& path);
// Reads and verifies a model file: magic, version, sizes and checksum.
Result<Model> ReadModel(const std::string& path);

// Fills packed_row, packed and packed_scale from embeddings, and frees
// embeddings.
void CompactEmbeddings(Model* model);

// Calibrated score from a raw logit for `label`.
float CalibratedScore(const Model& model, int label, float logit);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_MODEL_H_
