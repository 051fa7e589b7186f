// TrainSentiment: ridge regression of gold scores on standardised
// features, solved exactly (Cholesky), penalty and thresholds chosen on dev.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sentiment_features.h"
#include "sentiment_head.h"
#include "sentiment_network.h"
#include "sift/nlp/sentiment.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {
namespace {

using Matrix = std::vector<std::vector<double>>;

// Solves (A) x = b in place for symmetric positive definite A.
std::vector<double> SolveSpd(Matrix a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j][j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j][k] * a[j][k];
    a[j][j] = std::sqrt(std::max(d, 1e-12));
    for (std::size_t i = j + 1; i < n; ++i) {
      double v = a[i][j];
      for (std::size_t k = 0; k < j; ++k) v -= a[i][k] * a[j][k];
      a[i][j] = v / a[j][j];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < i; ++k) b[i] -= a[i][k] * b[k];
    b[i] /= a[i][i];
  }
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= a[k][i] * b[k];
    b[i] /= a[i][i];
  }
  return b;
}

struct Featurized {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  std::vector<Polarity> polarity;
};

Result<Featurized> Featurize(const std::vector<SentimentExample>& examples,
                             SentimentFeaturizer* featurizer) {
  auto splitter = ingest::SentenceSplitter::Create();
  if (!splitter.ok()) return splitter.status();
  Featurized out;
  std::vector<ingest::TextSpan> spans;
  for (const SentimentExample& e : examples) {
    splitter->Split(e.text, &spans);
    out.x.emplace_back();
    featurizer->Extract(e.text, spans, &out.x.back());
    out.y.push_back(e.score);
    out.polarity.push_back(e.polarity);
  }
  return out;
}

void Standardise(const Featurized& train, SentimentHead* head) {
  const std::size_t d = train.x[0].size();
  head->mean.assign(d, 0);
  head->scale.assign(d, 0);
  for (const auto& row : train.x)
    for (std::size_t j = 0; j < d; ++j) head->mean[j] += row[j];
  for (double& m : head->mean) m /= train.x.size();
  for (const auto& row : train.x)
    for (std::size_t j = 0; j < d; ++j)
      head->scale[j] += (row[j] - head->mean[j]) * (row[j] - head->mean[j]);
  for (double& s : head->scale)
    s = std::max(std::sqrt(s / train.x.size()), 1e-6);
}

// Fits weights and bias for `penalty` on standardised features.
void FitRidge(const Featurized& train, double penalty, SentimentHead* head) {
  const std::size_t d = head->mean.size();
  Matrix gram(d, std::vector<double>(d, 0));
  std::vector<double> rhs(d, 0), z(d);
  double y_mean = 0;
  for (double y : train.y) y_mean += y;
  y_mean /= train.y.size();
  for (std::size_t r = 0; r < train.x.size(); ++r) {
    for (std::size_t j = 0; j < d; ++j)
      z[j] = (train.x[r][j] - head->mean[j]) / head->scale[j];
    for (std::size_t i = 0; i < d; ++i) {
      rhs[i] += z[i] * (train.y[r] - y_mean);
      for (std::size_t j = 0; j <= i; ++j) gram[i][j] += z[i] * z[j];
    }
  }
  // Rule-layer features are few and general; the word-vector dimensions are
  // many and learn the training domain, so only they bear the penalty.
  for (std::size_t i = 0; i < d; ++i) {
    gram[i][i] += i < SentimentFeaturizer::kRuleFeatures ? 1.0 : penalty;
    for (std::size_t j = 0; j < i; ++j) gram[j][i] = gram[i][j];
  }
  head->weights = SolveSpd(std::move(gram), std::move(rhs));
  head->bias = y_mean;
  head->penalty = penalty;
}

