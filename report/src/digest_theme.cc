#include "digest_theme.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "digest_sections.h"
#include "sift/report/clustering.h"
#include "sift/report/phrases.h"
#include "sift/report/quotes.h"

namespace sift::report {
namespace {

std::vector<PhraseSentence> Gather(const Corpus& corpus,
                                   const std::vector<std::size_t>& indexes) {
  std::vector<PhraseSentence> out;
  out.reserve(indexes.size());
  for (std::size_t s : indexes) out.push_back(corpus.tokens[s]);
  return out;
}

Result<std::vector<Phrase>> PhrasesOf(
    const Corpus& corpus, const std::vector<std::size_t>& target,
    const std::vector<std::size_t>& background, std::size_t max_sentences,
    int wanted) {
  PhraseOptions options;
  options.max_phrases = wanted;
  return DistinctivePhrases(
      Gather(corpus, EvenSample(target, max_sentences)),
      Gather(corpus, EvenSample(background, max_sentences)), options);
}

// Up to `k` quotes among `candidates`, central to `centroid` (empty: their
// mean) and diverse.
Result<std::vector<std::size_t>> Quotes(
    const Corpus& corpus, const std::vector<std::size_t>& candidates,
    std::span<const float> centroid, int k) {
  std::vector<QuoteCandidate> texts;
  std::vector<float> vectors;
  texts.reserve(candidates.size());
  vectors.reserve(candidates.size() * corpus.dim);
  for (std::size_t s : candidates) {
    texts.push_back({corpus.SentenceText(s),
                     corpus.DocumentKey(corpus.sentences[s].response)});
    vectors.insert(vectors.end(), corpus.vectors.begin() + s * corpus.dim,
                   corpus.vectors.begin() + (s + 1) * corpus.dim);
  }
  QuoteOptions options;
  options.k = k;
  auto chosen = SelectQuotes(texts, vectors, corpus.dim, centroid, options);
  if (!chosen.ok()) return chosen.status();
  std::vector<std::size_t> sentences;
  for (std::size_t i : *chosen) sentences.push_back(candidates[i]);
  return sentences;
}

// {"negative": [...], "positive": [...]}: up to `k` quotes each among the
// sentences of `target` the sentiment model classed so, central to them
// and diverse, so the digest shows both sides in respondents' own words.
// The words of sentences in `quoted` (the evidence quotes) are not
// repeated, from whichever respondent.
Result<nlohmann::ordered_json> Voices(const Corpus& corpus,
                                      const std::vector<std::size_t>& target,
                                      const std::vector<std::size_t>& quoted,
                                      int k) {
  std::set<std::string_view> already;
  for (std::size_t s : quoted) already.insert(corpus.SentenceText(s));
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, polarity] :
       {std::pair<const char*, int>{"negative", 0}, {"positive", 2}}) {
    std::vector<std::size_t> side;
    for (std::size_t s : target) {
      if (corpus.sentences[s].polarity == polarity &&
          already.count(corpus.SentenceText(s)) == 0) {
        side.push_back(s);
      }
    }
    auto chosen = Quotes(corpus, side, {}, k);
    if (!chosen.ok()) return chosen.status();
    out[name] = nlohmann::ordered_json::array();
    for (std::size_t s : *chosen) out[name].push_back(QuoteJson(corpus, s));
  }
  return out;
}

// The `n` content words in most documents among `sentences`: a name for a
// cluster that has no phrase distinctive against the rest of its theme.
std::vector<std::string> CommonWords(const Corpus& corpus,
                                     const std::vector<std::size_t>& sentences,
                                     std::size_t n) {
  std::map<std::string, std::set<std::uint64_t>> documents;
  for (std::size_t s : sentences) {
    for (const std::string& t : corpus.tokens[s].tokens) {
      if (t.size() < 3 || IsStopword(t) || IsExcludedToken(t)) continue;
      documents[t].insert(corpus.tokens[s].document);
    }
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [word, docs] : documents)
    ranked.emplace_back(docs.size(), word);
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < n; ++i) {
    out.push_back(ranked[i].second);
  }
  return out;
}

