// Internal: the network's input row, x = [dense ; mean of the bag's rows],
// and a per-thread memo that makes it cheap for repeated words.
#ifndef SIFT_NLP_SRC_BAG_ROWS_H_
#define SIFT_NLP_SRC_BAG_ROWS_H_

#include <cstdint>
#include <vector>

#include "model.h"
#include "sift/nlp/features.h"

namespace sift::nlp {

// The network's input for one text: x = [dense ; mean of the embedding rows
// of the bag ids], from the packed rows when CompactEmbeddings() ran. The
// rows are summed token by token (each token's word and character n-gram
// rows first, then added), then the bigrams' rows, so BagRowCache can give
// the same floats bit for bit.
// REQUIRES: x has room for model.input_dim() floats.
void InputRow(const Model& model, const TextFeatures& features, float* x);

// A memo of each token's summed rows (its word id and its character
// n-grams), keyed by the token's slot in the Featurizer's own token memo
// (TextFeatures::token_slots): a word seen before costs one array look-up
// instead of a row read per n-gram, which is where inference spent most of
// its time. InputRow() gives exactly ::InputRow()'s values; when features
// come from another memo generation (the Featurizer started afresh, or
// another Featurizer) it starts afresh too; features without slots are
// summed directly. Its size is bounded by the Featurizer's memo.
// Not thread-safe: one per thread, fed by one Featurizer. REQUIRES: `model`
// outlives the cache and is not changed while the cache is in use.
class BagRowCache {
 public:
  explicit BagRowCache(const Model* model) : model_(model) {}

  // As ::InputRow(*model, features, x).
  void InputRow(const TextFeatures& features, float* x);

 private:
  const Model* model_;
  std::uint64_t generation_ = 0;
  std::vector<float> sums_;   // bag_dim floats per slot
  std::vector<bool> filled_;  // per slot: sums_ holds its sum
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_BAG_ROWS_H_
