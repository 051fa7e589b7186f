#include "sentiment_network.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <iterator>
#include <string>
#include <utility>

#include "sentiment_pipeline.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {
namespace {

constexpr char kNetworkDir[] = "sentiment_network";
constexpr char kNgramsFile[] = "sentiment_ngrams.bin";
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

// Fits the n-gram model on every example of `train`, read as the pipeline
// reads them (the featurizer's tokens of the display text), and writes it to
// `path` unless `path` is empty.
Result<NgramModel> TrainNgrams(const std::vector<SentimentExample>& train,
                               std::uint64_t seed, const std::string& path,
                               SentimentFeaturizer* featurizer) {
  std::vector<std::vector<std::string>> tokens;
  std::vector<std::vector<int>> gold;
  std::vector<double> features;
  for (const SentimentExample& e : train) {
    featurizer->Extract(e.text, {{0, e.text.size()}}, &features);
    tokens.push_back(featurizer->tokens());
    gold.push_back({static_cast<int>(e.polarity)});
  }
  NgramModelOptions options;
  options.seed = seed;
  auto model = NgramModel::Train(tokens, gold, 3, options);
  if (!model.ok()) return model.status();
  if (!path.empty()) SIFT_RETURN_IF_ERROR(model->Write(path));
  return model;
}

// Cross-validated combiner probabilities for every dev example.
std::vector<std::array<double, 3>> CrossValidated(
    const std::vector<CombinerInput>& x, const std::vector<int>& y) {
  std::vector<std::array<double, 3>> p(x.size());
  for (int fold = 0; fold < kFolds; ++fold) {
    std::vector<CombinerInput> fit_x;
    std::vector<int> fit_y;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (static_cast<int>(i % kFolds) == fold) continue;
      fit_x.push_back(x[i]);
      fit_y.push_back(y[i]);
    }
    std::vector<double> weights;
    FitCombiner(fit_x, fit_y, kCombinerPenalty, &weights);
    for (std::size_t i = fold; i < x.size(); i += kFolds) {
      p[i] = Softmax(weights, x[i]);
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

// Macro-F1 of cross-validated probabilities `p` when each fold's class
// biases are tuned on the other folds only: the figure a new text can
// expect, where tuning and scoring on the same probabilities overstates it
// (by about 0.02 on the bundled corpus).
double HeldOutBiasMacroF1(const std::vector<std::array<double, 3>>& p,
                          const std::vector<Polarity>& gold,
                          const SentimentHead& plain) {
  std::vector<Polarity> predicted(p.size());
  for (int fold = 0; fold < kFolds; ++fold) {
    std::vector<std::array<double, 3>> fit_p;
    std::vector<Polarity> fit_gold;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (static_cast<int>(i % kFolds) == fold) continue;
      fit_p.push_back(p[i]);
      fit_gold.push_back(gold[i]);
    }
    SentimentHead biased = plain;
    biased.class_bias = TuneClassBias(fit_p, fit_gold, plain);
    for (std::size_t i = fold; i < p.size(); i += kFolds) {
      predicted[i] = static_cast<Polarity>(ChooseClass(biased, p[i]));
    }
  }
  return PolarityMacroF1(gold, predicted);
}

// One domain's dev examples: their combiner inputs, gold, and the
// combiner's cross-validated probabilities for them.
struct DevSet {
  std::vector<CombinerInput> x;
  std::vector<int> y;
  std::vector<double> gold;
  std::vector<Polarity> classes;
  std::vector<std::array<double, 3>> p;
};

Result<DevSet> CombinerInputs(const std::vector<SentimentExample>& dev,
                              bool general, SentimentPipeline* pipeline) {
  DevSet set;
  std::vector<std::string_view> texts;
  for (const SentimentExample& e : dev) {
    if (e.general != general) continue;
    texts.push_back(e.text);
    set.y.push_back(static_cast<int>(e.polarity));
    set.gold.push_back(e.score);
    set.classes.push_back(e.polarity);
  }
  std::vector<SentimentResult> results;
  SIFT_RETURN_IF_ERROR(pipeline->Run(texts, &results, &set.x));
  set.p = CrossValidated(set.x, set.y);
  return set;
}

// Fits one domain's combiner and class biases on `dev`; its
// cross-validated macro-F1 (class biases tuned on the other folds) and
// Pearson r (scores by `score_rule`) go to *f1 and *r, and the
// cross-validated scores to *scores.
void FitDomain(const DevSet& dev, const SentimentHead& plain,
               const std::string& score_rule, std::vector<double>* combiner,
               std::array<double, 3>* class_bias, double* f1, double* r,
               std::vector<double>* scores) {
  const auto& p = dev.p;
  *class_bias = TuneClassBias(p, dev.classes, plain);
  scores->resize(dev.x.size());
  for (std::size_t i = 0; i < dev.x.size(); ++i) {
    (*scores)[i] = ScoreBy(score_rule, dev.x[i][0], p[i]);
  }
  *f1 = HeldOutBiasMacroF1(p, dev.classes, plain);
  *r = PearsonR(*scores, dev.gold);
  FitCombiner(dev.x, dev.y, kCombinerPenalty, combiner);
}

// The score rule whose cross-validated scores correlate best with gold.
std::string ChooseScoreRule(const DevSet& dev) {
  std::string best_rule = "head";
  double best_r = -2;
  std::vector<double> scores(dev.x.size());
  for (const char* rule : {"head", "expected", "mix"}) {
    for (std::size_t i = 0; i < dev.x.size(); ++i) {
      scores[i] = ScoreBy(rule, dev.x[i][0], dev.p[i]);
    }
    const double r = PearsonR(scores, dev.gold);
    if (r > best_r + 1e-12) {
      best_r = r;
      best_rule = rule;
    }
  }
  return best_rule;
}

std::vector<SentimentExample> Responses(
    const std::vector<SentimentExample>& examples) {
  std::vector<SentimentExample> responses;
  std::copy_if(examples.begin(), examples.end(), std::back_inserter(responses),
               [](const SentimentExample& e) { return !e.general; });
  return responses;
}

// Trains a sentiment network on `train` into `dir` (early stopping on
// `responses_dev`) and loads it.
Result<Classifier> TrainNetwork(
    const std::vector<SentimentExample>& train,
    const std::vector<SentimentExample>& responses_dev, std::uint64_t seed,
    std::shared_ptr<const WordVectors> vectors, const std::string& dir) {
  auto taxonomy = PolarityTaxonomy();
  if (!taxonomy.ok()) return taxonomy.status();
  // Smaller than the theme classifier's: three labels need fewer hashed
  // features, and the model directory stays small.
  TrainOptions options;
  options.features.buckets = 1u << 17;
  options.sentence_weights = {0.0f};  // one polarity per response
  // The combiner reads the sentiment n-gram model's probabilities itself.
  options.ngram_weights = {0.0f};
  options.bag_dim = 32;
  // Dev (responses and general text) was better without it here.
  options.input_dropout = 0;
  options.seed = seed;
  auto trained = Train(*taxonomy, *vectors, Items(train), Items(responses_dev),
                       options, dir);
  if (!trained.ok()) return trained.status();
  return Classifier::Load(dir, vectors);
}

// Removes a scratch directory, whatever path the function takes out.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(std::string path) : path_(std::move(path)) {}
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The general dev examples' combiner inputs as the out-of-domain probe
// reads them: a head (`probe_head`), network and n-gram model trained on the
// responses alone. The shipped layers trained on the general dev split's own
// genres and writers, so they read it far better than they read real general
// text (tweets, reviews, editorials); to the probe it is foreign, as real
// general text is to them. A general combiner fitted on these inputs trusts
// each layer only as far as it carries over to a kind of text it never saw.
Result<DevSet> OutOfDomainInputs(const std::vector<SentimentExample>& train,
                                 const std::vector<SentimentExample>& dev,
                                 const SentimentHead& probe_head,
                                 const std::string& model_dir,
                                 std::uint64_t seed,
                                 std::shared_ptr<const WordVectors> vectors,
                                 SentimentFeaturizer* featurizer) {
  const std::vector<SentimentExample> responses = Responses(train);
  ScratchDirectory scratch(model_dir + "/.sentiment_probe");
  auto network =
      TrainNetwork(responses, Responses(dev), seed, vectors, scratch.path());
  if (!network.ok()) return network.status();
  auto ngrams = TrainNgrams(responses, seed, "", featurizer);
  if (!ngrams.ok()) return ngrams.status();
  auto pipeline =
      SentimentPipeline::Create(featurizer, &probe_head, &*network, &*ngrams);
  if (!pipeline.ok()) return pipeline.status();
  return CombinerInputs(dev, true, &*pipeline);
}

}  // namespace

Status TrainSentimentNetwork(const std::vector<SentimentExample>& train,
                             const std::vector<SentimentExample>& dev,
                             const SentimentPaths& paths, std::uint64_t seed,
                             std::shared_ptr<const WordVectors> vectors,
                             SentimentFeaturizer* featurizer,
                             const SentimentHead* probe_head,
                             SentimentHead* head,
                             SentimentTrainReport* report) {
  auto has_analysis = [](const SentimentExample& e) {
    return !e.analysis_text.empty();
  };
  if (!std::all_of(train.begin(), train.end(), has_analysis) ||
      !std::all_of(dev.begin(), dev.end(), has_analysis)) {
    return Status::Ok();
  }
  auto network = TrainNetwork(train, Responses(dev), seed, vectors,
                              paths.model_dir + "/" + kNetworkDir);
  if (!network.ok()) return network.status();
  auto ngrams =
      TrainNgrams(train, seed, paths.model_dir + "/" + kNgramsFile, featurizer);
  if (!ngrams.ok()) return ngrams.status();
  SentimentHead plain = *head;
  plain.combiner.clear();
  auto pipeline =
      SentimentPipeline::Create(featurizer, &plain, &*network, &*ngrams);
  if (!pipeline.ok()) return pipeline.status();
  auto responses = CombinerInputs(dev, false, &*pipeline);
  if (!responses.ok()) return responses.status();
  head->network = kNetworkDir;
  head->ngrams = kNgramsFile;
  head->score_rule = ChooseScoreRule(*responses);
  std::vector<double> scores;
  FitDomain(*responses, plain, head->score_rule, &head->combiner,
            &head->class_bias, &head->dev_macro_f1, &head->dev_pearson,
            &scores);
  double f1 = 0;
  auto [negative, positive] =
      TuneScoreThresholds(scores, responses->classes, &f1);
  head->negative_threshold = negative;
  head->positive_threshold = positive;
  if (head->domain_weights.empty() || probe_head == nullptr) {
    return Status::Ok();
  }
  auto general = OutOfDomainInputs(train, dev, *probe_head, paths.model_dir,
                                   seed, vectors, featurizer);
  if (!general.ok()) return general.status();
  report->general_dev_examples = static_cast<int>(general->x.size());
  FitDomain(*general, plain, head->score_rule, &head->general_combiner,
            &head->general_class_bias, &report->general_dev_macro_f1,
            &report->general_dev_pearson, &scores);
  return Status::Ok();
}

}  // namespace sift::nlp
