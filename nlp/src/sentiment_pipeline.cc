#include "sentiment_pipeline.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sift::nlp {

std::array<double, 3> Softmax(const std::vector<double>& weights,
                              const CombinerInput& x) {
  std::array<double, 3> z{0, 0, 0};
  for (int i = 0; i < kCombinerInputs; ++i) {
    for (int c = 0; c < 3; ++c) z[c] += x[i] * weights[i * 3 + c];
  }
  const double top = std::max({z[0], z[1], z[2]});
  double sum = 0;
  for (double& v : z) sum += (v = std::exp(v - top));
  for (double& v : z) v /= sum;
  return z;
}

std::array<double, 3> CombinerProbabilities(const SentimentHead& head,
                                            const CombinerInput& x,
                                            double domain) {
  std::array<double, 3> p = Softmax(head.combiner, x);
  if (head.domain_weights.empty()) return p;
  const std::array<double, 3> general = Softmax(head.general_combiner, x);
  for (int c = 0; c < 3; ++c) p[c] = domain * p[c] + (1 - domain) * general[c];
  return p;
}

int ChooseClass(const SentimentHead& head, const std::array<double, 3>& p,
                double domain) {
  // Without a gate domain is 1, which leaves class_bias alone.
  int best = 0;
  double best_value = -1e300;
  for (int c = 0; c < 3; ++c) {
    const double bias =
        domain * head.class_bias[c] + (1 - domain) * head.general_class_bias[c];
    const double value = std::log(std::max(p[c], 1e-300)) + bias;
    if (value > best_value) {
      best_value = value;
      best = c;
    }
  }
  return best;
}

void FitCombiner(const std::vector<CombinerInput>& x, const std::vector<int>& y,
                 double penalty, std::vector<double>* weights) {
  weights->assign(kCombinerInputs * 3, 0.0);
  const double n = static_cast<double>(x.size());
  std::vector<double> gradient(weights->size());
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    for (std::size_t r = 0; r < x.size(); ++r) {
      std::array<double, 3> p = Softmax(*weights, x[r]);
      for (int c = 0; c < 3; ++c) {
        const double error = p[c] - (y[r] == c ? 1.0 : 0.0);
        for (int i = 0; i < kCombinerInputs; ++i) {
          gradient[i * 3 + c] += x[r][i] * error / n;
        }
      }
    }
    for (std::size_t k = 0; k < gradient.size(); ++k) {
      (*weights)[k] -= 0.1 * (gradient[k] + penalty * (*weights)[k] / n);
    }
  }
}

struct SentimentPipeline::Pending {
  std::vector<ingest::TextSpan> spans;
  double head = 0, rule = 0;
  double domain = 1;  // the gate's probability that this is a response
  std::vector<double> sentence_head, sentence_rule;
  std::size_t first_net = 0;  // this text's row in the network batch
  std::array<double, 3> ngram{0, 0, 0};
  std::vector<std::array<double, 3>> sentence_ngram;
};

Result<SentimentPipeline> SentimentPipeline::Create(
    SentimentFeaturizer* featurizer, const SentimentHead* head,
    Classifier* network, const NgramModel* ngrams) {
  auto splitter = ingest::SentenceSplitter::Create();
  if (!splitter.ok()) return splitter.status();
  auto normalizer = ingest::TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  return SentimentPipeline(featurizer, head, network, ngrams,
                           std::move(splitter).value(),
                           std::move(normalizer).value());
}

SentimentPipeline::SentimentPipeline(SentimentFeaturizer* featurizer,
                                     const SentimentHead* head,
                                     Classifier* network,
                                     const NgramModel* ngrams,
                                     ingest::SentenceSplitter splitter,
                                     ingest::TextNormalizer normalizer)
    : featurizer_(featurizer),
      head_(head),
      network_(network),
      ngrams_(ngrams),
      splitter_(std::move(splitter)),
      normalizer_(std::move(normalizer)) {}

std::array<double, 3> SentimentPipeline::NgramProbabilities() const {
  if (ngrams_ == nullptr) return {0, 0, 0};
  const std::vector<double> p = ngrams_->Probabilities(featurizer_->tokens());
  return {p[0], p[1], p[2]};
}

