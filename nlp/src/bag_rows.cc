#include "bag_rows.h"

#include <algorithm>

namespace sift::nlp {
namespace {

// acc[0, bag_dim) += the rows of ids[begin, end).
void AddRows(const Model& model, const std::vector<std::uint32_t>& ids,
             std::size_t begin, std::size_t end, float* acc) {
  const int dim = model.bag_dim;
  if (!model.packed_row.empty()) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::int32_t r = model.packed_row[ids[i]];
      if (r < 0) continue;  // never trained: all zeros
      const std::int8_t* row = &model.packed[static_cast<std::size_t>(r) * dim];
      const float scale = model.packed_scale[static_cast<std::size_t>(r)];
      for (int d = 0; d < dim; ++d) acc[d] += scale * row[d];
    }
    return;
  }
  for (std::size_t i = begin; i < end; ++i) {
    const float* row =
        &model.embeddings[static_cast<std::size_t>(ids[i]) * dim];
    for (int d = 0; d < dim; ++d) acc[d] += row[d];
  }
}

// Shared by both InputRow()s: the dense part, the token sums from
// `token_sum`, the bigram tail, the mean.
template <typename TokenSum>
void FillRow(const Model& model, const TextFeatures& features, float* x,
             TokenSum token_sum) {
  std::copy(features.dense.begin(), features.dense.end(), x);
  float* bag = x + model.vec_dim;
  std::fill(bag, bag + model.bag_dim, 0.0f);
  if (features.bag.empty()) return;
  std::size_t begin = 0;
  for (std::size_t t = 0; t < features.token_ends.size(); ++t) {
    const float* sum = token_sum(t, begin, features.token_ends[t]);
    for (int d = 0; d < model.bag_dim; ++d) bag[d] += sum[d];
    begin = features.token_ends[t];
  }
  AddRows(model, features.bag, begin, features.bag.size(), bag);
  const float inv = 1.0f / static_cast<float>(features.bag.size());
  for (int d = 0; d < model.bag_dim; ++d) bag[d] *= inv;
}

}  // namespace

void InputRow(const Model& model, const TextFeatures& features, float* x) {
  std::vector<float> sum(model.bag_dim);
  FillRow(model, features, x,
          [&](std::size_t, std::size_t begin, std::size_t end) {
            std::fill(sum.begin(), sum.end(), 0.0f);
            AddRows(model, features.bag, begin, end, sum.data());
            return static_cast<const float*>(sum.data());
          });
}

void BagRowCache::InputRow(const TextFeatures& features, float* x) {
  if (features.token_slots.size() != features.token_ends.size()) {
    ::sift::nlp::InputRow(*model_, features, x);
    return;
  }
  if (features.memo_generation != generation_) {
    generation_ = features.memo_generation;
    filled_.assign(filled_.size(), false);
  }
  const auto dim = static_cast<std::size_t>(model_->bag_dim);
  FillRow(*model_, features, x,
          [&](std::size_t t, std::size_t begin, std::size_t end) {
            const std::size_t slot = features.token_slots[t];
            if (slot >= filled_.size()) {
              filled_.resize(slot + 1, false);
              sums_.resize((slot + 1) * dim);
            }
            float* sum = &sums_[slot * dim];
            if (!filled_[slot]) {
              std::fill(sum, sum + dim, 0.0f);
              AddRows(*model_, features.bag, begin, end, sum);
              filled_[slot] = true;
            }
            return static_cast<const float*>(sum);
          });
}

}  // namespace sift::nlp
