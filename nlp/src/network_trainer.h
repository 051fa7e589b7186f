// Internal: fits a Model's network weights by minibatch Adam on the
// multi-label log-loss, with dropout on the hidden layer. Scalar C++: the
// corpus is small and training must be exactly reproducible.
#ifndef SIFT_NLP_SRC_NETWORK_TRAINER_H_
#define SIFT_NLP_SRC_NETWORK_TRAINER_H_

#include <cstdint>
#include <random>
#include <vector>

#include "model.h"
#include "sift/nlp/features.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {

class NetworkTrainer {
 public:
  // Initialises `model`'s weights (shape fields must be set) from the
  // options' seed. `train` gives the label prior for the output biases.
  // REQUIRES: `model` outlives the trainer.
  NetworkTrainer(Model* model, const std::vector<LabelledText>& train,
                 const TrainOptions& options);

  // One pass over `examples` (featurised `train`) in a seeded random order;
  // returns the mean loss per example.
  float RunEpoch(const std::vector<TextFeatures>& examples);

  // Logits without dropout, as logits[label][example].
  std::vector<std::vector<float>> Logits(
      const std::vector<TextFeatures>& examples) const;
  // Sigmoid of Logits().
  std::vector<std::vector<float>> Scores(
      const std::vector<TextFeatures>& examples) const;

 private:
  struct Adam {
    std::vector<float> m, v;
    void Resize(std::size_t n) {
      m.assign(n, 0);
      v.assign(n, 0);
    }
  };
  void Step(std::size_t batch_size);
  void UpdateDense(std::vector<float>* w, std::vector<float>* g, Adam* state);
  // Adds one example's gradients; returns its loss.
  float Accumulate(const TextFeatures& example, const std::vector<int>& gold);
  // z1 = W1 x + b1, h = relu(z1).
  void HiddenRow(const float* x, float* z1, float* h) const;
  // logits = W2 h + b2.
  void OutputRow(const float* h, float* logits) const;

  Model* model_;
  TrainOptions options_;
  std::mt19937_64 rng_;
  std::int64_t step_ = 0;
  std::vector<float> g_w1_, g_b1_, g_w2_, g_b2_, g_embeddings_;
  std::vector<std::uint32_t> touched_;  // embedding rows with a gradient
  std::vector<bool> is_touched_;
  Adam a_w1_, a_b1_, a_w2_, a_b2_, a_embeddings_;
  // The example as seen after bag dropout: `features` itself, or
  // dropped_ holding its dense part and the kept bag ids.
  const TextFeatures& DropBag(const TextFeatures& features);

  std::vector<float> x_, z1_, h_, mask_, dh_, dx_;
  TextFeatures dropped_;
  const std::vector<LabelledText>& train_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_NETWORK_TRAINER_H_
