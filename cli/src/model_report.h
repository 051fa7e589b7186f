// Evaluating a model on labelled data and reporting it: the tables `sift
// eval` and `sift train` print, their JSON, and the model card.
#ifndef SIFT_CLI_SRC_MODEL_REPORT_H_
#define SIFT_CLI_SRC_MODEL_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/labelled_data.h"
#include "sift/nlp/sentiment.h"
#include "sift/nlp/trainer.h"

namespace sift::cli {

// Classifies `set` with `classifier` and scores it against its labels.
Result<nlp::EvalReport> EvaluateModel(nlp::Classifier& classifier,
                                      const nlp::LabelledSet& set);

// A per-label table (precision, recall, F1, support) with micro and macro
// F1 and label cardinality, as text or Markdown.
std::string EvalTable(const nlp::EvalReport& report,
                      const nlp::Taxonomy& taxonomy, bool markdown);

nlohmann::ordered_json EvalJson(const nlp::EvalReport& report,
                                const nlp::Taxonomy& taxonomy);

// How well scores are calibrated on `set`: for score bins 0.1 wide, how
// many (response, label) scores fell in the bin and the share of them whose
// label is gold. A Markdown table.
Result<std::string> ReliabilityTable(nlp::Classifier& classifier,
                                     const nlp::LabelledSet& set);

struct ModelCardFacts {
  std::string model_dir;
  std::string command;  // how to reproduce
  std::vector<std::string> train_files, dev_files, test_files;
  std::size_t train_count = 0, dev_count = 0;
  nlp::TrainOptions options;
  nlp::TrainReport train;
  bool has_test = false;
  nlp::EvalReport test;
  std::string test_reliability;  // ReliabilityTable() on the test split
  std::string vectors_path;
  std::string vectors_checksum;
  // The sentiment head, when one was trained (penalty > 0), and its scores
  // on the test split (has_sentiment_test).
  nlp::SentimentTrainReport sentiment;
  bool has_sentiment_test = false;
  double sentiment_test_macro_f1 = 0, sentiment_test_pearson = 0;
  // Scores on the sentiment-only held-out files (--sentiment-test).
  bool has_sentiment_general_test = false;
  double sentiment_general_test_macro_f1 = 0;
  double sentiment_general_test_pearson = 0;
};

// Writes model_dir/MODEL_CARD.md and model_dir/metrics.json (the dev and
// test scores, machine-readable, for reports' methodology sections).
Status WriteModelCard(const ModelCardFacts& facts,
                      const nlp::Taxonomy& taxonomy);

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_MODEL_REPORT_H_
