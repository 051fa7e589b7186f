#include "sentiment_network.h"

#include <algorithm>
#include <array>
#include <string>

#include "sentiment_pipeline.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {
namespace {

constexpr char kNetworkDir[] = "sentiment_network";
constexpr double kCombinerPenalty = 1.0;
constexpr int kFolds = 5;

// The guide's three values as a taxonomy, so Train() can learn them.
Result<Taxonomy> PolarityTaxonomy() {
  return Taxonomy::Parse(R"({"name": "sentiment", "labels": [
    {"id": "negative", "name": "Negative", "kind": "sentiment",
     "description": "critical, worried, frustrated, describing failures or opposing a proposal"},
    {"id": "neutral", "name": "Neutral", "kind": "sentiment",
     "description": "factual, balanced or mixed with no clear lean, or a bare suggestion"},
    {"id": "positive", "name": "Positive", "kind": "sentiment",
     "description": "supportive, optimistic, praising what exists or welcoming a proposal"}]})",
                         "the sentiment taxonomy");
}

std::vector<LabelledText> Items(const std::vector<SentimentExample>& examples) {
  std::vector<LabelledText> items;
  for (const SentimentExample& e : examples) {
    items.push_back({e.analysis_text, {static_cast<int>(e.polarity)}, {}});
  }
  return items;
}

double ScoreBy(const std::string& rule, double head_score,
               const std::array<double, 3>& p) {
  const double expected = p[2] - p[0];
  if (rule == "expected") return expected;
  if (rule == "mix") return 0.5 * (expected + head_score);
  return head_score;
}

// Cross-validated combiner probabilities for every dev example.
std::vector<std::array<double, 3>> CrossValidated(
    const std::vector<CombinerInput>& x, const std::vector<int>& y,
    const SentimentHead& head) {
  std::vector<std::array<double, 3>> p(x.size());
  for (int fold = 0; fold < kFolds; ++fold) {
    std::vector<CombinerInput> fit_x;
    std::vector<int> fit_y;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (static_cast<int>(i % kFolds) == fold) continue;
      fit_x.push_back(x[i]);
      fit_y.push_back(y[i]);
    }
    SentimentHead fold_head = head;
    FitCombiner(fit_x, fit_y, kCombinerPenalty, &fold_head);
    for (std::size_t i = fold; i < x.size(); i += kFolds) {
      p[i] = CombinerProbabilities(fold_head, x[i]);
    }
  }
  return p;
}

// The class biases (neutral, positive; negative stays 0) with the best
// macro-F1 of cross-validated dev probabilities `p`, on a grid of steps of
// 0.05 in [-1, 1]; (0, 0) unless another is strictly better.
std::array<double, 3> TuneClassBias(const std::vector<std::array<double, 3>>& p,
                                    const std::vector<Polarity>& gold,
                                    SentimentHead head) {
  std::array<double, 3> best{0, 0, 0};
  double best_f1 = -1;
  std::vector<Polarity> predicted(p.size());
  auto score = [&](const std::array<double, 3>& bias) {
    head.class_bias = bias;
    for (std::size_t i = 0; i < p.size(); ++i) {
      predicted[i] = static_cast<Polarity>(ChooseClass(head, p[i]));
    }
    return PolarityMacroF1(gold, predicted);
  };
  best_f1 = score(best);
  for (int neutral = -20; neutral <= 20; ++neutral) {
    for (int positive = -20; positive <= 20; ++positive) {
      const std::array<double, 3> bias{0, neutral * 0.05, positive * 0.05};
      const double f1 = score(bias);
      if (f1 > best_f1 + 1e-12) {
        best_f1 = f1;
        best = bias;
      }
    }
  }
  return best;
}

}  // namespace

Status TrainSentimentNetwork(const std::vector<SentimentExample>& train,
                             const std::vector<SentimentExample>& dev,
                             const SentimentPaths& paths,
                             std::shared_ptr<const WordVectors> vectors,
                             SentimentFeaturizer* featurizer,
                             SentimentHead* head) {
  auto has_analysis = [](const SentimentExample& e) {
    return !e.analysis_text.empty();
  };
  if (!std::all_of(train.begin(), train.end(), has_analysis) ||
      !std::all_of(dev.begin(), dev.end(), has_analysis)) {
    return Status::Ok();
  }
  auto taxonomy = PolarityTaxonomy();
  if (!taxonomy.ok()) return taxonomy.status();
  const std::string dir = paths.model_dir + "/" + kNetworkDir;
  // Smaller than the theme classifier's: three labels need fewer hashed
  // features, and the model directory stays small.
  TrainOptions options;
  options.features.buckets = 1u << 17;
  options.sentence_weights = {0.0f};  // one polarity per response
  options.bag_dim = 32;
  auto trained =
      Train(*taxonomy, *vectors, Items(train), Items(dev), options, dir);
  if (!trained.ok()) return trained.status();
  auto network = Classifier::Load(dir, vectors);
  if (!network.ok()) return network.status();
  SentimentHead plain = *head;
  plain.combiner.clear();
  auto pipeline = SentimentPipeline::Create(featurizer, &plain, &*network);
  if (!pipeline.ok()) return pipeline.status();
  std::vector<std::string_view> texts;
  std::vector<int> y;
  std::vector<double> gold;
  for (const SentimentExample& e : dev) {
    texts.push_back(e.text);
    y.push_back(static_cast<int>(e.polarity));
    gold.push_back(e.score);
  }
  std::vector<SentimentResult> results;
  std::vector<CombinerInput> x;
  SIFT_RETURN_IF_ERROR(pipeline->Run(texts, &results, &x));
  std::vector<std::array<double, 3>> p = CrossValidated(x, y, plain);
  std::string best_rule = "head";
  double best_r = -2;
  std::vector<double> scores(x.size());
  for (const char* rule : {"head", "expected", "mix"}) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      scores[i] = ScoreBy(rule, x[i][0], p[i]);
    }
    const double r = PearsonR(scores, gold);
    if (r > best_r + 1e-12) {
      best_r = r;
      best_rule = rule;
    }
  }
  std::vector<Polarity> gold_classes(y.size());
  std::transform(y.begin(), y.end(), gold_classes.begin(),
                 [](int c) { return static_cast<Polarity>(c); });
  head->class_bias = TuneClassBias(p, gold_classes, plain);
  std::vector<Polarity> predicted;
  for (std::size_t i = 0; i < x.size(); ++i) {
    predicted.push_back(static_cast<Polarity>(ChooseClass(*head, p[i])));
    scores[i] = ScoreBy(best_rule, x[i][0], p[i]);
  }
  head->network = kNetworkDir;
  head->score_rule = best_rule;
  FitCombiner(x, y, kCombinerPenalty, head);
  head->dev_macro_f1 = PolarityMacroF1(gold_classes, predicted);
  head->dev_pearson = best_r;
  double f1 = 0;
  auto [negative, positive] = TuneScoreThresholds(scores, gold_classes, &f1);
  head->negative_threshold = negative;
  head->positive_threshold = positive;
  return Status::Ok();
}

}  // namespace sift::nlp
