#include "ngram_training.h"

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
  NgramModelOptions options;
  options.seed = seed;
  auto model = NgramModel::Train(tokens, gold, labels, options);
  if (!model.ok()) {
    if (model.status().code() == Status::Code::kInvalidArgument) {
      return std::optional<NgramModel>();
    }
    return model.status();
  }
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
