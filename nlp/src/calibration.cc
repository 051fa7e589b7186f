#include "sift/nlp/calibration.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "sift/nlp/trainer.h"

namespace sift::nlp {

std::pair<float, float> FitPlatt(const std::vector<float>& logits,
                                 const std::vector<bool>& gold) {
  const double positives =
      static_cast<double>(std::count(gold.begin(), gold.end(), true));
  const double negatives = static_cast<double>(gold.size()) - positives;
  if (positives == 0 || negatives == 0) return {1.0f, 0.0f};
  // Platt (1999): targets pulled off 0 and 1 to avoid overconfidence.
  const double hi = (positives + 1) / (positives + 2);
  const double lo = 1 / (negatives + 2);
  double a = 1, b = 0;
  for (int iteration = 0; iteration < 100; ++iteration) {
    double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (std::size_t i = 0; i < logits.size(); ++i) {
      double x = logits[i];
      double p = 1 / (1 + std::exp(-(a * x + b)));
      double t = gold[i] ? hi : lo;
      double w = p * (1 - p);
      ga += (p - t) * x;
      gb += (p - t);
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    double det = haa * hbb - hab * hab;
    if (std::abs(det) < 1e-12) break;
    double da = (hbb * ga - hab * gb) / det;
    double db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::abs(da) < 1e-7 && std::abs(db) < 1e-7) break;
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
