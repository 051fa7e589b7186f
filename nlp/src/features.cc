#include "sift/nlp/features.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace sift::nlp {
namespace {

// Tokens a Featurizer remembers (about 100 bytes each) before starting
// afresh; more distinct words than most consultations hold.
constexpr std::size_t kMemoTokens = 1 << 15;

// Memo generations unique across Featurizers: the high 32 bits name the
// Featurizer, the low 32 count its fills.
std::atomic<std::uint64_t> next_featurizer{1};

// Probability of the word at frequency `rank` (0-based) under Zipf's law
// over `vocabulary` words.
float ZipfProbability(int rank, std::size_t vocabulary) {
  double harmonic = std::log(static_cast<double>(vocabulary)) + 0.5772156649;
  return static_cast<float>(1.0 / ((rank + 1) * harmonic));
}

// Appends the hashed id of each adjacent pair of `tokens` to *bag.
void AppendBigramIds(const std::vector<std::string>& tokens,
                     std::uint32_t buckets, std::vector<std::uint32_t>* bag) {
  std::string key;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    key.assign(1, 'b');
    key.append(tokens[i]);
    key.push_back(' ');
    key.append(tokens[i + 1]);
    bag->push_back(FeatureHash(key) % buckets);
  }
}

// Scales x[0, n) to unit length; a zero vector stays zero.
void ScaleToUnitLength(float* x, int n) {
  double norm = 0;
  for (int d = 0; d < n; ++d) norm += static_cast<double>(x[d]) * x[d];
  if (norm <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(norm));
  for (int d = 0; d < n; ++d) x[d] *= inv;
}

}  // namespace

std::uint32_t FeatureHash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

Result<Featurizer> Featurizer::Create(const WordVectors* vectors,
                                      const FeatureConfig& config) {
  if (vectors == nullptr || vectors->dim() <= 0) {
    return Status::InvalidArgument("featurizer needs a word vector table");
  }
  if (config.buckets == 0 || config.char_min < 1 ||
      (config.char_max != 0 && config.char_max < config.char_min)) {
    return Status::InvalidArgument("invalid feature configuration");
  }
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) return tokenizer.status();
  return Featurizer(vectors, config, std::move(tokenizer.value()));
}

Featurizer::Featurizer(const WordVectors* vectors, const FeatureConfig& config,
                       Tokenizer tokenizer)
    : vectors_(vectors),
      config_(config),
      tokenizer_(std::move(tokenizer)),
      scratch_(vectors->dim()),
      memo_generation_(next_featurizer.fetch_add(1) << 32) {}

std::uint32_t Featurizer::MemoSlot(const std::string& token) {
  if (auto found = memo_.find(token); found != memo_.end()) {
    return found->second;
  }
  TokenEntry entry;
  entry.row = vectors_->Find(token);
  entry.ids_begin = static_cast<std::uint32_t>(memo_ids_.size());
  std::string key;
  key.push_back('w');
  key.append(token);
  memo_ids_.push_back(FeatureHash(key) % config_.buckets);
  AddCharNgrams(token, &memo_ids_);
  entry.ids_end = static_cast<std::uint32_t>(memo_ids_.size());
  const auto slot = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back(entry);
  memo_.emplace(token, slot);
  return slot;
}

int Featurizer::dim() const {
  int prototypes = config_.label_prototypes ? 2 * prototype_count_ : 0;
  return vectors_->dim() * (config_.max_pool ? 2 : 1) + prototypes;
}

void Featurizer::SetPrototypes(std::vector<float> prototypes, int count) {
  prototypes_ = std::move(prototypes);
  prototype_count_ = count;
  cosines_.assign(vectors_->size() * static_cast<std::size_t>(count), 0.0f);
  have_cosines_.assign(vectors_->size(), false);
}

std::vector<float> Featurizer::MeanVector(std::string_view text) {
  TextFeatures f;
  const int saved = prototype_count_;
  prototype_count_ = 0;
  Extract(text, &f);
  prototype_count_ = saved;
  f.dense.resize(vectors_->dim());
  return f.dense;
}

