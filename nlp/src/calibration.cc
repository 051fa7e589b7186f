#include "sift/nlp/calibration.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "sift/nlp/trainer.h"

namespace sift::nlp {

namespace {

// Platt's log-loss at (a, b): sum of log(1 + e^-z) + (1 - t) z, z = a x + b,
// computed without overflow.
double PlattLoss(const std::vector<float>& logits,
                 const std::vector<double>& targets, double a, double b) {
  double loss = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    const double z = a * logits[i] + b;
    const double softplus_neg =
        z >= 0 ? std::log1p(std::exp(-z)) : -z + std::log1p(std::exp(z));
    loss += softplus_neg + (1 - targets[i]) * z;
  }
  return loss;
}

}  // namespace

std::pair<float, float> FitPlatt(const std::vector<float>& logits,
                                 const std::vector<bool>& gold) {
  const double positives =
      static_cast<double>(std::count(gold.begin(), gold.end(), true));
  const double negatives = static_cast<double>(gold.size()) - positives;
  if (positives == 0 || negatives == 0) return {1.0f, 0.0f};
  // Platt (1999): targets pulled off 0 and 1 to avoid overconfidence.
  std::vector<double> targets;
  for (bool g : gold) {
    targets.push_back(g ? (positives + 1) / (positives + 2)
                        : 1 / (negatives + 2));
  }
  // Newton's method with a backtracking line search, from the prior (Lin,
  // Lin & Weng 2007): plain Newton from (1, 0) diverges when the logits are
  // large, as a trained network's are.
  double a = 0, b = std::log((positives + 1) / (negatives + 1));
  double loss = PlattLoss(logits, targets, a, b);
  for (int iteration = 0; iteration < 100; ++iteration) {
    double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
    for (std::size_t i = 0; i < logits.size(); ++i) {
      const double x = logits[i];
      const double p = 1 / (1 + std::exp(-(a * x + b)));
      const double w = p * (1 - p);
      ga += (p - targets[i]) * x;
      gb += p - targets[i];
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    if (std::abs(ga) < 1e-5 && std::abs(gb) < 1e-5) break;
    const double det = haa * hbb - hab * hab;
    const double da = -(hbb * ga - hab * gb) / det;  // Newton direction
    const double db = -(haa * gb - hab * ga) / det;
    const double slope = ga * da + gb * db;  // < 0: a descent direction
    double step = 1;
    while (step >= 1e-10) {
      const double next =
          PlattLoss(logits, targets, a + step * da, b + step * db);
      if (next < loss + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        loss = next;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;  // no further decrease possible
  }
  if (!std::isfinite(a) || !std::isfinite(b) || a <= 0) return {1.0f, 0.0f};
  return {static_cast<float>(a), static_cast<float>(b)};
}

float BestF1Threshold(const std::vector<float>& scores,
                      const std::vector<bool>& gold) {
  const int positives =
      static_cast<int>(std::count(gold.begin(), gold.end(), true));
  if (positives == 0) return 0.5f;
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(
      order.begin(), order.end(),
      [&](std::size_t x, std::size_t y) { return scores[x] > scores[y]; });
  // Sweep the threshold down through the sorted scores.
  int tp = 0, fp = 0;
  double best_f1 = -1;
  float best = 0.5f;
  for (std::size_t k = 0; k < order.size(); ++k) {
    (gold[order[k]] ? tp : fp) += 1;
    bool tie = k + 1 < order.size() && scores[order[k + 1]] == scores[order[k]];
    if (tie) continue;
    double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
    if (f1 > best_f1) {
      best_f1 = f1;
      float next = k + 1 < order.size() ? scores[order[k + 1]] : 0.0f;
      best = (scores[order[k]] + next) / 2;
    }
  }
  return std::clamp(best, 0.05f, 0.95f);
}

EvalReport Evaluate(const std::vector<std::vector<int>>& gold,
                    const std::vector<std::vector<int>>& predicted,
                    int labels) {
  EvalReport r;
  r.texts = static_cast<int>(gold.size());
  std::vector<int> tp(labels), fp(labels), fn(labels);
  for (std::size_t i = 0; i < gold.size(); ++i) {
    std::vector<bool> g(labels), p(labels);
    for (int l : gold[i]) g[l] = true;
    for (int l : predicted[i]) p[l] = true;
    for (int l = 0; l < labels; ++l) {
      tp[l] += g[l] && p[l];
      fp[l] += !g[l] && p[l];
      fn[l] += g[l] && !p[l];
    }
    r.gold_cardinality += static_cast<double>(gold[i].size());
    r.predicted_cardinality += static_cast<double>(predicted[i].size());
  }
  if (r.texts > 0) {
    r.gold_cardinality /= r.texts;
    r.predicted_cardinality /= r.texts;
  }
  int all_tp = 0, all_fp = 0, all_fn = 0;
  for (int l = 0; l < labels; ++l) {
    LabelMetrics m;
    m.support = tp[l] + fn[l];
    m.precision =
        tp[l] + fp[l] > 0 ? static_cast<double>(tp[l]) / (tp[l] + fp[l]) : 0;
    m.recall = m.support > 0 ? static_cast<double>(tp[l]) / m.support : 0;
    m.f1 = 2.0 * tp[l] + fp[l] + fn[l] > 0
               ? 2.0 * tp[l] / (2.0 * tp[l] + fp[l] + fn[l])
               : 0;
    r.macro_f1 += m.f1 / labels;
    r.per_label.push_back(m);
    all_tp += tp[l];
    all_fp += fp[l];
    all_fn += fn[l];
  }
  r.micro_f1 = all_tp > 0 ? 2.0 * all_tp / (2.0 * all_tp + all_fp + all_fn) : 0;
  return r;
}

std::string EvalReportJson(const EvalReport& r, const Taxonomy& taxonomy) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  for (std::size_t l = 0; l < r.per_label.size(); ++l) {
    const auto& m = r.per_label[l];
    labels[taxonomy.labels()[l].id] = {{"precision", m.precision},
                                       {"recall", m.recall},
                                       {"f1", m.f1},
                                       {"support", m.support}};
  }
  nlohmann::ordered_json j = {
      {"responses", r.texts},
      {"labels", labels},
      {"micro_f1", r.micro_f1},
      {"macro_f1", r.macro_f1},
      {"label_cardinality",
       {{"gold", r.gold_cardinality}, {"predicted", r.predicted_cardinality}}}};
  return j.dump();
}

}  // namespace sift::nlp
