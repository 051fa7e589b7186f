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
  // Per response of the batch, its sentences' predictions where known.
  std::vector<std::vector<Prediction>> response_sentences;
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
  SIFT_RETURN_IF_ERROR(
      s.classifier.Classify(responses, &predictions, &s.response_sentences));
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
  // The sentences of every multi-sentence response with a theme: scored
  // already where the classifier pooled them (the same sentences), else
  // classified here in one go.
  s.sentence_texts.clear();
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Analysis& a = (*out)[i];
    std::vector<Prediction>& known = s.response_sentences[i];
    if (a.sentiment.sentences.size() < 2 || a.themes.labels.empty()) {
      known.clear();
      continue;
    }
    if (known.size() == a.sentiment.sentences.size()) continue;
    pending.push_back(i);
    for (const SentenceSentiment& sentence : a.sentiment.sentences) {
      s.sentence_texts.push_back(
          s.normalizer.ForAnalysis(sentence.span.Of(inputs[i].display_text)));
    }
  }
  SIFT_RETURN_IF_ERROR(
      s.classifier.Classify(s.sentence_texts, &s.sentence_predictions));
  auto next = s.sentence_predictions.begin();
  for (std::size_t i : pending) {
    const auto n =
        static_cast<std::ptrdiff_t>((*out)[i].sentiment.sentences.size());
    s.response_sentences[i].assign(next, next + n);
    next += n;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    AddThemeSentimentOf(s.response_sentences[i], &(*out)[i]);
  }
  return Status::Ok();
}

void ResponseAnalyzer::AddThemeSentimentOf(
    const std::vector<Prediction>& sentences, Analysis* a) const {
  const std::vector<float>& thresholds = state_->classifier.thresholds();
  a->sentence_labels.assign(a->sentiment.sentences.size(), {});
  for (int label : a->themes.labels) {
    if (sentences.empty()) {
      a->theme_sentiment.push_back(
          {label, a->sentiment.score, a->sentiment.polarity});
      for (auto& labels : a->sentence_labels) labels.push_back(label);
      continue;
    }
    std::vector<std::size_t> carrying;
    std::size_t best = 0;
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      float score = sentences[k].scores[label];
      if (score > sentences[best].scores[label]) best = k;
      if (score >= thresholds[label]) carrying.push_back(k);
    }
    if (carrying.empty()) carrying.push_back(best);
    for (std::size_t k : carrying) a->sentence_labels[k].push_back(label);
    a->theme_sentiment.push_back(ThemeOf(label, carrying, a->sentiment));
  }
}

ThemeSentiment ResponseAnalyzer::ThemeOf(
    int label, const std::vector<std::size_t>& carrying,
    const SentimentResult& sentiment) const {
  double sum = 0;
  std::vector<Polarity> classes;
  for (std::size_t k : carrying) {
    sum += sentiment.sentences[k].score;
    classes.push_back(sentiment.sentences[k].polarity);
  }
  const double score = sum / static_cast<double>(carrying.size());
  auto [negative, positive] = sentiment_thresholds();
  return {label, score, PluralityPolarity(classes, score, negative, positive)};
}

}  // namespace sift::nlp
