#include "network_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bag_rows.h"

namespace sift::nlp {
namespace {

constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEpsilon = 1e-8f;

// Uniform in [-limit, limit] from the engine's raw bits, the same on every
// standard library (std::uniform_real_distribution is not).
float Uniform(std::mt19937_64& rng, float limit) {
  double u = static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
  return static_cast<float>((2 * u - 1) * limit);
}

void XavierInit(std::vector<float>* w, int out, int in, std::mt19937_64& rng) {
  w->resize(static_cast<std::size_t>(out) * in);
  float limit = std::sqrt(6.0f / static_cast<float>(in + out));
  for (float& v : *w) v = Uniform(rng, limit);
}

float Sigmoid(float z) { return 1.0f / (1.0f + std::exp(-z)); }

}  // namespace

NetworkTrainer::NetworkTrainer(Model* model,
                               const std::vector<LabelledText>& train,
                               const TrainOptions& options)
    : model_(model), options_(options), rng_(options.seed), train_(train) {
  Model& m = *model_;
  const int in = m.input_dim(), H = m.hidden, L = m.labels();
  m.embeddings.assign(static_cast<std::size_t>(m.features.buckets) * m.bag_dim,
                      0);
  XavierInit(&m.w1, H, in, rng_);
  m.b1.assign(H, 0);
  XavierInit(&m.w2, L, H, rng_);
  // Output biases start at each label's log-odds in the training data.
  m.b2.assign(L, 0);
  for (int l = 0; l < L; ++l) {
    double positives = 1;
    for (const auto& t : train) {
      positives += std::count(t.labels.begin(), t.labels.end(), l);
    }
    double p = positives / (static_cast<double>(train.size()) + 2);
    m.b2[l] = static_cast<float>(std::log(p / (1 - p)));
  }
  g_w1_.assign(m.w1.size(), 0);
  g_b1_.assign(H, 0);
  g_w2_.assign(m.w2.size(), 0);
  g_b2_.assign(L, 0);
  g_embeddings_.assign(m.embeddings.size(), 0);
  is_touched_.assign(m.features.buckets, false);
  a_w1_.Resize(m.w1.size());
  a_b1_.Resize(H);
  a_w2_.Resize(m.w2.size());
  a_b2_.Resize(L);
  a_embeddings_.Resize(m.embeddings.size());
  x_.resize(in);
  z1_.resize(H);
  h_.resize(H);
  mask_.resize(H);
  dh_.resize(H);
  dx_.resize(in);
}

void NetworkTrainer::HiddenRow(const float* x, float* z1, float* h) const {
  const Model& m = *model_;
  const int in = m.input_dim(), H = m.hidden;
  for (int j = 0; j < H; ++j) {
    const float* w = &m.w1[static_cast<std::size_t>(j) * in];
    float z = m.b1[j];
    for (int k = 0; k < in; ++k) z += w[k] * x[k];
    z1[j] = z;
    h[j] = z > 0 ? z : 0;
  }
}

void NetworkTrainer::OutputRow(const float* h, float* logits) const {
  const Model& m = *model_;
  const int H = m.hidden, L = m.labels();
  for (int l = 0; l < L; ++l) {
    const float* w = &m.w2[static_cast<std::size_t>(l) * H];
    float z = m.b2[l];
    for (int j = 0; j < H; ++j) z += w[j] * h[j];
    logits[l] = z;
  }
}

const TextFeatures& NetworkTrainer::DropBag(const TextFeatures& features) {
  const float p = options_.bag_dropout;
  if (p <= 0 || features.bag.size() < 2) return features;
  auto kept = [&] { return (Uniform(rng_, 1.0f) + 1) / 2 >= p; };
  dropped_.dense = features.dense;
  dropped_.bag.clear();
  dropped_.token_ends.clear();
  std::size_t begin = 0;
  for (std::uint32_t end : features.token_ends) {
    if (kept()) {
      dropped_.bag.insert(dropped_.bag.end(), features.bag.begin() + begin,
                          features.bag.begin() + end);
    }
    begin = end;
  }
  for (std::size_t i = begin; i < features.bag.size(); ++i) {
    if (kept()) dropped_.bag.push_back(features.bag[i]);
  }
  if (dropped_.bag.empty()) dropped_.bag.push_back(features.bag.front());
  return dropped_;
}

float NetworkTrainer::Accumulate(const TextFeatures& example,
                                 const std::vector<int>& gold) {
  const TextFeatures& features = DropBag(example);
  Model& m = *model_;
  const int in = m.input_dim(), H = m.hidden, L = m.labels();
  InputRow(m, features, x_.data());
  if (options_.input_dropout > 0) {  // inverted dropout on the dense part
    const float keep_in = 1.0f - options_.input_dropout;
    for (int k = 0; k < m.vec_dim; ++k) {
      x_[k] *= (Uniform(rng_, 1.0f) + 1) / 2 < keep_in ? 1.0f / keep_in : 0.0f;
    }
  }
  HiddenRow(x_.data(), z1_.data(), h_.data());
  // Dropout on the hidden layer; the output is computed below, masked.
  const float keep = 1.0f - options_.dropout;
  for (int j = 0; j < H; ++j) {
    mask_[j] = (Uniform(rng_, 1.0f) + 1) / 2 < keep ? 1.0f / keep : 0.0f;
    h_[j] *= mask_[j];
  }
  float loss = 0;
  std::fill(dh_.begin(), dh_.end(), 0.0f);
  for (int l = 0; l < L; ++l) {
    const float* w = &m.w2[static_cast<std::size_t>(l) * H];
    float z = m.b2[l];
    for (int j = 0; j < H; ++j) z += w[j] * h_[j];
    float y =
        std::find(gold.begin(), gold.end(), l) != gold.end() ? 1.0f : 0.0f;
    float p = Sigmoid(z);
    loss -= y * std::log(std::max(p, 1e-7f)) +
            (1 - y) * std::log(std::max(1 - p, 1e-7f));
    float dz = p - y;
    g_b2_[l] += dz;
    float* gw = &g_w2_[static_cast<std::size_t>(l) * H];
    for (int j = 0; j < H; ++j) {
      gw[j] += dz * h_[j];
      dh_[j] += dz * w[j];
    }
  }
  std::fill(dx_.begin(), dx_.end(), 0.0f);
  for (int j = 0; j < H; ++j) {
    float dz1 = z1_[j] > 0 ? dh_[j] * mask_[j] : 0.0f;
    if (dz1 == 0) continue;
    g_b1_[j] += dz1;
    float* gw = &g_w1_[static_cast<std::size_t>(j) * in];
    const float* w = &m.w1[static_cast<std::size_t>(j) * in];
    for (int k = 0; k < in; ++k) {
      gw[k] += dz1 * x_[k];
      dx_[k] += dz1 * w[k];
    }
  }
  if (features.bag.empty()) return loss;
  const float share = 1.0f / static_cast<float>(features.bag.size());
  const float* d_bag = &dx_[m.vec_dim];
  for (std::uint32_t id : features.bag) {
    if (!is_touched_[id]) {
      is_touched_[id] = true;
      touched_.push_back(id);
    }
    float* g = &g_embeddings_[static_cast<std::size_t>(id) * m.bag_dim];
    for (int d = 0; d < m.bag_dim; ++d) g[d] += d_bag[d] * share;
  }
  return loss;
}

void NetworkTrainer::UpdateDense(std::vector<float>* w, std::vector<float>* g,
                                 Adam* a) {
  const float lr = options_.learning_rate;
  const float c1 = 1 - std::pow(kBeta1, static_cast<float>(step_));
  const float c2 = 1 - std::pow(kBeta2, static_cast<float>(step_));
  for (std::size_t i = 0; i < w->size(); ++i) {
    float grad = (*g)[i];
    a->m[i] = kBeta1 * a->m[i] + (1 - kBeta1) * grad;
    a->v[i] = kBeta2 * a->v[i] + (1 - kBeta2) * grad * grad;
    (*w)[i] -= lr * (a->m[i] / c1) / (std::sqrt(a->v[i] / c2) + kEpsilon);
    (*g)[i] = 0;
  }
}

void NetworkTrainer::Step(std::size_t batch_size) {
  Model& m = *model_;
  ++step_;
  const float scale = 1.0f / static_cast<float>(batch_size);
  for (auto* g : {&g_w1_, &g_b1_, &g_w2_, &g_b2_}) {
    for (float& v : *g) v *= scale;
  }
  UpdateDense(&m.w1, &g_w1_, &a_w1_);
  UpdateDense(&m.b1, &g_b1_, &a_b1_);
  UpdateDense(&m.w2, &g_w2_, &a_w2_);
  UpdateDense(&m.b2, &g_b2_, &a_b2_);
  // Lazy Adam on the embedding rows this batch touched.
  const float lr = options_.learning_rate;
  const float c1 = 1 - std::pow(kBeta1, static_cast<float>(step_));
  const float c2 = 1 - std::pow(kBeta2, static_cast<float>(step_));
  std::sort(touched_.begin(), touched_.end());
  for (std::uint32_t id : touched_) {
    std::size_t base = static_cast<std::size_t>(id) * m.bag_dim;
    for (int d = 0; d < m.bag_dim; ++d) {
      std::size_t i = base + d;
      float grad = g_embeddings_[i] * scale;
      a_embeddings_.m[i] = kBeta1 * a_embeddings_.m[i] + (1 - kBeta1) * grad;
      a_embeddings_.v[i] =
          kBeta2 * a_embeddings_.v[i] + (1 - kBeta2) * grad * grad;
      m.embeddings[i] -= lr * (a_embeddings_.m[i] / c1) /
                         (std::sqrt(a_embeddings_.v[i] / c2) + kEpsilon);
      g_embeddings_[i] = 0;
    }
    is_touched_[id] = false;
  }
  touched_.clear();
}

float NetworkTrainer::RunEpoch(const std::vector<TextFeatures>& examples) {
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates, seeded
    std::swap(order[i - 1], order[rng_() % i]);
  }
  double loss = 0;
  const std::size_t batch =
      static_cast<std::size_t>(std::max(1, options_.batch));
  for (std::size_t first = 0; first < order.size(); first += batch) {
    std::size_t n = std::min(batch, order.size() - first);
    for (std::size_t k = 0; k < n; ++k) {
      std::size_t i = order[first + k];
      loss += Accumulate(examples[i], train_[i].labels);
    }
    Step(n);
  }
  return static_cast<float>(loss / static_cast<double>(examples.size()));
}

std::vector<std::vector<float>> NetworkTrainer::Logits(
    const std::vector<TextFeatures>& examples) const {
  const Model& m = *model_;
  std::vector<std::vector<float>> out(m.labels(),
                                      std::vector<float>(examples.size()));
  std::vector<float> x(m.input_dim()), z1(m.hidden), h(m.hidden),
      logits(m.labels());
  for (std::size_t i = 0; i < examples.size(); ++i) {
    InputRow(m, examples[i], x.data());
    HiddenRow(x.data(), z1.data(), h.data());
    OutputRow(h.data(), logits.data());
    for (int l = 0; l < m.labels(); ++l) out[l][i] = logits[l];
  }
  return out;
}

std::vector<std::vector<float>> NetworkTrainer::Scores(
    const std::vector<TextFeatures>& examples) const {
  auto out = Logits(examples);
  for (auto& row : out) {
    for (float& z : row) z = Sigmoid(z);
  }
  return out;
}

}  // namespace sift::nlp
