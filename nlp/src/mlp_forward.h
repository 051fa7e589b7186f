// Internal: the classifier's dense layers on oneDNN, a batch of rows a call.
#ifndef SIFT_NLP_SRC_MLP_FORWARD_H_
#define SIFT_NLP_SRC_MLP_FORWARD_H_

#include <memory>

#include "model.h"
#include "sift/core/status.h"

namespace sift::nlp {

// logits = W2 relu(W1 x + b1) + b2 for up to `batch` rows at once, as two
// oneDNN inner-product primitives (bias and ReLU fused as post-ops), with
// the weights reordered once into the layout the kernels prefer. Runs on
// the calling thread alone (callers parallelise featurisation instead).
// Owns its buffers; not thread-safe: one per thread.
class MlpForward {
 public:
  ~MlpForward();
  // Errors from oneDNN come back as Internal with its message.
  static Result<std::unique_ptr<MlpForward>> Create(const Model& model,
                                                    int batch);

  // x: n rows of model.input_dim() floats; logits: n rows of labels.
  // REQUIRES: 0 < n <= batch.
  Status Run(const float* x, int n, float* logits);

 private:
  struct State;
  explicit MlpForward(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_MLP_FORWARD_H_
