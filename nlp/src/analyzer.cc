#include "sift/nlp/analyzer.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "sift/ingest/normalizer.h"

namespace sift::nlp {

struct ResponseAnalyzer::State {
  Classifier classifier;
  std::vector<SentimentModel> sentiment;  // one per thread; empty: none
  ingest::TextNormalizer normalizer;
  std::vector<std::string> sentence_texts;
  std::vector<Prediction> sentence_predictions;
};

ResponseAnalyzer::ResponseAnalyzer(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
ResponseAnalyzer::~ResponseAnalyzer() = default;
ResponseAnalyzer::ResponseAnalyzer(ResponseAnalyzer&&) noexcept = default;
ResponseAnalyzer& ResponseAnalyzer::operator=(ResponseAnalyzer&&) noexcept =
    default;

Result<ResponseAnalyzer> ResponseAnalyzer::Load(
    const AnalyzerPaths& paths, const ClassifierOptions& options) {
  // One vector table, shared by the classifier and every sentiment model.
  auto table = WordVectors::Load(paths.vectors);
  if (!table.ok()) return table.status();
  auto vectors = std::make_shared<const WordVectors>(std::move(table).value());
  auto classifier = Classifier::Load(paths.model_dir, vectors, options);
  if (!classifier.ok()) return classifier.status();
  auto normalizer = ingest::TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  std::vector<SentimentModel> sentiment;
  std::error_code ec;
  if (paths.sentiment &&
      std::filesystem::exists(paths.model_dir + "/sentiment.json", ec)) {
    for (int t = 0; t < std::max(1, options.threads); ++t) {
      auto model = SentimentModel::Load(
          {paths.model_dir, paths.lexicon, paths.vectors}, vectors);
      if (!model.ok()) return model.status();
      sentiment.push_back(std::move(model).value());
    }
  }
  return ResponseAnalyzer(
      std::make_unique<State>(State{std::move(classifier).value(),
                                    std::move(sentiment),
                                    std::move(normalizer).value(),
                                    {},
                                    {}}));
}

Classifier& ResponseAnalyzer::classifier() { return state_->classifier; }
bool ResponseAnalyzer::has_sentiment() const {
  return !state_->sentiment.empty();
}

std::pair<double, double> ResponseAnalyzer::sentiment_thresholds() const {
  const SentimentModel& m = state_->sentiment.front();
  return {m.negative_threshold(), m.positive_threshold()};
}

Status ResponseAnalyzer::Analyze(const std::vector<AnalyzerInput>& inputs,
                                 std::vector<Analysis>* out) {
  State& s = *state_;
  std::vector<ClassifierInput> responses;
  for (const AnalyzerInput& in : inputs) {
    responses.push_back({in.analysis_text, in.display_text});
  }
  std::vector<Prediction> predictions;
  SIFT_RETURN_IF_ERROR(s.classifier.Classify(responses, &predictions));
  out->assign(inputs.size(), Analysis());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    (*out)[i].themes = std::move(predictions[i]);
  }
  if (s.sentiment.empty()) return Status::Ok();
  // Contiguous shares of the batch, one per sentiment model and thread.
  const std::size_t shares = s.sentiment.size();
  std::vector<Status> failures(shares);
  auto score = [&](std::size_t share) {
    const std::size_t begin = inputs.size() * share / shares;
    const std::size_t end = inputs.size() * (share + 1) / shares;
    std::vector<std::string_view> texts;
    for (std::size_t i = begin; i < end; ++i) {
      texts.push_back(inputs[i].display_text);
    }
    std::vector<SentimentResult> results;
    failures[share] = s.sentiment[share].AnalyzeBatch(texts, &results);
    for (std::size_t i = begin; i < end && failures[share].ok(); ++i) {
      (*out)[i].has_sentiment = true;
      (*out)[i].sentiment = std::move(results[i - begin]);
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t share = 1; share < shares; ++share) {
    workers.emplace_back(score, share);
  }
  score(0);
  for (std::thread& w : workers) w.join();
  for (const Status& f : failures) SIFT_RETURN_IF_ERROR(f);
  return AddThemeSentiment(inputs, out);
}

Status ResponseAnalyzer::AddThemeSentiment(
    const std::vector<AnalyzerInput>& inputs, std::vector<Analysis>* out) {
  State& s = *state_;
  // Every sentence of every multi-sentence response, classified in one go.
  s.sentence_texts.clear();
  std::vector<std::size_t> first(inputs.size() + 1, 0);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    first[i] = s.sentence_texts.size();
    const Analysis& a = (*out)[i];
    if (a.sentiment.sentences.size() < 2 || a.themes.labels.empty()) continue;
    for (const SentenceSentiment& sentence : a.sentiment.sentences) {
      s.sentence_texts.push_back(
          s.normalizer.ForAnalysis(sentence.span.Of(inputs[i].display_text)));
    }
  }
  first[inputs.size()] = s.sentence_texts.size();
  SIFT_RETURN_IF_ERROR(
      s.classifier.Classify(s.sentence_texts, &s.sentence_predictions));
  const std::vector<float>& thresholds = s.classifier.thresholds();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Analysis& a = (*out)[i];
    a.sentence_labels.assign(a.sentiment.sentences.size(), {});
    for (int label : a.themes.labels) {
      if (first[i] == first[i + 1]) {
        a.theme_sentiment.emplace_back(label, a.sentiment.score);
        for (auto& labels : a.sentence_labels) labels.push_back(label);
        continue;
      }
      double sum = 0;
      int count = 0;
      std::size_t best = first[i];
      for (std::size_t k = first[i]; k < first[i + 1]; ++k) {
        float score = s.sentence_predictions[k].scores[label];
        if (score > s.sentence_predictions[best].scores[label]) best = k;
        if (score >= thresholds[label]) {
          sum += a.sentiment.sentences[k - first[i]].score;
          a.sentence_labels[k - first[i]].push_back(label);
          ++count;
        }
      }
      if (count == 0) {
        sum = a.sentiment.sentences[best - first[i]].score;
        a.sentence_labels[best - first[i]].push_back(label);
        count = 1;
      }
      a.theme_sentiment.emplace_back(label, sum / count);
    }
  }
  return Status::Ok();
}

}  // namespace sift::nlp