void Featurizer::AddCharNgrams(const std::string& token,
                               std::vector<std::uint32_t>* bag) {
  if (config_.char_max == 0) return;
  // Code point boundaries of "<token>", so n-grams never split a character.
  padded_.clear();
  padded_.push_back('<');
  padded_.append(token);
  padded_.push_back('>');
  starts_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(padded_.data());
  int32_t length = static_cast<int32_t>(padded_.size());
  for (int32_t i = 0; i < length;) {
    starts_.push_back(i);
    U8_FWD_1(s, i, length);
  }
  starts_.push_back(length);
  const int chars = static_cast<int>(starts_.size()) - 1;
  // FeatureHash("c" + n-gram), extended one character at a time.
  const std::uint32_t seed = FeatureHash("c");
  for (int b = 0; b < chars; ++b) {
    std::uint32_t h = seed;
    for (int n = 1; n <= config_.char_max && b + n <= chars; ++n) {
      for (int32_t k = starts_[b + n - 1]; k < starts_[b + n]; ++k) {
        h ^= s[k];
        h *= 16777619u;
      }
      // The whole "<token>" is left to the unigram.
      if (n >= config_.char_min && n != chars)
        bag->push_back(h % config_.buckets);
    }
  }
}

void Featurizer::BestCosines(int row, const float* word, float* best) {
  const int vec_dim = vectors_->dim();
  const std::size_t base = static_cast<std::size_t>(row) * prototype_count_;
  if (!have_cosines_[row]) {
    double norm = 0;
    for (int d = 0; d < vec_dim; ++d)
      norm += static_cast<double>(word[d]) * word[d];
    const float inv =
        norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (int p = 0; p < prototype_count_; ++p) {
      const float* proto = &prototypes_[static_cast<std::size_t>(p) * vec_dim];
      float dot = 0;
      for (int d = 0; d < vec_dim; ++d) dot += word[d] * proto[d];
      cosines_[base + p] = dot * inv;
    }
    have_cosines_[row] = true;
  }
  for (int p = 0; p < prototype_count_; ++p) {
    best[p] = std::max(best[p], cosines_[base + p]);
  }
}

void Featurizer::Extract(std::string_view analysis_text, TextFeatures* out) {
  out->tokens.clear();
  out->bag.clear();
  out->token_ends.clear();
  out->token_slots.clear();
  const int vec_dim = vectors_->dim();
  out->dense.assign(dim(), 0.0f);
  float* mean = out->dense.data();
  float* max = config_.max_pool ? mean + vec_dim : nullptr;
  const int protos = config_.label_prototypes ? prototype_count_ : 0;
  float* proto_mean = mean + vec_dim * (config_.max_pool ? 2 : 1);
  float* proto_best = proto_mean + protos;
  std::fill(proto_best, proto_best + protos, -1.0f);
  out->known_tokens = 0;
  tokenizer_.Tokenize(analysis_text, &out->tokens);
  // Start the memo afresh between texts, never within one, so every slot
  // of this text belongs to one generation.
  if (memo_.size() + out->tokens.size() > kMemoTokens) {
    memo_.clear();
    entries_.clear();
    memo_ids_.clear();
    ++memo_generation_;
  }
  out->memo_generation = memo_generation_;
  const std::size_t vocabulary = vectors_->size();
  for (std::size_t i = 0; i < out->tokens.size(); ++i) {
    const std::string& token = out->tokens[i];
    const std::uint32_t slot = MemoSlot(token);
    const TokenEntry& entry = entries_[slot];
    out->bag.insert(out->bag.end(), memo_ids_.begin() + entry.ids_begin,
                    memo_ids_.begin() + entry.ids_end);
    out->token_ends.push_back(static_cast<std::uint32_t>(out->bag.size()));
    out->token_slots.push_back(slot);
    const int row = entry.row;
    if (row < 0) continue;
    ++out->known_tokens;
    float weight =
        config_.sif_a / (config_.sif_a + ZipfProbability(row, vocabulary));
    vectors_->Vector(row, scratch_.data());
    for (int d = 0; d < vec_dim; ++d) mean[d] += weight * scratch_[d];
    if (protos > 0) BestCosines(row, scratch_.data(), proto_best);
    if (max == nullptr) continue;
    for (int d = 0; d < vec_dim; ++d) {
      max[d] =
          out->known_tokens == 1 ? scratch_[d] : std::max(max[d], scratch_[d]);
    }
  }
  if (config_.word_bigrams) {
    AppendBigramIds(out->tokens, config_.buckets, &out->bag);
  }
  ScaleToUnitLength(mean, vec_dim);
  for (int p = 0; p < protos; ++p) {
    const float* proto = &prototypes_[static_cast<std::size_t>(p) * vec_dim];
    float dot = 0;
    for (int d = 0; d < vec_dim; ++d) dot += mean[d] * proto[d];
    proto_mean[p] = dot;
    if (out->known_tokens == 0) proto_best[p] = 0;
  }
}

}  // namespace sift::nlp
