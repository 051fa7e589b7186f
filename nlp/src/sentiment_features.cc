#include "sentiment_features.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sift::nlp {

Result<SentimentFeaturizer> SentimentFeaturizer::Create(
    const SentimentLexicon* lexicon, const WordVectors* vectors) {
  FeatureConfig config;
  config.buckets = 1;
  config.char_max = 0;
  config.word_bigrams = false;
  config.max_pool = false;
  config.label_prototypes = false;
  auto featurizer = Featurizer::Create(vectors, config);
  if (!featurizer.ok()) return featurizer.status();
  return SentimentFeaturizer(lexicon, std::move(featurizer).value());
}

SentimentFeaturizer::SentimentFeaturizer(const SentimentLexicon* lexicon,
                                         Featurizer featurizer)
    : scorer_(lexicon), featurizer_(std::move(featurizer)) {}

int SentimentFeaturizer::dim() const {
  return kRuleFeatures + featurizer_.dim();
}

void SentimentFeaturizer::Extract(
    std::string_view text, const std::vector<ingest::TextSpan>& sentences,
    std::vector<double>* out) {
  out->assign(dim(), 0.0);
  double sum = 0, mean = 0, low = 0, high = 0, last = 0;
  int positive = 0, negative = 0, words = 0;
  bool contrasted = false;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    LexiconScore score = scorer_.Score(sentences[s].Of(text));
    // A sentence opening with "but" or "however" turns the text, as the
    // word does within a sentence (VADER applies it over the whole text).
    if (score.opens_with_contrast && !contrasted && s > 0) {
      sum *= 0.5;
      contrasted = true;
    }
    sum +=
        contrasted && !score.opens_with_contrast ? 1.5 * score.sum : score.sum;
    mean += score.compound;
    low = s == 0 ? score.compound : std::min(low, score.compound);
    high = s == 0 ? score.compound : std::max(high, score.compound);
    last = score.compound;
    positive += score.positive;
    negative += score.negative;
    words += score.words;
  }
  if (!sentences.empty()) mean /= static_cast<double>(sentences.size());
  double* f = out->data();
  f[0] = sum / std::sqrt(sum * sum + 15.0);
  f[1] = mean;
  f[2] = low;
  f[3] = high;
  f[4] = last;
  f[5] = positive / std::max(1.0, static_cast<double>(words));
  f[6] = negative / std::max(1.0, static_cast<double>(words));
  featurizer_.Extract(text, &text_features_);
  informative_ = positive + negative > 0 || text_features_.known_tokens > 0;
  for (std::size_t i = 0; i < text_features_.dense.size(); ++i) {
    f[kRuleFeatures + i] = text_features_.dense[i];
  }
}

}  // namespace sift::nlp
