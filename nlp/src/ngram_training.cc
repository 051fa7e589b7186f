#include "ngram_training.h"

#include <algorithm>
#include <utility>

#include "sift/nlp/tokenizer.h"

namespace sift::nlp {

// Per label, the n-gram model's logits of `texts` (analysis forms).
Result<std::vector<std::vector<float>>> NgramLogits(
    const NgramModel& ngrams, const std::vector<std::string>& texts) {
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) return tokenizer.status();
  std::vector<std::vector<float>> out(ngrams.labels());
  std::vector<std::string> tokens;
  std::vector<double> logits;
  for (const std::string& text : texts) {
    tokens.clear();
    tokenizer->Tokenize(text, &tokens);
    ngrams.Logits(tokens, &logits);
    for (int l = 0; l < ngrams.labels(); ++l) out[l].push_back(logits[l]);
  }
  return out;
}

// The n-gram model of `train` for `labels` labels; none when the data
// cannot support one (a label on every text or on none).
Result<std::optional<NgramModel>> TrainNgramModel(
    const std::vector<LabelledText>& train, int labels, std::uint64_t seed) {
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) return tokenizer.status();
  std::vector<std::vector<std::string>> tokens(train.size());
  std::vector<std::vector<int>> gold;
  for (std::size_t i = 0; i < train.size(); ++i) {
    tokenizer->Tokenize(train[i].text, &tokens[i]);
    gold.push_back(train[i].labels);
  }
  std::vector<std::size_t> carrying(labels, 0);  // texts with each label
  std::vector<char> seen(labels);
  for (const auto& text_labels : gold) {
    std::fill(seen.begin(), seen.end(), 0);
    for (int l : text_labels) {
      if (!seen[l]) ++carrying[l];
      seen[l] = 1;
    }
  }
  for (std::size_t n : carrying) {
    if (n == 0 || n == train.size()) return std::optional<NgramModel>();
  }
  NgramModelOptions options;
  options.seed = seed;
  auto model = NgramModel::Train(tokens, gold, labels, options);
  if (!model.ok()) return model.status();
  return std::optional<NgramModel>(std::move(model).value());
}

// (1 - m) * network + m * n-gram, per label and row; `network` alone when
// m is 0.
std::vector<std::vector<float>> Mix(
    float m, const std::vector<std::vector<float>>& network,
    const std::vector<std::vector<float>>& ngram) {
  if (m == 0) return network;
  std::vector<std::vector<float>> out = network;
  for (std::size_t l = 0; l < out.size(); ++l) {
    for (std::size_t i = 0; i < out[l].size(); ++i) {
      out[l][i] = (1 - m) * network[l][i] + m * ngram[l][i];
    }
  }
  return out;
}

}  // namespace sift::nlp
