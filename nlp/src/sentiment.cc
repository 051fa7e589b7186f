#include "sift/nlp/sentiment.h"

#include <algorithm>
#include <utility>

#include "ngram_model.h"
#include "sentiment_features.h"
#include "sentiment_head.h"
#include "sentiment_pipeline.h"
#include "sift/nlp/sentiment_lexicon.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

std::string_view PolarityName(Polarity polarity) {
  switch (polarity) {
    case Polarity::kNegative:
      return "negative";
    case Polarity::kPositive:
      return "positive";
    case Polarity::kNeutral:
      break;
  }
  return "neutral";
}

std::optional<Polarity> ParsePolarity(std::string_view name) {
  if (name == "negative") return Polarity::kNegative;
  if (name == "neutral") return Polarity::kNeutral;
  if (name == "positive") return Polarity::kPositive;
  return std::nullopt;
}

Polarity PolarityOfScore(double score, double negative_threshold,
                         double positive_threshold) {
  if (score <= negative_threshold) return Polarity::kNegative;
  if (score >= positive_threshold) return Polarity::kPositive;
  return Polarity::kNeutral;
}

Polarity PluralityPolarity(const std::vector<Polarity>& classes,
                           double mean_score, double negative_threshold,
                           double positive_threshold) {
  int votes[3] = {0, 0, 0};
  for (Polarity c : classes) ++votes[static_cast<int>(c)];
  const int most = std::max({votes[0], votes[1], votes[2]});
  int winners = 0, winner = 0;
  for (int c = 0; c < 3; ++c) {
    if (votes[c] != most) continue;
    ++winners;
    winner = c;
  }
  if (winners == 1) return static_cast<Polarity>(winner);
  return PolarityOfScore(mean_score, negative_threshold, positive_threshold);
}

struct SentimentModel::State {
  SentimentLexicon lexicon;
  std::shared_ptr<const WordVectors> vectors;
  SentimentHead head;
  std::unique_ptr<SentimentFeaturizer> featurizer;
  std::unique_ptr<Classifier> network;  // null when the head has none
  std::unique_ptr<NgramModel> ngrams;   // null when the head has none
  std::unique_ptr<SentimentPipeline> pipeline;
};

SentimentModel::SentimentModel(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
SentimentModel::~SentimentModel() = default;
SentimentModel::SentimentModel(SentimentModel&&) noexcept = default;
SentimentModel& SentimentModel::operator=(SentimentModel&&) noexcept = default;

Result<SentimentModel> SentimentModel::Load(const SentimentPaths& paths) {
  auto vectors = WordVectors::Load(paths.vectors);
  if (!vectors.ok()) return vectors.status();
  return Load(paths,
              std::make_shared<const WordVectors>(std::move(vectors).value()));
}

Result<SentimentModel> SentimentModel::Load(
    const SentimentPaths& paths, std::shared_ptr<const WordVectors> vectors) {
  const std::string head_path = paths.model_dir + "/sentiment.json";
  auto head = ReadSentimentHead(head_path);
  if (!head.ok()) return head.status();
  auto lexicon = SentimentLexicon::LoadVader(paths.lexicon);
  if (!lexicon.ok()) return lexicon.status();
  Status added =
      lexicon->AddPhraseFile(paths.model_dir + "/sentiment_phrases.tsv");
  if (!added.ok()) return added;
  if (lexicon->fingerprint() != head->lexicon_fingerprint) {
    return Status::InvalidArgument(
        head_path + ": trained with another sentiment lexicon than " +
        paths.lexicon + " (and " + paths.model_dir +
        "/sentiment_phrases.tsv); retrain with sift train");
  }
  if (vectors->checksum() != head->vectors_checksum) {
    return Status::InvalidArgument(head_path +
                                   ": trained with another word vector table "
                                   "than " +
                                   vectors->path());
  }
  auto state = std::make_unique<State>(
      State{std::move(lexicon).value(), std::move(vectors),
            std::move(head).value(), nullptr, nullptr, nullptr, nullptr});
  auto featurizer =
      SentimentFeaturizer::Create(&state->lexicon, state->vectors.get());
  if (!featurizer.ok()) return featurizer.status();
  if (featurizer->dim() != static_cast<int>(state->head.weights.size())) {
    return Status::Corruption(
        head_path + ": expects " + std::to_string(state->head.weights.size()) +
        " features, this sift computes " + std::to_string(featurizer->dim()));
  }
  state->featurizer =
      std::make_unique<SentimentFeaturizer>(std::move(featurizer).value());
  if (!state->head.network.empty()) {
    ClassifierOptions options;
    options.threads = 1;
    auto network = Classifier::Load(paths.model_dir + "/" + state->head.network,
                                    state->vectors, options);
    if (!network.ok()) return network.status();
    state->network = std::make_unique<Classifier>(std::move(network).value());
  }
  if (!state->head.ngrams.empty()) {
    auto ngrams = NgramModel::Load(paths.model_dir + "/" + state->head.ngrams);
    if (!ngrams.ok()) return ngrams.status();
    if (ngrams->labels() != 3) {
      return Status::Corruption(paths.model_dir + "/" + state->head.ngrams +
                                ": not a model of the three polarities");
    }
    state->ngrams = std::make_unique<NgramModel>(std::move(ngrams).value());
  }
  auto pipeline =
      SentimentPipeline::Create(state->featurizer.get(), &state->head,
                                state->network.get(), state->ngrams.get());
  if (!pipeline.ok()) return pipeline.status();
  state->pipeline =
      std::make_unique<SentimentPipeline>(std::move(pipeline).value());
  return SentimentModel(std::move(state));
}

Result<SentimentResult> SentimentModel::Analyze(std::string_view display_text) {
  std::vector<SentimentResult> results;
  SIFT_RETURN_IF_ERROR(AnalyzeBatch({display_text}, &results));
  return std::move(results[0]);
}

Status SentimentModel::AnalyzeBatch(const std::vector<std::string_view>& texts,
                                    std::vector<SentimentResult>* out) {
  return state_->pipeline->Run(texts, out);
}

double SentimentModel::negative_threshold() const {
  return state_->head.negative_threshold;
}
double SentimentModel::positive_threshold() const {
  return state_->head.positive_threshold;
}

}  // namespace sift::nlp
