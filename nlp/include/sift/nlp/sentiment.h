// SentimentModel: what a respondent feels, per response and per sentence.
//
// Three layers. The rule layer (sentiment_lexicon.h: VADER's lexicon and
// rules plus consultation phrases) scores every sentence. A head, a ridge
// regression trained on labelled responses (TrainSentiment), reads the rule
// scores with the SIF-mean word vector of the text and blends its score
// with the rule layer's own. A sentiment network (the theme classifier's
// architecture, trained on the three polarities) reads the words and
// phrases themselves. A combiner, a multinomial logistic regression fitted
// on dev, joins them: its most probable class is the polarity, and the
// score in [-1, 1] is p(positive) - p(negative) (or the head's score; the
// rule is chosen at training by cross-validated dev Pearson r). When
// training also had general opinion text (SentimentExample::general), a
// domain gate, a logistic regression on the head's features, gives the
// probability that a text reads like a response; the combiner fitted on
// responses and one fitted on general text are mixed by it. Everything
// is applied to the whole response and to each sentence, so a response can
// praise the university in one sentence and attack the roads in the next.
// Text with nothing to judge by (no rated word, no known word) is neutral
// with score 0. English only.
//
// A model directory holds sentiment.json (head, combiner, thresholds;
// format in models/FORMAT.md), sentiment_phrases.tsv (the phrase table it
// was trained with) and sentiment_network/ (model.bin, taxonomy.json).
// Load() refuses a lexicon or vector table other than the ones it was
// trained with, and a damaged file.
//
// Thread safety: Analyze() reuses buffers; one thread at a time per model.
#ifndef SIFT_NLP_SENTIMENT_H_
#define SIFT_NLP_SENTIMENT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/sentences.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

enum class Polarity { kNegative = 0, kNeutral = 1, kPositive = 2 };

// "negative", "neutral", "positive" (the guide's values).
std::string_view PolarityName(Polarity polarity);
std::optional<Polarity> ParsePolarity(std::string_view name);

// The class of a sentiment score by a model's thresholds
// (SentimentModel::negative_threshold(), positive_threshold(), or the pair a
// database stores): score <= negative_threshold is negative, score >=
// positive_threshold positive, anything between neutral. Sentence and theme
// scores are classed this way wherever sift shows or counts a class for
// them.
Polarity PolarityOfScore(double score, double negative_threshold,
                         double positive_threshold);

// The class of several sentences taken together (the sentences that carry
// one theme): the class most of them have; a tie between classes goes to
// PolarityOfScore(mean_score, ...) of their mean score. REQUIRES:
// `classes` is not empty.
Polarity PluralityPolarity(const std::vector<Polarity>& classes,
                           double mean_score, double negative_threshold,
                           double positive_threshold);

struct SentenceSentiment {
  ingest::TextSpan span;  // into the analysed text
  double score = 0;       // [-1, 1]
  Polarity polarity = Polarity::kNeutral;
};

struct SentimentResult {
  double score = 0;  // [-1, 1]
  Polarity polarity = Polarity::kNeutral;
  double lexicon_score = 0;  // the rule layer's compound score alone
  // The combiner's probabilities of negative, neutral and positive (all 0
  // for a model without a combiner). The class is chosen from them with
  // per-class biases, so it need not be the most probable.
  std::array<double, 3> probabilities{0, 0, 0};

  bool has_confidence() const {
    return probabilities[0] + probabilities[1] + probabilities[2] > 0;
  }
  // The probability of the chosen class: how likely it is to be right. On
  // consultation responses it is calibrated (`sift eval` measures it); on
  // general opinion text it understates. 0 without a combiner.
  double confidence() const {
    return probabilities[static_cast<int>(polarity)];
  }
  std::vector<SentenceSentiment> sentences;  // in order
};

// Where a model's parts are.
struct SentimentPaths {
  std::string model_dir;  // sentiment.json, sentiment_phrases.tsv
  std::string lexicon;    // vader_lexicon.txt
  std::string vectors;    // the word vector table (word_vectors.h)
};

class SentimentModel {
 public:
  ~SentimentModel();
  SentimentModel(SentimentModel&&) noexcept;
  SentimentModel& operator=(SentimentModel&&) noexcept;

  // Errors name the file and what is wrong (missing, damaged, trained with
  // another lexicon or vector table).
  static Result<SentimentModel> Load(const SentimentPaths& paths);
  // The same with the vector table already loaded (shared, read-only;
  // paths.vectors is not read). REQUIRES: `vectors` is not null.
  static Result<SentimentModel> Load(
      const SentimentPaths& paths, std::shared_ptr<const WordVectors> vectors);

