#include "ngram_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <string_view>
#include <unordered_map>

#include "byte_io.h"
#include "sift/core/file.h"

namespace sift::nlp {
namespace {

constexpr char kMagic[8] = {'S', 'I', 'F', 'T', 'N', 'G', 'R', 'M'};
// 2: the label count is stored (version 1 always had three).
constexpr std::uint32_t kVersion = 2;

using byte_io::Fnv1a64;
using byte_io::kFnvOffsetBasis;

// An n-gram's lookup hash: FNV-1a, never 0 (0 marks an empty slot).
std::uint64_t NgramHash(std::string_view ngram) {
  const std::uint64_t h = Fnv1a64(ngram, kFnvOffsetBasis);
  return h == 0 ? 1 : h;
}
// The hash of "first second" without building it.
std::uint64_t PairHash(std::string_view first, std::string_view second) {
  const std::uint64_t h =
      Fnv1a64(second, Fnv1a64(" ", Fnv1a64(first, kFnvOffsetBasis)));
  return h == 0 ? 1 : h;
}

double Sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
}

// The training texts as ids of the n-grams kept (those in at least
// min_count texts), and those n-grams by id.
struct Encoded {
  std::vector<std::string> ngrams;
  std::vector<std::vector<std::uint32_t>> texts;
};

Encoded Encode(const std::vector<std::vector<std::string>>& tokens,
               int min_count) {
  std::vector<std::vector<std::string>> grams;
  std::unordered_map<std::string, int> texts_with;
  for (const auto& t : tokens) {
    grams.push_back(NgramModel::Ngrams(t));
    for (const std::string& g : grams.back()) ++texts_with[g];
  }
  Encoded out;
  std::unordered_map<std::string, std::uint32_t> id;
  for (const auto& [g, n] : texts_with) {
    if (n >= min_count) out.ngrams.push_back(g);
  }
  std::sort(out.ngrams.begin(), out.ngrams.end());
  for (std::size_t i = 0; i < out.ngrams.size(); ++i) {
    id.emplace(out.ngrams[i], static_cast<std::uint32_t>(i));
  }
  for (const auto& text : grams) {
    out.texts.emplace_back();
    for (const std::string& g : text) {
      auto it = id.find(g);
      if (it != id.end()) out.texts.back().push_back(it->second);
    }
  }
  return out;
}

// Per n-gram, log((a + count in positive texts) / (a + count in the
// others)), each side normalised over the vocabulary: how much more often
// the n-gram occurs in texts that carry the label.
std::vector<double> LogCountRatios(const Encoded& e,
                                   const std::vector<char>& positive,
                                   double a) {
  const std::size_t n = e.ngrams.size();
  std::vector<double> in(n, a), out(n, a);
  for (std::size_t t = 0; t < e.texts.size(); ++t) {
    auto& side = positive[t] ? in : out;
    for (std::uint32_t g : e.texts[t]) side[g] += 1;
  }
  const double in_sum = std::accumulate(in.begin(), in.end(), 0.0);
  const double out_sum = std::accumulate(out.begin(), out.end(), 0.0);
  std::vector<double> ratio(n);
  for (std::size_t g = 0; g < n; ++g) {
    ratio[g] = std::log((in[g] / in_sum) / (out[g] / out_sum));
  }
  return ratio;
}

// One-vs-rest logistic regression for one label (`positive` per text) on
// the ratio-weighted features, its passes shuffled by `seed`; returns the
// per-n-gram weight times ratio, and the bias.
std::vector<double> FitOneVsRest(const Encoded& e,
                                 const std::vector<char>& positive,
                                 const std::vector<double>& ratio,
                                 const NgramModelOptions& o, std::uint64_t seed,
                                 double* bias) {
  std::vector<double> w(ratio.size(), 0.0);
  double b = 0;
  std::vector<std::size_t> order(e.texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t t : order) {
      double z = b;
      for (std::uint32_t g : e.texts[t]) z += w[g] * ratio[g];
      const double error = Sigmoid(z) - (positive[t] ? 1.0 : 0.0);
      for (std::uint32_t g : e.texts[t]) {
        w[g] -= o.learning_rate * (error * ratio[g] + o.l2 * w[g]);
      }
      b -= o.learning_rate * error;
    }
  }
  for (std::size_t g = 0; g < w.size(); ++g) w[g] *= ratio[g];
  *bias = b;
  return w;
}

}  // namespace

