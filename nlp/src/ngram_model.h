// Internal: the n-gram model, a sparse linear model over the distinct word
// unigrams and bigrams of a text: for each label, a one-vs-rest logistic
// regression on features weighted by their naive-Bayes log-count ratio
// (NBSVM, Wang and Manning 2012). Unlike a network's narrow hashed bag, it
// keeps one weight per n-gram and label, so rare but telling phrases ("no
// objection", "fails to address", "bus lane") keep their own say. The theme
// classifier mixes its logits with the network's (classifier.h), and its
// three polarity probabilities are inputs of the sentiment combiner
// (sentiment_pipeline.h). File format: models/FORMAT.md (n-gram model).
//
// Thread safety: immutable once built or loaded; Logits() and
// Probabilities() may be called from any number of threads.
#ifndef SIFT_NLP_SRC_NGRAM_MODEL_H_
#define SIFT_NLP_SRC_NGRAM_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sift/core/status.h"

namespace sift::nlp {

struct NgramModelOptions {
  double smoothing = 1.0;  // added to every n-gram count (the NB ratio's alpha)
  int min_count = 2;       // n-grams in fewer training texts are left out
  int epochs = 8;          // passes of stochastic gradient descent
  double learning_rate = 0.1;
  double l2 = 1e-5;           // weight decay on the weights a text touches
  std::uint64_t seed = 2019;  // the order of the passes
};

class NgramModel {
 public:
  // The n-grams of analysis-text `tokens` (Tokenizer output): each distinct
  // word and each distinct adjacent pair ("w1 w2"), sorted.
  static std::vector<std::string> Ngrams(
      const std::vector<std::string>& tokens);

  // Fits `labels` one-vs-rest models on texts given as their tokens, each
  // with its gold label ids (0 <= id < labels; any number per text).
  // REQUIRES: tokens.size() == gold.size(). InvalidArgument when there are
  // no texts, or a label is never (or always) gold. Deterministic for the
  // same inputs.
  static Result<NgramModel> Train(
      const std::vector<std::vector<std::string>>& tokens,
      const std::vector<std::vector<int>>& gold, int labels,
      const NgramModelOptions& options);

  // Errors name `path`: NotFound, or Corruption for a damaged file.
  static Result<NgramModel> Load(const std::string& path);
  Status Write(const std::string& path) const;

  // Per label, the logit of its one-vs-rest model: its bias plus the
  // weights of the text's n-grams the model knows (the bias alone when it
  // knows none). *out is resized to labels().
  void Logits(const std::vector<std::string>& tokens,
              std::vector<double>* out) const;
  // Per label, sigmoid(logit): each in (0, 1); they need not sum to 1.
  std::vector<double> Probabilities(
      const std::vector<std::string>& tokens) const;

  int labels() const { return static_cast<int>(bias_.size()); }
  std::size_t size() const { return ngrams_.size(); }

 private:
  // Fills the lookup table from ngrams_. InvalidArgument (Corruption on
  // load) if two n-grams are equal or share a 64-bit hash.
  Status BuildIndex();
  // The row of the n-gram whose FNV-1a hash is `hash`, or -1.
  std::int64_t Find(std::uint64_t hash) const;

  // The n-grams, sorted; row r's weights are weights_[r * labels(), ...):
  // the logistic weight times the NB ratio, per label.
  std::vector<std::string> ngrams_;
  std::vector<float> weights_;
  std::vector<double> bias_;
  // Open addressing over the n-grams' 64-bit hashes (0 marks an empty
  // slot): a lookup is one hash of the text's bytes and, mostly, one probe,
  // with no string built or compared. Classifying runs it for every n-gram
  // of every response and sentence.
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t row = 0;  // beside its hash: one cache line per probe
  };
  std::vector<Slot> slots_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_NGRAM_MODEL_H_
