#include "digest_corpus.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "sift/nlp/features.h"
#include "sift/nlp/sentiment.h"

namespace sift::report {
namespace {

std::vector<std::string> LabelIds(const index::Searcher& searcher) {
  std::vector<std::string> ids;
  auto j =
      nlohmann::json::parse(searcher.metadata("sift.labels"), nullptr, false);
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) ids.push_back(v.get<std::string>());
    }
  }
  return ids;
}

void ReadThresholds(const index::Searcher& searcher, Corpus* corpus) {
  auto j = nlohmann::json::parse(searcher.metadata("sift.sentiment"), nullptr,
                                 false);
  if (!j.is_object()) return;
  corpus->negative_threshold = j.value("negative_threshold", -0.05);
  corpus->positive_threshold = j.value("positive_threshold", 0.05);
}

int Polarity(const std::string& name) {
  return name == "negative" ? 0 : name == "positive" ? 2 : 1;
}

// The class stored with a theme or sentence; in a database that stored
// scores only, `score` classed as that sift did.
int StoredPolarity(const std::string& stored, double score,
                   const Corpus& corpus) {
  if (!stored.empty()) return Polarity(stored);
  return static_cast<int>(nlp::PolarityOfScore(score, corpus.negative_threshold,
                                               corpus.positive_threshold));
}

// Adds `hit` and its sentences to `corpus`.
void AddHit(const index::SearchHit& hit, Corpus* corpus) {
  CorpusResponse r;
  const std::uint32_t index =
      static_cast<std::uint32_t>(corpus->responses.size());
  r.id = hit.response.id;
  r.text = hit.response.display_text;
  r.respondent = hit.response.respondent;
  r.respondent_type = hit.response.respondent_type;
  r.sector = hit.response.sector;
  r.campaign = hit.campaign;
  r.needs_review = hit.needs_review;
  r.duplicate = !hit.duplicate_of.empty();
  for (const std::string& l : hit.labels) {
    int k = corpus->LabelIndex(l);
    if (k >= 0) r.labels.push_back(k);
  }
  std::sort(r.labels.begin(), r.labels.end());
  r.theme_sentiment.assign(corpus->label_ids.size(),
                           std::numeric_limits<double>::quiet_NaN());
  r.theme_polarity.assign(corpus->label_ids.size(), -1);
  r.has_sentiment = hit.has_sentiment;
  if (hit.has_sentiment) {
    r.polarity = Polarity(hit.sentiment);
    r.sentiment = hit.sentiment_score;
    for (const index::ThemeSentiment& t : hit.theme_sentiment) {
      int k = corpus->LabelIndex(t.label);
      if (k < 0) continue;
      r.theme_sentiment[k] = t.score;
      r.theme_polarity[k] = StoredPolarity(t.sentiment, t.score, *corpus);
    }
  }
  if (hit.sentences.empty()) {
    corpus->sentences.push_back(
        {index, 0, static_cast<std::uint32_t>(r.text.size()),
         static_cast<float>(r.sentiment), r.labels, r.polarity});
  }
  for (const auto& s : hit.sentences) {
    CorpusSentence x{index,
                     static_cast<std::uint32_t>(s.begin),
                     static_cast<std::uint32_t>(s.end),
                     static_cast<float>(s.sentiment),
                     {},
                     StoredPolarity(s.polarity, s.sentiment, *corpus)};
    for (const std::string& l : s.labels) {
      int k = corpus->LabelIndex(l);
      if (k >= 0) x.labels.push_back(k);
    }
    corpus->sentences.push_back(std::move(x));
  }
  corpus->responses.push_back(std::move(r));
}

}  // namespace

std::uint64_t Corpus::DocumentKey(std::uint32_t response) const {
  const std::string& campaign = responses[response].campaign;
  if (campaign.empty()) return response;
  // Campaign members share one key above every response index.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : campaign) h = (h ^ c) * 1099511628211ull;
  return (1ull << 63) | (h >> 1);
}

int Corpus::LabelIndex(const std::string& id) const {
  auto it = std::find(label_ids.begin(), label_ids.end(), id);
  return it == label_ids.end() ? -1 : static_cast<int>(it - label_ids.begin());
}

Result<Corpus> ReadCorpus(index::Searcher* searcher,
                          const nlp::WordVectors* vectors) {
  Corpus corpus;
  corpus.label_ids = LabelIds(*searcher);
  ReadThresholds(*searcher, &corpus);
  SIFT_RETURN_IF_ERROR(searcher->ForEach(
      [&corpus](const index::SearchHit& hit) { AddHit(hit, &corpus); }));
  nlp::FeatureConfig config;
  config.buckets = 1;
  config.char_max = 0;
  config.word_bigrams = false;
  config.max_pool = false;
  config.label_prototypes = false;
  auto featurizer = nlp::Featurizer::Create(vectors, config);
  if (!featurizer.ok()) return featurizer.status();
  corpus.dim = vectors->dim();
  corpus.vectors.resize(corpus.sentences.size() * corpus.dim);
  corpus.tokens.resize(corpus.sentences.size());
  nlp::TextFeatures features;
  for (std::size_t s = 0; s < corpus.sentences.size(); ++s) {
    featurizer->Extract(corpus.SentenceText(s), &features);
    std::copy(features.dense.begin(), features.dense.begin() + corpus.dim,
              corpus.vectors.begin() + s * corpus.dim);
    corpus.tokens[s].tokens = std::move(features.tokens);
    corpus.tokens[s].document =
        corpus.DocumentKey(corpus.sentences[s].response);
  }
  return corpus;
}

}  // namespace sift::report