std::vector<std::string> NgramModel::Ngrams(
    const std::vector<std::string>& tokens) {
  std::vector<std::string> grams(tokens);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    grams.push_back(tokens[i] + " " + tokens[i + 1]);
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

Result<NgramModel> NgramModel::Train(
    const std::vector<std::vector<std::string>>& tokens,
    const std::vector<std::vector<int>>& gold, int labels,
    const NgramModelOptions& options) {
  if (tokens.empty() || tokens.size() != gold.size() || labels < 1) {
    return Status::InvalidArgument("the n-gram model needs labelled texts");
  }
  std::vector<std::vector<char>> positive(labels,
                                          std::vector<char>(tokens.size(), 0));
  for (std::size_t t = 0; t < gold.size(); ++t) {
    for (int l : gold[t]) {
      if (l < 0 || l >= labels) {
        return Status::InvalidArgument("the n-gram model got label id " +
                                       std::to_string(l));
      }
      positive[l][t] = 1;
    }
  }
  for (int l = 0; l < labels; ++l) {
    const auto n = std::count(positive[l].begin(), positive[l].end(), 1);
    if (n == 0 || n == static_cast<long>(tokens.size())) {
      return Status::InvalidArgument(
          "the n-gram model needs texts with and without every label (label " +
          std::to_string(l) + " is on all or none)");
    }
  }
  const Encoded encoded = Encode(tokens, options.min_count);
  NgramModel model;
  model.bias_.assign(labels, 0.0);
  model.weights_.assign(encoded.ngrams.size() * labels, 0.0f);
  for (int l = 0; l < labels; ++l) {
    const std::vector<double> ratio =
        LogCountRatios(encoded, positive[l], options.smoothing);
    const std::vector<double> w = FitOneVsRest(
        encoded, positive[l], ratio, options,
        options.seed + static_cast<std::uint64_t>(l), &model.bias_[l]);
    for (std::size_t g = 0; g < w.size(); ++g) {
      model.weights_[g * labels + l] = static_cast<float>(w[g]);
    }
  }
  model.ngrams_ = encoded.ngrams;
  SIFT_RETURN_IF_ERROR(model.BuildIndex());
  return model;
}

Status NgramModel::BuildIndex() {
  std::size_t capacity = 16;
  while (capacity < 2 * ngrams_.size()) capacity *= 2;
  slots_.assign(capacity, Slot());
  for (std::size_t row = 0; row < ngrams_.size(); ++row) {
    const std::uint64_t hash = NgramHash(ngrams_[row]);
    std::size_t slot = hash & (capacity - 1);
    while (slots_[slot].hash != 0) {
      if (slots_[slot].hash == hash) {
        return Status::InvalidArgument("n-grams '" + ngrams_[slots_[slot].row] +
                                       "' and '" + ngrams_[row] +
                                       "' are equal or share a hash");
      }
      slot = (slot + 1) & (capacity - 1);
    }
    slots_[slot] = {hash, static_cast<std::uint32_t>(row)};
  }
  return Status::Ok();
}

std::int64_t NgramModel::Find(std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask; slots_[slot].hash != 0;
       slot = (slot + 1) & mask) {
    if (slots_[slot].hash == hash) return slots_[slot].row;
  }
  return -1;
}

void NgramModel::Logits(const std::vector<std::string>& tokens,
                        std::vector<double>* out) const {
  *out = bias_;
  // The rows of the text's known n-grams, each once (Ngrams()' set).
  std::vector<std::uint32_t> rows;
  rows.reserve(2 * tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (const auto row = Find(NgramHash(tokens[i])); row >= 0) {
      rows.push_back(static_cast<std::uint32_t>(row));
    }
    if (i + 1 == tokens.size()) break;
    if (const auto row = Find(PairHash(tokens[i], tokens[i + 1])); row >= 0) {
      rows.push_back(static_cast<std::uint32_t>(row));
    }
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  const std::size_t labels = bias_.size();
  for (std::uint32_t row : rows) {
    const float* w = &weights_[row * labels];
    for (std::size_t l = 0; l < labels; ++l) (*out)[l] += w[l];
  }
}

std::vector<double> NgramModel::Probabilities(
    const std::vector<std::string>& tokens) const {
  std::vector<double> p;
  Logits(tokens, &p);
  for (double& v : p) v = Sigmoid(v);
  return p;
}

Status NgramModel::Write(const std::string& path) const {
  const std::size_t labels = bias_.size();
  byte_io::Writer w;
  for (char c : kMagic) w.Put(c);
  w.Put(kVersion);
  w.Put(static_cast<std::uint32_t>(labels));
  w.Put(static_cast<std::uint32_t>(ngrams_.size()));
  for (double b : bias_) w.Put(b);
  for (std::size_t row = 0; row < ngrams_.size(); ++row) {
    w.PutString(ngrams_[row]);
    for (std::size_t l = 0; l < labels; ++l) w.Put(weights_[row * labels + l]);
  }
  w.Put(byte_io::ModelChecksum(w.bytes()));
  return WriteFileAtomically(path, w.bytes());
}

Result<NgramModel> NgramModel::Load(const std::string& path) {
  auto read = ReadWholeFile(path, "no n-gram model (retrain with sift train)");
  if (!read.ok()) return read.status();
  const std::string& bytes = read.value();
  auto bad = [&](const std::string& why) {
    return Status::Corruption(path + ": " + why);
  };
  if (bytes.size() < sizeof kMagic + 8 ||
      bytes.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) {
    return bad("not an n-gram model");
  }
  const std::size_t body = bytes.size() - 8;
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body, 8);
  if (checksum !=
      byte_io::ModelChecksum(std::string_view(bytes).substr(0, body))) {
    return bad("checksum mismatch (damaged)");
  }
  const std::string content = bytes.substr(0, body);
  byte_io::Reader r(content);
  for (std::size_t i = 0; i < sizeof kMagic; ++i) r.Get<char>();
  if (const auto version = r.Get<std::uint32_t>(); version != kVersion) {
    return bad("format version " + std::to_string(version) +
               ", this sift reads " + std::to_string(kVersion) +
               " (retrain with sift train)");
  }
  NgramModel model;
  const auto labels = r.Get<std::uint32_t>();
  const auto count = r.Get<std::uint32_t>();
  if (labels == 0 || labels > 4096 || count > body) {
    return bad("truncated or inconsistent");
  }
  model.bias_.resize(labels);
  for (double& b : model.bias_) b = r.Get<double>();
  model.weights_.reserve(static_cast<std::size_t>(count) * labels);
  for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
    model.ngrams_.push_back(r.GetString());
    for (std::uint32_t l = 0; l < labels; ++l) {
      model.weights_.push_back(r.Get<float>());
    }
  }
  if (!r.ok() || r.pos() != body || model.ngrams_.size() != count ||
      !std::is_sorted(model.ngrams_.begin(), model.ngrams_.end())) {
    return bad("truncated or inconsistent");
  }
  if (Status s = model.BuildIndex(); !s.ok()) return bad(s.message());
  return model;
}

}  // namespace sift::nlp