Result<nlohmann::ordered_json> Subthemes(const Corpus& corpus,
                                         const std::vector<std::size_t>& target,
                                         const TextSummaryOptions& options) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::vector<float> vectors;
  std::vector<std::uint64_t> documents;
  for (std::size_t s : target) {
    vectors.insert(vectors.end(), corpus.vectors.begin() + s * corpus.dim,
                   corpus.vectors.begin() + (s + 1) * corpus.dim);
    documents.push_back(corpus.DocumentKey(corpus.sentences[s].response));
  }
  ClusterOptions cluster_options;
  cluster_options.min_size = MinSubThemeSize(options.responses);
  auto clustering =
      ClusterVectors(vectors, corpus.dim, documents, cluster_options);
  if (!clustering.ok()) return clustering.status();
  if (clustering->clusters.size() < 2) return list;  // no structure to show
  for (const Cluster& c : clustering->clusters) {
    std::vector<std::size_t> members, rest;
    std::vector<bool> in(target.size(), false);
    for (std::size_t m : c.members) in[m] = true;
    for (std::size_t i = 0; i < target.size(); ++i) {
      (in[i] ? members : rest).push_back(target[i]);
    }
    auto phrases = PhrasesOf(corpus, members, rest, 8000, 3);
    if (!phrases.ok()) return phrases.status();
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    std::string name;
    std::vector<std::string> words;
    for (const Phrase& p : *phrases) words.push_back(p.text);
    if (words.empty()) words = CommonWords(corpus, members, 3);
    for (const std::string& w : words) {
      names.push_back(w);
      name += (name.empty() ? "" : ", ") + w;
    }
    double sentiment = 0;
    for (std::size_t s : members) sentiment += corpus.sentences[s].sentiment;
    auto quote = Quotes(corpus, members, c.centroid, 1);
    if (!quote.ok()) return quote.status();
    std::size_t quoted = quote->empty() ? target[c.central] : quote->front();
    list.push_back({{"name", name.empty() ? "(no distinctive phrase)" : name},
                    {"phrases", std::move(names)},
                    {"count", c.documents},
                    {"sentences", members.size()},
                    {"sentiment", Round(sentiment / members.size(), 0.01)},
                    {"quote", QuoteJson(corpus, quoted)}});
  }
  return list;
}

}  // namespace

std::vector<std::size_t> EvenSample(const std::vector<std::size_t>& indexes,
                                    std::size_t max) {
  if (indexes.size() <= max || max == 0) return indexes;
  std::vector<std::size_t> out;
  out.reserve(max);
  for (std::size_t i = 0; i < max; ++i) {
    out.push_back(indexes[i * indexes.size() / max]);
  }
  return out;
}

nlohmann::ordered_json QuoteJson(const Corpus& corpus, std::size_t sentence) {
  const CorpusResponse& r =
      corpus.responses[corpus.sentences[sentence].response];
  return {{"id", r.id},
          {"text", std::string(corpus.SentenceText(sentence))},
          {"respondent_type", r.respondent_type},
          {"sector", SectorLabel(r.sector)},
          {"sentiment", Round(corpus.sentences[sentence].sentiment, 0.01)}};
}

Result<nlohmann::ordered_json> SummariseText(
    const Corpus& corpus, const std::vector<std::size_t>& target,
    const std::vector<std::size_t>& background,
    const TextSummaryOptions& options) {
  nlohmann::ordered_json out;
  auto phrases = PhrasesOf(corpus, target, background,
                           options.max_phrase_sentences, options.phrases);
  if (!phrases.ok()) return phrases.status();
  out["phrases"] = nlohmann::ordered_json::array();
  for (const Phrase& p : *phrases) {
    out["phrases"].push_back({{"text", p.text},
                              {"score", Round(p.score, 0.1)},
                              {"count", p.count},
                              {"responses", p.documents}});
  }
  auto quotes = Quotes(corpus, target, {}, options.quotes);
  if (!quotes.ok()) return quotes.status();
  out["quotes"] = nlohmann::ordered_json::array();
  for (std::size_t s : *quotes) out["quotes"].push_back(QuoteJson(corpus, s));
  auto voices = Voices(corpus, target, *quotes, options.voices);
  if (!voices.ok()) return voices.status();
  out["voices"] = std::move(voices).value();
  auto subthemes = Subthemes(corpus, target, options);
  if (!subthemes.ok()) return subthemes.status();
  out["subthemes"] = std::move(subthemes).value();
  return out;
}

}  // namespace sift::report
