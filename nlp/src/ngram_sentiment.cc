#include "ngram_sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include "byte_io.h"
#include "sift/core/file.h"

namespace sift::nlp {
namespace {

constexpr char kMagic[8] = {'S', 'I', 'F', 'T', 'N', 'G', 'R', 'M'};
constexpr std::uint32_t kVersion = 1;

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
    grams.push_back(NgramSentiment::Ngrams(t));
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

// Per n-gram, log((a + count in class c) / (a + count elsewhere)), each side
// normalised over the vocabulary: how much more often the n-gram occurs in
// texts of polarity c.
std::vector<double> LogCountRatios(const Encoded& e,
                                   const std::vector<Polarity>& gold, int c,
                                   double a) {
  const std::size_t n = e.ngrams.size();
  std::vector<double> in(n, a), out(n, a);
  for (std::size_t t = 0; t < e.texts.size(); ++t) {
    auto& side = static_cast<int>(gold[t]) == c ? in : out;
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

// One-vs-rest logistic regression for polarity c on the ratio-weighted
// features; returns the per-n-gram weight times ratio, and the bias.
std::vector<double> FitOneVsRest(const Encoded& e,
                                 const std::vector<Polarity>& gold, int c,
                                 const std::vector<double>& ratio,
                                 const NgramSentimentOptions& o, double* bias) {
  std::vector<double> w(ratio.size(), 0.0);
  double b = 0;
  std::vector<std::size_t> order(e.texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed + static_cast<std::uint64_t>(c));
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t t : order) {
      double z = b;
      for (std::uint32_t g : e.texts[t]) z += w[g] * ratio[g];
      const double error =
          Sigmoid(z) - (static_cast<int>(gold[t]) == c ? 1.0 : 0.0);
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

std::vector<std::string> NgramSentiment::Ngrams(
    const std::vector<std::string>& tokens) {
  std::vector<std::string> grams(tokens);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    grams.push_back(tokens[i] + " " + tokens[i + 1]);
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

Result<NgramSentiment> NgramSentiment::Train(
    const std::vector<std::vector<std::string>>& tokens,
    const std::vector<Polarity>& gold, const NgramSentimentOptions& options) {
  std::array<int, 3> seen{0, 0, 0};
  for (Polarity p : gold) ++seen[static_cast<int>(p)];
  if (tokens.empty() || tokens.size() != gold.size() ||
      std::count(seen.begin(), seen.end(), 0) > 0) {
    return Status::InvalidArgument(
        "the sentiment n-gram model needs texts of all three polarities");
  }
  const Encoded encoded = Encode(tokens, options.min_count);
  NgramSentiment model;
  std::vector<std::array<float, 3>> weights(encoded.ngrams.size());
  for (int c = 0; c < 3; ++c) {
    const std::vector<double> ratio =
        LogCountRatios(encoded, gold, c, options.smoothing);
    const std::vector<double> w =
        FitOneVsRest(encoded, gold, c, ratio, options, &model.bias_[c]);
    for (std::size_t g = 0; g < w.size(); ++g) {
      weights[g][c] = static_cast<float>(w[g]);
    }
  }
  for (std::size_t g = 0; g < encoded.ngrams.size(); ++g) {
    model.weights_.emplace(encoded.ngrams[g], weights[g]);
  }
  return model;
}

std::array<double, 3> NgramSentiment::Probabilities(
    const std::vector<std::string>& tokens) const {
  std::array<double, 3> z = bias_;
  for (const std::string& g : Ngrams(tokens)) {
    auto it = weights_.find(g);
    if (it == weights_.end()) continue;
    for (int c = 0; c < 3; ++c) z[c] += it->second[c];
  }
  for (double& v : z) v = Sigmoid(v);
  return z;
}

Status NgramSentiment::Write(const std::string& path) const {
  std::vector<const std::string*> sorted;
  for (const auto& entry : weights_) sorted.push_back(&entry.first);
  std::sort(sorted.begin(), sorted.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  byte_io::Writer w;
  for (char c : kMagic) w.Put(c);
  w.Put(kVersion);
  w.Put(static_cast<std::uint32_t>(sorted.size()));
  for (double b : bias_) w.Put(b);
  for (const std::string* g : sorted) {
    w.PutString(*g);
    for (float v : weights_.at(*g)) w.Put(v);
  }
  w.Put(byte_io::Fnv1a64(w.bytes().data(), w.bytes().size()));
  return WriteFileAtomically(path, w.bytes());
}

Result<NgramSentiment> NgramSentiment::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": no sentiment n-gram model (retrain with sift "
                            "train)");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  auto bad = [&](const std::string& why) {
    return Status::Corruption(path + ": " + why);
  };
  if (bytes.size() < sizeof kMagic + 8 ||
      bytes.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) {
    return bad("not a sentiment n-gram model");
  }
  const std::size_t body = bytes.size() - 8;
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body, 8);
  if (checksum != byte_io::Fnv1a64(bytes.data(), body)) {
    return bad("checksum mismatch (damaged)");
  }
  const std::string content = bytes.substr(0, body);
  byte_io::Reader r(content);
  for (std::size_t i = 0; i < sizeof kMagic; ++i) r.Get<char>();
  if (const auto version = r.Get<std::uint32_t>(); version != kVersion) {
    return bad("format version " + std::to_string(version) +
               ", this sift reads " + std::to_string(kVersion));
  }
  NgramSentiment model;
  const auto count = r.Get<std::uint32_t>();
  for (double& b : model.bias_) b = r.Get<double>();
  for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
    std::string gram = r.GetString();
    std::array<float, 3> w;
    for (float& v : w) v = r.Get<float>();
    model.weights_.emplace(std::move(gram), w);
  }
  if (!r.ok() || r.pos() != body || model.weights_.size() != count) {
    return bad("truncated or inconsistent");
  }
  return model;
}

}  // namespace sift::nlp
