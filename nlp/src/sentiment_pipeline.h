// Internal: the whole sentiment computation for a batch of texts, shared by
// SentimentModel (inference) and TrainSentiment (fitting the combiner), so
// the two can never disagree.
//
// Per text and per sentence: the rule layer and the ridge head give a
// score; when the model has a sentiment network (a 3-label Classifier
// trained on the polarities) and a combiner, a multinomial logistic
// regression over [head score, rule compound, lowest and highest sentence
// head score, the network's three probabilities, 1, the n-gram model's
// three probabilities] gives the polarity and the final score.
#ifndef SIFT_NLP_SRC_SENTIMENT_PIPELINE_H_
#define SIFT_NLP_SRC_SENTIMENT_PIPELINE_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "ngram_model.h"
#include "sentiment_features.h"
#include "sentiment_head.h"
#include "sift/ingest/normalizer.h"
#include "sift/ingest/sentences.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {

using CombinerInput = std::array<double, kCombinerInputs>;

// Softmax probabilities of combiner `weights` (kCombinerInputs x 3,
// row-major) for `x`.
std::array<double, 3> Softmax(const std::vector<double>& weights,
                              const CombinerInput& x);

// The combiner's probabilities for `x` of a text whose domain gate says
// `domain` (SentimentHead::Domain): head.combiner's alone when the model
// has no gate, else domain * head.combiner's + (1 - domain) *
// head.general_combiner's. REQUIRES: a combiner.
std::array<double, 3> CombinerProbabilities(const SentimentHead& head,
                                            const CombinerInput& x,
                                            double domain = 1.0);

// The class (Polarity as int) of combiner probabilities `p`: the largest
// log-probability plus the class bias (with a gate, the domain-weighted mix
// of class_bias and general_class_bias).
int ChooseClass(const SentimentHead& head, const std::array<double, 3>& p,
                double domain = 1.0);

// Fits `weights` (multinomial logistic regression, L2 `penalty`,
// deterministic full-batch gradient descent) on `x` and gold `y`.
void FitCombiner(const std::vector<CombinerInput>& x, const std::vector<int>& y,
                 double penalty, std::vector<double>* weights);

// Not thread-safe (reuses buffers). All pointers are borrowed; `network`
// may be null (then the head alone decides), and so may `ngrams` (then its
// inputs are 0).
class SentimentPipeline {
 public:
  static Result<SentimentPipeline> Create(SentimentFeaturizer* featurizer,
                                          const SentimentHead* head,
                                          Classifier* network,
                                          const NgramModel* ngrams);

  // One result per text, in order. With `inputs`, also the combiner inputs
  // of each whole text (for fitting; requires a network).
  Status Run(const std::vector<std::string_view>& texts,
             std::vector<SentimentResult>* out,
             std::vector<CombinerInput>* inputs = nullptr);

 private:
  struct Pending;
  SentimentPipeline(SentimentFeaturizer* featurizer, const SentimentHead* head,
                    Classifier* network, const NgramModel* ngrams,
                    ingest::SentenceSplitter splitter,
                    ingest::TextNormalizer normalizer);
  // The n-gram model's probabilities of the text the featurizer last
  // extracted (zeros without a model).
  std::array<double, 3> NgramProbabilities() const;
  void Finish(const Pending& p, const std::vector<Prediction>& network,
              SentimentResult* result, CombinerInput* input);

  SentimentFeaturizer* featurizer_;
  const SentimentHead* head_;
  Classifier* network_;
  const NgramModel* ngrams_;
  ingest::SentenceSplitter splitter_;
  ingest::TextNormalizer normalizer_;
  std::vector<double> features_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_SENTIMENT_PIPELINE_H_
