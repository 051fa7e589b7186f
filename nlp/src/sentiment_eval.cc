// Scoring a sentiment model against gold labels: macro-F1, Pearson r and
// how well its confidence is calibrated.
#include <algorithm>
#include <cmath>

#include "sift/nlp/sentiment.h"

namespace sift::nlp {

double PearsonR(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0;
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (saa <= 0 || sbb <= 0) return 0;
  return sab / std::sqrt(saa * sbb);
}

double PolarityMacroF1(const std::vector<Polarity>& gold,
                       const std::vector<Polarity>& predicted) {
  double sum = 0;
  int classes = 0;
  for (int c = 0; c < 3; ++c) {
    int tp = 0, fp = 0, fn = 0;
    for (std::size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
      bool g = static_cast<int>(gold[i]) == c;
      bool p = static_cast<int>(predicted[i]) == c;
      tp += g && p;
      fp += !g && p;
      fn += g && !p;
    }
    if (tp + fp + fn == 0) continue;
    sum += 2.0 * tp / (2.0 * tp + fp + fn);
    ++classes;
  }
  return classes == 0 ? 0 : sum / classes;
}

Result<SentimentEvalReport> EvaluateSentiment(
    SentimentModel* model, const std::vector<SentimentExample>& gold) {
  std::vector<std::string_view> texts;
  for (const SentimentExample& e : gold) texts.push_back(e.text);
  std::vector<SentimentResult> results;
  SIFT_RETURN_IF_ERROR(model->AnalyzeBatch(texts, &results));
  SentimentEvalReport report;
  std::vector<double> gold_scores, scores;
  std::vector<Polarity> gold_classes, predicted;
  std::vector<double> confidence;
  std::vector<bool> right;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const SentimentExample& e = gold[i];
    const SentimentResult& r = results[i];
    gold_scores.push_back(e.score);
    scores.push_back(r.score);
    gold_classes.push_back(e.polarity);
    predicted.push_back(r.polarity);
    if (r.has_confidence()) {  // a text without words has none
      confidence.push_back(r.confidence());
      right.push_back(r.polarity == e.polarity);
    }
    ++report.confusion[static_cast<int>(e.polarity)]
                      [static_cast<int>(r.polarity)];
  }
  report.texts = static_cast<int>(gold.size());
  int correct = 0;
  for (int c = 0; c < 3; ++c) {
    int tp = report.confusion[c][c], gold_c = 0, predicted_c = 0;
    for (int k = 0; k < 3; ++k) {
      gold_c += report.confusion[c][k];
      predicted_c += report.confusion[k][c];
    }
    auto& m = report.classes[c];
    m.support = gold_c;
    m.precision = predicted_c ? double(tp) / predicted_c : 0;
    m.recall = gold_c ? double(tp) / gold_c : 0;
    m.f1 = tp ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    correct += tp;
  }
  report.accuracy = gold.empty() ? 0 : double(correct) / gold.size();
  report.macro_f1 = PolarityMacroF1(gold_classes, predicted);
  report.pearson = PearsonR(scores, gold_scores);
  if (!confidence.empty()) {
    report.reliability = Reliability(confidence, right, 10);
    report.calibration_error = CalibrationError(report.reliability);
  }
  return report;
}

std::vector<ReliabilityBin> Reliability(const std::vector<double>& confidence,
                                        const std::vector<bool>& correct,
                                        int bins) {
  std::vector<ReliabilityBin> out(static_cast<std::size_t>(bins));
  for (int b = 0; b < bins; ++b) {
    out[b].low = static_cast<double>(b) / bins;
    out[b].high = static_cast<double>(b + 1) / bins;
  }
  const std::size_t n = std::min(confidence.size(), correct.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double c = std::clamp(confidence[i], 0.0, 1.0);
    const int b = std::min(bins - 1, static_cast<int>(c * bins));
    ReliabilityBin& bin = out[static_cast<std::size_t>(b)];
    ++bin.texts;
    bin.confidence += c;
    bin.accuracy += correct[i] ? 1.0 : 0.0;
  }
  for (ReliabilityBin& bin : out) {
    if (bin.texts == 0) continue;
    bin.confidence /= bin.texts;
    bin.accuracy /= bin.texts;
  }
  return out;
}

double CalibrationError(const std::vector<ReliabilityBin>& bins) {
  double total = 0, error = 0;
  for (const ReliabilityBin& bin : bins) {
    total += bin.texts;
    error += bin.texts * std::abs(bin.confidence - bin.accuracy);
  }
  return total == 0 ? 0 : error / total;
}

}  // namespace sift::nlp
