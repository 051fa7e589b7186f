// Internal: the network's input row, x = [dense ; mean of the bag's rows],
// and a per-thread memo that makes it cheap for repeated words.
#ifndef SIFT_NLP_SRC_BAG_ROWS_H_
#define SIFT_NLP_SRC_BAG_ROWS_H_

#include <cstdint>
#include <string>
#include <unordered_map>
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
// n-grams): a word seen before costs one look-up instead of a row read per
// n-gram, which is where inference spent most of its time. InputRow() gives
// exactly ::InputRow()'s values. Keeps up to `capacity` tokens and starts
// afresh when full.
// Not thread-safe: one per thread. REQUIRES: `model` outlives the cache and
// is not changed while the cache is in use.
class BagRowCache {
 public:
  BagRowCache(const Model* model, std::size_t capacity);

  // As ::InputRow(*model, features, x). REQUIRES: features.tokens and
  // features.token_ends as Featurizer::Extract fills them.
  void InputRow(const TextFeatures& features, float* x);

  std::size_t size() const { return slots_.size(); }

 private:
  const Model* model_;
  std::size_t capacity_;
  std::unordered_map<std::string, std::uint32_t> slots_;  // token -> slot
  std::vector<float> sums_;  // bag_dim floats per slot
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_BAG_ROWS_H_