Status SentimentPipeline::Run(const std::vector<std::string_view>& texts,
                              std::vector<SentimentResult>* out,
                              std::vector<CombinerInput>* inputs) {
  std::vector<Pending> pending(texts.size());
  std::vector<std::string> net_texts;
  for (std::size_t t = 0; t < texts.size(); ++t) {
    Pending& p = pending[t];
    splitter_.Split(texts[t], &p.spans);
    if (p.spans.empty()) continue;
    featurizer_->Extract(texts[t], p.spans, &features_);
    if (!featurizer_->informative()) {
      p.spans.clear();  // nothing to judge by: neutral, score 0
      continue;
    }
    p.head = head_->Score(features_);
    p.rule = featurizer_->RuleCompound(features_);
    p.domain = head_->Domain(features_);
    p.ngram = NgramProbabilities();
    if (network_ != nullptr) {
      p.first_net = net_texts.size();
      net_texts.push_back(normalizer_.ForAnalysis(texts[t]));
    }
    if (p.spans.size() < 2) continue;
    std::vector<ingest::TextSpan> one(1);
    for (const ingest::TextSpan& span : p.spans) {
      std::string_view sentence = span.Of(texts[t]);
      one[0] = {0, sentence.size()};
      featurizer_->Extract(sentence, one, &features_);
      p.sentence_head.push_back(head_->Score(features_));
      p.sentence_rule.push_back(featurizer_->RuleCompound(features_));
      p.sentence_ngram.push_back(NgramProbabilities());
      if (network_ != nullptr) {
        net_texts.push_back(normalizer_.ForAnalysis(sentence));
      }
    }
  }
  std::vector<Prediction> predictions;
  if (network_ != nullptr) {
    SIFT_RETURN_IF_ERROR(network_->Classify(net_texts, &predictions));
  }
  out->assign(texts.size(), SentimentResult());
  if (inputs != nullptr) inputs->assign(texts.size(), CombinerInput{});
  for (std::size_t t = 0; t < texts.size(); ++t) {
    if (pending[t].spans.empty()) continue;
    Finish(pending[t], predictions, &(*out)[t],
           inputs != nullptr ? &(*inputs)[t] : nullptr);
  }
  return Status::Ok();
}

namespace {

// The polarity and score of one text or sentence.
std::pair<Polarity, double> Decide(const SentimentHead& head, double head_score,
                                   const CombinerInput& x, bool combine,
                                   double domain,
                                   std::array<double, 3>* probabilities) {
  if (!combine) {
    return {static_cast<Polarity>(head.Classify(head_score)), head_score};
  }
  std::array<double, 3> p = CombinerProbabilities(head, x, domain);
  if (probabilities != nullptr) *probabilities = p;
  const int best = ChooseClass(head, p, domain);
  const double expected = p[2] - p[0];
  const double score = head.score_rule == "expected" ? expected
                       : head.score_rule == "mix"
                           ? 0.5 * (expected + head_score)
                           : head_score;
  return {static_cast<Polarity>(best), std::clamp(score, -1.0, 1.0)};
}

CombinerInput Input(double head, double rule, double low, double high,
                    const std::vector<float>* probabilities,
                    const std::array<double, 3>& ngram) {
  CombinerInput x{head, rule, low,      high,     0,       0,
                  0,    1,    ngram[0], ngram[1], ngram[2]};
  if (probabilities != nullptr) {
    for (int c = 0; c < 3; ++c) x[4 + c] = (*probabilities)[c];
  }
  return x;
}

}  // namespace

void SentimentPipeline::Finish(const Pending& p,
                               const std::vector<Prediction>& network,
                               SentimentResult* result, CombinerInput* input) {
  const bool combine = network_ != nullptr && !head_->combiner.empty();
  auto probabilities = [&](std::size_t row) {
    return network_ != nullptr ? &network[row].scores : nullptr;
  };
  double low = p.head, high = p.head;
  for (double h : p.sentence_head) {
    low = std::min(low, h);
    high = std::max(high, h);
  }
  CombinerInput x =
      Input(p.head, p.rule, low, high, probabilities(p.first_net), p.ngram);
  if (input != nullptr) *input = x;
  auto [polarity, score] =
      Decide(*head_, p.head, x, combine, p.domain, &result->probabilities);
  result->score = score;
  result->polarity = polarity;
  result->lexicon_score = p.rule;
  if (p.spans.size() == 1) {
    result->sentences.push_back({p.spans[0], score, polarity});
    return;
  }
  for (std::size_t k = 0; k < p.spans.size(); ++k) {
    const double h = p.sentence_head[k];
    CombinerInput xs =
        Input(h, p.sentence_rule[k], h, h, probabilities(p.first_net + 1 + k),
              p.sentence_ngram[k]);
    auto [sentence_polarity, sentence_score] =
        Decide(*head_, h, xs, combine, p.domain, nullptr);
    result->sentences.push_back(
        {p.spans[k], sentence_score, sentence_polarity});
  }
}

}  // namespace sift::nlp