// Least-squares line from the rule compound (feature 0) to the gold score.
void FitRuleScale(const Featurized& train, SentimentHead* head) {
  double mx = 0, my = 0, sxy = 0, sxx = 0;
  const double n = static_cast<double>(train.x.size());
  for (std::size_t i = 0; i < train.x.size(); ++i) {
    mx += train.x[i][0] / n;
    my += train.y[i] / n;
  }
  for (std::size_t i = 0; i < train.x.size(); ++i) {
    sxy += (train.x[i][0] - mx) * (train.y[i] - my);
    sxx += (train.x[i][0] - mx) * (train.x[i][0] - mx);
  }
  head->rule_slope = sxx > 0 ? sxy / sxx : 1;
  head->rule_intercept = my - head->rule_slope * mx;
}

// Fits head->domain_weights and domain_bias: logistic regression (L2,
// full-batch gradient descent, classes weighted to count equally) of
// "a response" against "general text" on the standardised features.
// REQUIRES: Standardise() has run; `train` has both kinds.
void FitDomainGate(const Featurized& train,
                   const std::vector<SentimentExample>& examples,
                   SentimentHead* head) {
  const std::size_t d = head->mean.size();
  double general = 0;
  for (const SentimentExample& e : examples) general += e.general;
  const double n = static_cast<double>(examples.size());
  const double weight[2] = {0.5 * n / (n - general), 0.5 * n / general};
  std::vector<std::vector<double>> z(train.x.size(), std::vector<double>(d));
  for (std::size_t r = 0; r < z.size(); ++r)
    for (std::size_t j = 0; j < d; ++j)
      z[r][j] = (train.x[r][j] - head->mean[j]) / head->scale[j];
  std::vector<double> w(d, 0.0), gradient(d);
  double b = 0;
  for (int iteration = 0; iteration < 500; ++iteration) {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    double gradient_b = 0;
    for (std::size_t r = 0; r < z.size(); ++r) {
      double v = b;
      for (std::size_t j = 0; j < d; ++j) v += w[j] * z[r][j];
      const bool is_general = examples[r].general;
      const double error =
          weight[is_general] * (1 / (1 + std::exp(-v)) - !is_general);
      for (std::size_t j = 0; j < d; ++j) gradient[j] += error * z[r][j] / n;
      gradient_b += error / n;
    }
    for (std::size_t j = 0; j < d; ++j)
      w[j] -= 0.5 * (gradient[j] + 1e-3 * w[j]);
    b -= 0.5 * gradient_b;
  }
  head->domain_weights = std::move(w);
  head->domain_bias = b;
}

// The head as `chosen` (same penalty, rule weight and thresholds) refitted
// on the responses among `train` alone, without a gate: the head of the
// out-of-domain probe (sentiment_network.h).
SentimentHead FitResponsesOnlyHead(
    const Featurized& train, const std::vector<SentimentExample>& examples,
    const SentimentHead& chosen) {
  Featurized responses;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    if (examples[i].general) continue;
    responses.x.push_back(train.x[i]);
    responses.y.push_back(train.y[i]);
    responses.polarity.push_back(train.polarity[i]);
  }
  SentimentHead head = chosen;
  head.domain_weights.clear();
  Standardise(responses, &head);
  FitRuleScale(responses, &head);
  FitRidge(responses, chosen.penalty, &head);
  return head;
}

}  // namespace

