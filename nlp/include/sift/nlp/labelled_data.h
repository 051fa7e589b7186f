// Reading labelled responses for training and evaluation.
//
// Any file the ingest readers take (JSONL as in corpora/labelled/, CSV,
// XLSX) with a `labels` column: a JSON array of label ids
// (["people","ideas"]) or ids separated by ';', ',' or '|'. Texts are
// cleaned exactly as `sift ingest` cleans them (same normalisation and
// redaction), so a model sees at training what it sees in use.
#ifndef SIFT_NLP_LABELLED_DATA_H_
#define SIFT_NLP_LABELLED_DATA_H_

#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/response.h"
#include "sift/nlp/sentiment.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {

// A record's gold sentiment: its `sentiment` field (the guide's values) and
// `sentiment_score` (-1..1; when absent, -0.5, 0 or 0.5 by polarity).
struct SentimentGold {
  Polarity polarity = Polarity::kNeutral;
  double score = 0;
};

struct LabelledSet {
  std::vector<LabelledText> items;
  std::vector<std::string> ids;            // response ids, parallel to items
  std::vector<std::string> display_texts;  // display form, parallel
  // Parallel to items: the gold sentiment, for records that have one.
  std::vector<std::optional<SentimentGold>> sentiment;

  // The records with a gold sentiment, as training examples.
  std::vector<SentimentExample> SentimentExamples() const;
};

// Reads every file. A record without a `labels` field, or naming a label
// the taxonomy lacks, is an error naming the file, line and label; rejected
// rows (empty text ...) are errors too, since training data must be whole.
// A `sentiment` value outside the guide's three, or a `sentiment_score`
// that is not a number in [-1, 1], is an error naming file and line.
Result<LabelledSet> ReadLabelled(const std::vector<std::string>& paths,
                                 const Taxonomy& taxonomy,
                                 const ingest::ResponseReaderOptions& options);

// Reads sentiment-only training data (corpora/sentiment_general/): every
// record needs `text` and `sentiment` (`sentiment_score` as above); other
// fields, `labels` included, are ignored. A record without a sentiment, or
// with a bad one, is an error naming file and line.
Result<std::vector<SentimentExample>> ReadSentimentLabelled(
    const std::vector<std::string>& paths,
    const ingest::ResponseReaderOptions& options);

}  // namespace sift::nlp

#endif  // SIFT_NLP_LABELLED_DATA_H_
