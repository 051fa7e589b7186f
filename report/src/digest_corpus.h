// Internal: a database read once into memory for the digest: responses,
// their sentences with tokens and vectors, and the theme each carries.
#ifndef SIFT_REPORT_SRC_DIGEST_CORPUS_H_
#define SIFT_REPORT_SRC_DIGEST_CORPUS_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/index/searcher.h"
#include "sift/nlp/word_vectors.h"
#include "sift/report/phrases.h"

namespace sift::report {

struct CorpusResponse {
  std::string id;
  std::string text;  // display form
  std::string respondent;
  std::string respondent_type;
  std::string sector;  // canonical id
  std::string campaign;
  std::vector<int> labels;  // indexes into Corpus::label_ids
  bool needs_review = false;
  bool has_sentiment = false;
  int polarity = 1;  // 0 negative, 1 neutral, 2 positive
  double sentiment = 0;
  std::vector<double> theme_sentiment;  // per label index; NaN if absent
  std::vector<int>
      theme_polarity;  // per label index, as polarity; -1 if absent
  bool duplicate = false;
};

struct CorpusSentence {
  std::uint32_t response = 0;
  std::uint32_t begin = 0, end = 0;  // bytes of the response's text
  float sentiment = 0;
  std::vector<int> labels;  // label indexes the sentence carries
  int polarity = 1;  // the model's class: 0 negative, 1 neutral, 2 positive
};

struct Corpus {
  std::vector<std::string> label_ids;  // the database's labels (sift.labels)
  std::vector<CorpusResponse> responses;
  std::vector<CorpusSentence> sentences;
  std::vector<PhraseSentence> tokens;  // parallel to sentences
  std::vector<float> vectors;          // sentences x dim, unit SIF means
  int dim = 0;
  double negative_threshold = -0.05, positive_threshold = 0.05;

  std::string_view SentenceText(std::size_t s) const {
    const CorpusSentence& x = sentences[s];
    return std::string_view(responses[x.response].text)
        .substr(x.begin, x.end - x.begin);
  }
  int LabelIndex(const std::string& id) const;
  // What counts as one document for phrases and quotes: the response, or
  // its campaign (so a template letter counts once, however many sent it).
  std::uint64_t DocumentKey(std::uint32_t response) const;
};

// `v` rounded to a multiple of `unit` (0.01, 0.001): the digest's numbers
// are stable to that precision, so its JSON is byte-for-byte reproducible.
inline double Round(double v, double unit) {
  return std::round(v / unit) * unit;
}

// Reads every response of `searcher`'s database. Responses without stored
// sentences (ingested without a sentiment model) count as one sentence
// carrying all their labels. REQUIRES: `vectors` outlives the call.
Result<Corpus> ReadCorpus(index::Searcher* searcher,
                          const nlp::WordVectors* vectors);

}  // namespace sift::report

#endif  // SIFT_REPORT_SRC_DIGEST_CORPUS_H_