Result<SentimentTrainReport> TrainSentiment(
    const std::vector<SentimentExample>& train,
    const std::vector<SentimentExample>& dev, const SentimentPaths& paths,
    const std::string& phrases_path, const SentimentTrainOptions& options) {
  if (train.empty() || dev.empty()) {
    return Status::InvalidArgument(
        "sentiment training needs labelled train and dev examples");
  }
  auto lexicon = SentimentLexicon::LoadVader(paths.lexicon);
  if (!lexicon.ok()) return lexicon.status();
  if (Status s = lexicon->AddPhraseFile(phrases_path); !s.ok()) return s;
  auto table = WordVectors::Load(paths.vectors);
  if (!table.ok()) return table.status();
  auto vectors = std::make_shared<const WordVectors>(std::move(table).value());
  auto featurizer = SentimentFeaturizer::Create(&*lexicon, vectors.get());
  if (!featurizer.ok()) return featurizer.status();
  auto train_set = Featurize(train, &*featurizer);
  if (!train_set.ok()) return train_set.status();
  // Every choice below is made on the responses' dev examples; general
  // ones only fit the general combiner (TrainSentimentNetwork).
  std::vector<SentimentExample> responses_dev;
  std::copy_if(dev.begin(), dev.end(), std::back_inserter(responses_dev),
               [](const SentimentExample& e) { return !e.general; });
  if (responses_dev.empty()) {
    return Status::InvalidArgument(
        "sentiment training needs dev examples that are responses, not only "
        "general text");
  }
  auto dev_set = Featurize(responses_dev, &*featurizer);
  if (!dev_set.ok()) return dev_set.status();

  SentimentTrainReport report;
  std::vector<double> rule(responses_dev.size());
  std::vector<Polarity> rule_class(responses_dev.size());
  for (std::size_t i = 0; i < responses_dev.size(); ++i) {
    rule[i] = featurizer->RuleCompound(dev_set->x[i]);
    rule_class[i] = rule[i] <= -0.05  ? Polarity::kNegative
                    : rule[i] >= 0.05 ? Polarity::kPositive
                                      : Polarity::kNeutral;
  }
  report.rule_only_dev_pearson = PearsonR(rule, dev_set->y);
  report.rule_only_dev_macro_f1 =
      PolarityMacroF1(dev_set->polarity, rule_class);

  SentimentHead best;
  best.dev_pearson = -2;
  SentimentHead head;
  Standardise(*train_set, &head);
  FitRuleScale(*train_set, &head);
  std::vector<double> scores(responses_dev.size());
  for (double penalty : options.penalties) {
    FitRidge(*train_set, penalty, &head);
    for (double rule_weight : options.rule_weights) {
      head.rule_weight = rule_weight;
      for (std::size_t i = 0; i < responses_dev.size(); ++i)
        scores[i] = head.Score(dev_set->x[i]);
      // The score is a regression: the penalty and blend are chosen by
      // dev Pearson r, then the thresholds for dev macro-F1.
      const double r = PearsonR(scores, dev_set->y);
      if (r > best.dev_pearson + 1e-12) {
        double f1 = 0;
        auto [neg, pos] = TuneScoreThresholds(scores, dev_set->polarity, &f1);
        best = head;
        best.negative_threshold = neg;
        best.positive_threshold = pos;
        best.dev_macro_f1 = f1;
        best.dev_pearson = r;
      }
    }
  }
  const bool mixed = std::any_of(train.begin(), train.end(),
                                 [](const auto& e) { return e.general; }) &&
                     std::any_of(train.begin(), train.end(),
                                 [](const auto& e) { return !e.general; }) &&
                     std::any_of(dev.begin(), dev.end(),
                                 [](const auto& e) { return e.general; });
  SentimentHead probe_head;
  if (mixed) {
    FitDomainGate(*train_set, train, &best);
    probe_head = FitResponsesOnlyHead(*train_set, train, best);
  }
  SIFT_RETURN_IF_ERROR(TrainSentimentNetwork(
      train, dev, paths, options.seed, vectors, &*featurizer,
      mixed ? &probe_head : nullptr, &best, &report));
  best.lexicon_fingerprint = lexicon->fingerprint();
  best.vectors_checksum = vectors->checksum();
  std::error_code ec;
  std::filesystem::create_directories(paths.model_dir, ec);
  const std::string phrases_copy = paths.model_dir + "/sentiment_phrases.tsv";
  if (std::filesystem::absolute(phrases_path, ec) !=
      std::filesystem::absolute(phrases_copy, ec)) {
    std::filesystem::copy_file(
        phrases_path, phrases_copy,
        std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) return Status::IoError(phrases_copy + ": " + ec.message());
  }
  Status written =
      WriteSentimentHead(best, paths.model_dir + "/sentiment.json");
  if (!written.ok()) return written;
  report.penalty = best.penalty;
  report.rule_weight = best.rule_weight;
  report.dev_macro_f1 = best.dev_macro_f1;
  report.dev_pearson = best.dev_pearson;
  return report;
}

}  // namespace sift::nlp
