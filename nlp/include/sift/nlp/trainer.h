// Training and evaluating the classifier (`sift train`, `sift eval`).
//
// Train() fits the network of classifier.h on labelled analysis texts with
// Adam, stops early on the dev split's macro-F1, calibrates each label's
// scores on dev (Platt scaling), tunes each label's threshold for F1, and
// writes model.bin and taxonomy.json into the output directory. It is
// deterministic: the same data, options and seed give the same model, byte
// for byte, on the same build.
//
// Thread safety: Train() and Evaluate() are reentrant; Train() runs on the
// calling thread.
#ifndef SIFT_NLP_TRAINER_H_
#define SIFT_NLP_TRAINER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/features.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

struct LabelledText {
  std::string text;          // analysis form
  std::vector<int> labels;   // taxonomy indexes
  std::string display_text;  // display form where known (for sentences)
};

struct TrainOptions {
  FeatureConfig features;
  int bag_dim = 48;  // width of the hashed-bag embedding
  int hidden = 256;  // width of the hidden layer
  int max_epochs = 80;
  int patience = 10;  // epochs without a better dev macro-F1 before stopping
  int batch = 32;
  float learning_rate = 1e-3f;
  float dropout = 0.5f;  // on the hidden layer, while training
  // While training, each token's bag ids (its word and character n-grams)
  // and each bigram id are left out of an example's bag with this
  // probability (word dropout, Iyyer et al. 2015); 0 for none. Chosen on
  // dev from {0, 0.1, 0.25, 0.4, 0.5}: 0.25, +0.006 and +0.009 dev macro-F1
  // over 0 with two seeds.
  float bag_dropout = 0.25f;
  // Dropout on the dense inputs (word-vector mean, maximum, prototype
  // cosines) while training. Chosen on dev from {0, 0.1, 0.15, 0.25} with
  // bag dropout 0.25: 0.1, +0.003, +0.004 and +0.015 dev macro-F1 over 0
  // with three seeds.
  float input_dropout = 0.1f;
  std::uint64_t seed = 2019;
  // Sentence pooling weights tried on dev (classifier.h); the best dev
  // macro-F1 wins, the first on a tie. {0} turns pooling off.
  std::vector<float> sentence_weights = {0.0f, 0.25f, 0.5f};
  // Weights of the n-gram model's logits against the network's (model
  // directory's ngrams.bin; an NBSVM over word unigrams and bigrams) tried
  // on dev together with the sentence weights; the best dev macro-F1 wins,
  // the first on a tie. {0} trains no n-gram model; so does training data
  // where a label is on every text or on none.
  std::vector<float> ngram_weights = {0.0f, 0.25f, 0.5f, 0.75f};
  // Called after each epoch (on the calling thread). May be empty.
  std::function<void(int epoch, float loss, float dev_macro_f1)> progress;
};

struct LabelMetrics {
  double precision = 0, recall = 0, f1 = 0;
  int support = 0;  // gold positives
};

struct EvalReport {
  std::vector<LabelMetrics> per_label;
  double micro_f1 = 0, macro_f1 = 0;
  double gold_cardinality = 0;       // mean labels per text, gold
  double predicted_cardinality = 0;  // mean labels per text, predicted
  int texts = 0;
};

struct TrainReport {
  int epochs_run = 0;
  int best_epoch = 0;
  EvalReport dev;  // with the final, calibrated thresholds
  std::vector<float> thresholds;
  float sentence_weight = 0;  // chosen on dev (TrainOptions)
  float ngram_weight = 0;     // chosen on dev (TrainOptions)
  double seconds = 0;
  std::string version;
};

// Scores `predicted` against `gold` (label indexes per text) over `labels`
// labels. REQUIRES: gold.size() == predicted.size().
EvalReport Evaluate(const std::vector<std::vector<int>>& gold,
                    const std::vector<std::vector<int>>& predicted, int labels);

// Trains on `train`, selects and calibrates on `dev`, writes the model to
// `out_dir` (created if absent). REQUIRES: every label index < taxonomy.size().
Result<TrainReport> Train(const Taxonomy& taxonomy, const WordVectors& vectors,
                          const std::vector<LabelledText>& train,
                          const std::vector<LabelledText>& dev,
                          const TrainOptions& options,
                          const std::string& out_dir);

}  // namespace sift::nlp

#endif  // SIFT_NLP_TRAINER_H_
