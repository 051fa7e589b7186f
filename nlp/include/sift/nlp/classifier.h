// Classifier: assigns the labels of a taxonomy to responses, multi-label,
// with calibrated scores.
//
// A model directory (written by Train(), see trainer.h) holds model.bin (the
// network, thresholds and calibration; format in models/FORMAT.md),
// taxonomy.json and MODEL_CARD.md. The model needs the word-vector table it
// was trained with; Load() refuses any other (by checksum) and a damaged
// model file (by checksum), so it never produces garbage.
//
// Scores are Platt-calibrated on held-out data: among responses scored
// about 0.8 for a label, about 80% carry it. A label is assigned when its
// score reaches the label's threshold (tuned for F1). A prediction needs
// review when a score sits within `review_margin` of its threshold, or when
// no label is assigned yet one comes close.
//
// A model may pool sentences (models/FORMAT.md): a response's score for a
// label then also weighs its best sentence's, so a point made in one bullet
// of a long submission counts. Give the display text where you have it
// (ClassifierInput): its line breaks are where bullets end.
//
// Thread safety: Classify() and Explain() are not thread-safe (they reuse
// buffers and use `threads` worker threads themselves); one call at a time.
#ifndef SIFT_NLP_CLASSIFIER_H_
#define SIFT_NLP_CLASSIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

struct Prediction {
  std::vector<float> scores;  // calibrated, one per taxonomy label
  std::vector<int> labels;    // indexes of the assigned labels, ascending
  bool needs_review = false;
};

// Why a label was assigned: the words and phrases whose removal lowers the
// label's score most, with the drop in its logit.
struct Explanation {
  int label = 0;
  std::vector<std::pair<std::string, float>> evidence;
};

// One response to classify. `analysis_text` is what the model reads
// (sift/ingest/normalizer.h); `display_text`, where known (else empty), is
// where a sentence-pooling model finds the sentences. Both must outlive the
// call that reads them.
struct ClassifierInput {
  std::string_view analysis_text;
  std::string_view display_text;
};

struct ClassifierOptions {
  int batch = 256;  // responses per oneDNN call
  int threads = 2;  // featurisation threads
  float review_margin = 0.05f;
};

class Classifier {
 public:
  ~Classifier();
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;

  // Loads `model_dir`/model.bin and taxonomy.json, and the vector table at
  // `vectors_path`. Errors say which file and what is wrong.
  static Result<Classifier> Load(const std::string& model_dir,
                                 const std::string& vectors_path,
                                 const ClassifierOptions& options = {});
  // The same with a vector table already loaded, which several models may
  // share (it is read-only). REQUIRES: `vectors` is not null.
  static Result<Classifier> Load(const std::string& model_dir,
                                 std::shared_ptr<const WordVectors> vectors,
                                 const ClassifierOptions& options = {});

  const Taxonomy& taxonomy() const;
  const std::string& version() const;
  const std::vector<float>& thresholds() const;

  // Classifies responses, one prediction per input, in order. When
  // `sentences` is given, (*sentences)[i] holds the predictions of input i's
  // sentences where the model scored them (a pooling model, two or more
  // sentences; the display text's sentences as SentenceSplitter finds
  // them, in order), else nothing.
  Status Classify(const std::vector<ClassifierInput>& inputs,
                  std::vector<Prediction>* predictions,
                  std::vector<std::vector<Prediction>>* sentences = nullptr);
  // The same for analysis texts alone (a pooling model then finds
  // sentences by punctuation only).
  Status Classify(const std::vector<std::string>& texts,
                  std::vector<Prediction>* predictions);

  // Explains each label Classify() assigns to `input` with up to `top`
  // words/phrases: those whose removal lowers the response's own logit most.
  Result<std::vector<Explanation>> Explain(const ClassifierInput& input,
                                           int top);

 private:
  struct State;
  explicit Classifier(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_CLASSIFIER_H_