  // Scores display text (case kept: capitals count). Sentences come from
  // ingest::SentenceSplitter; a text without words is neutral with score 0.
  // Errors come only from the sentiment network (oneDNN).
  Result<SentimentResult> Analyze(std::string_view display_text);
  // Analyze() for many texts at once, one result per text, in order: the
  // sentiment network (when the model has one) runs over the whole batch,
  // which is much faster than one text at a time. Errors come only from the
  // network (oneDNN).
  Status AnalyzeBatch(const std::vector<std::string_view>& display_texts,
                      std::vector<SentimentResult>* out);

  // The head's thresholds: score <= negative_threshold() is negative,
  // score >= positive_threshold() positive, anything between neutral.
  double negative_threshold() const;
  double positive_threshold() const;

 private:
  struct State;
  explicit SentimentModel(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// One labelled example for TrainSentiment.
struct SentimentExample {
  std::string text;           // display text
  std::string analysis_text;  // its analysis form (trains the network)
  double score = 0;           // gold score in [-1, 1]
  Polarity polarity = Polarity::kNeutral;
  // True for text of another kind than the responses the model serves
  // (general opinion text: reviews, posts, editorials). Such examples train
  // every layer and the domain gate, and general dev examples fit the
  // general combiner; every other choice is made on the responses' dev.
  bool general = false;
};

struct SentimentTrainOptions {
  // Ridge penalties tried; with the rule weight, the pair with the best dev
  // Pearson r is kept (the thresholds are then tuned for dev macro-F1).
  // (The rule-layer features always get penalty 1: they are few and hold
  // across domains; the penalties apply to the word-vector dimensions.)
  std::vector<double> penalties = {10, 30, 100, 300, 1000, 3000, 10000};
  // Weights of the rule layer's own score (rescaled to the gold scale) in
  // the final score, against the ridge head's; chosen with the penalty.
  std::vector<double> rule_weights = {0, 0.25, 0.5, 0.75};
  // Seeds the sentiment network's training (TrainOptions::seed).
  std::uint64_t seed = 2019;
};

// What training measured on the dev split.
struct SentimentTrainReport {
  double penalty = 0;
  double rule_weight = 0;
  double dev_macro_f1 = 0;
  double dev_pearson = 0;
  double rule_only_dev_macro_f1 = 0;  // the rule layer alone, thresholds +-0.05
  double rule_only_dev_pearson = 0;
  // The general dev examples (cross-validated), when there were any.
  int general_dev_examples = 0;
  double general_dev_macro_f1 = 0;
  double general_dev_pearson = 0;
};

// Fits the head on `train`, picks the penalty and rule weight (by Pearson
// r) and the thresholds (by macro-F1) on `dev` (its non-general examples;
// general ones fit the general combiner, and general training examples
// the domain gate, see sentiment_head.h), and
// writes sentiment.json and a copy of the phrase table at
// `paths.model_dir` (created if missing). `phrases_path` is the phrase
// table to train with. Deterministic for the same inputs.
Result<SentimentTrainReport> TrainSentiment(
    const std::vector<SentimentExample>& train,
    const std::vector<SentimentExample>& dev, const SentimentPaths& paths,
    const std::string& phrases_path, const SentimentTrainOptions& options = {});

// Texts whose confidence falls in [low, high) (the last bin includes 1):
// how many, their mean confidence and the share classed right.
struct ReliabilityBin {
  double low = 0, high = 0;
  int texts = 0;
  double confidence = 0, accuracy = 0;
};

// Sentiment scored against gold labels.
struct SentimentEvalReport {
  int texts = 0;
  double macro_f1 = 0, accuracy = 0, pearson = 0;
  struct ClassMetrics {
    double precision = 0, recall = 0, f1 = 0;
    int support = 0;
  };
  ClassMetrics classes[3];   // indexed by Polarity
  int confusion[3][3] = {};  // [gold][predicted]
  // Calibration of SentimentResult::confidence(): ten bins of width 0.1
  // and their expected calibration error (empty and 0 for a model without
  // a combiner).
  std::vector<ReliabilityBin> reliability;
  double calibration_error = 0;
};

// Analyzes every example with `model` (in one batch) and compares with its
// gold polarity and score.
Result<SentimentEvalReport> EvaluateSentiment(
    SentimentModel* model, const std::vector<SentimentExample>& gold);

// Evaluation helpers. Pearson's r of two equal-length series (0 when either
// is constant); the macro-averaged F1 over the three polarities (a class
// absent from both gold and predictions is left out of the average).
double PearsonR(const std::vector<double>& a, const std::vector<double>& b);
double PolarityMacroF1(const std::vector<Polarity>& gold,
                       const std::vector<Polarity>& predicted);
// `bins` equal-width bins of `confidence` in [0, 1] with the share of
// `correct` in each; and the expected calibration error of such bins: the
// mean gap between confidence and accuracy, weighted by texts per bin.
std::vector<ReliabilityBin> Reliability(const std::vector<double>& confidence,
                                        const std::vector<bool>& correct,
                                        int bins);
double CalibrationError(const std::vector<ReliabilityBin>& bins);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SENTIMENT_H_
