#include "sentiment_head.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "byte_io.h"
#include "sift/core/file.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {
namespace {

constexpr char kFormat[] = "sift-sentiment-head";
constexpr int kVersion = 3;  // 3: the n-gram model, 11 combiner inputs

std::string Hex(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx",
                static_cast<unsigned long long>(v));
  return buffer;
}

std::uint64_t Fnv(const std::string& s) {
  return byte_io::Fnv1a64(s, byte_io::kModelFnvBasis);
}

nlohmann::json ToJson(const SentimentHead& head) {
  return nlohmann::json{{"format", kFormat},
                        {"version", kVersion},
                        {"lexicon_fingerprint", Hex(head.lexicon_fingerprint)},
                        {"vectors_checksum", Hex(head.vectors_checksum)},
                        {"penalty", head.penalty},
                        {"bias", head.bias},
                        {"mean", head.mean},
                        {"scale", head.scale},
                        {"weights", head.weights},
                        {"rule_weight", head.rule_weight},
                        {"rule_slope", head.rule_slope},
                        {"rule_intercept", head.rule_intercept},
                        {"network", head.network},
                        {"ngrams", head.ngrams},
                        {"combiner", head.combiner},
                        {"score_rule", head.score_rule},
                        {"class_bias", head.class_bias},
                        {"domain_weights", head.domain_weights},
                        {"domain_bias", head.domain_bias},
                        {"general_combiner", head.general_combiner},
                        {"general_class_bias", head.general_class_bias},
                        {"negative_threshold", head.negative_threshold},
                        {"positive_threshold", head.positive_threshold},
                        {"dev_macro_f1", head.dev_macro_f1},
                        {"dev_pearson", head.dev_pearson}};
}

// Reads every field of `json` (as ToJson() writes them) into *head.
// Throws nlohmann::json::exception when one is missing or of the wrong type.
void FromJson(const nlohmann::json& json, SentimentHead* head) {
  head->lexicon_fingerprint = std::stoull(
      json.at("lexicon_fingerprint").get<std::string>(), nullptr, 16);
  head->vectors_checksum =
      std::stoull(json.at("vectors_checksum").get<std::string>(), nullptr, 16);
  json.at("penalty").get_to(head->penalty);
  json.at("bias").get_to(head->bias);
  json.at("mean").get_to(head->mean);
  json.at("scale").get_to(head->scale);
  json.at("weights").get_to(head->weights);
  json.at("rule_weight").get_to(head->rule_weight);
  json.at("rule_slope").get_to(head->rule_slope);
  json.at("rule_intercept").get_to(head->rule_intercept);
  json.at("network").get_to(head->network);
  json.at("ngrams").get_to(head->ngrams);
  json.at("combiner").get_to(head->combiner);
  json.at("score_rule").get_to(head->score_rule);
  if (json.contains("class_bias"))
    json.at("class_bias").get_to(head->class_bias);
  if (json.contains("domain_weights")) {
    json.at("domain_weights").get_to(head->domain_weights);
    json.at("domain_bias").get_to(head->domain_bias);
    json.at("general_combiner").get_to(head->general_combiner);
    json.at("general_class_bias").get_to(head->general_class_bias);
  }
  json.at("negative_threshold").get_to(head->negative_threshold);
  json.at("positive_threshold").get_to(head->positive_threshold);
  json.at("dev_macro_f1").get_to(head->dev_macro_f1);
  json.at("dev_pearson").get_to(head->dev_pearson);
}

// What is inconsistent in `head` ("" when nothing is).
std::string Inconsistency(const SentimentHead& head) {
  if (!head.combiner.empty() && head.combiner.size() != kCombinerInputs * 3) {
    return "the combiner needs " + std::to_string(kCombinerInputs * 3) +
           " weights";
  }
  if (!head.domain_weights.empty() &&
      (head.domain_weights.size() != head.weights.size() ||
       head.general_combiner.size() != head.combiner.size())) {
    return "the domain gate needs one weight per feature and a general "
           "combiner the size of the combiner";
  }
  if (head.score_rule != "head" && head.score_rule != "expected" &&
      head.score_rule != "mix") {
    return "unknown score_rule '" + head.score_rule + "'";
  }
  if (head.mean.size() != head.weights.size() ||
      head.scale.size() != head.weights.size()) {
    return "weights, mean and scale differ in length";
  }
  return "";
}

}  // namespace

double SentimentHead::Score(const std::vector<double>& features) const {
  double s = bias;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    s += weights[i] * (features[i] - mean[i]) / scale[i];
  }
  double rule = rule_slope * features[0] + rule_intercept;
  return std::clamp((1 - rule_weight) * s + rule_weight * rule, -1.0, 1.0);
}

double SentimentHead::Domain(const std::vector<double>& features) const {
  if (domain_weights.empty()) return 1.0;
  double z = domain_bias;
  for (std::size_t i = 0; i < domain_weights.size(); ++i) {
    z += domain_weights[i] * (features[i] - mean[i]) / scale[i];
  }
  return 1.0 / (1.0 + std::exp(-z));
}

int SentimentHead::Classify(double score) const {
  return static_cast<int>(
      PolarityOfScore(score, negative_threshold, positive_threshold));
}

// The thresholds with the best macro-F1 of `scores` against `gold`.
std::pair<double, double> TuneScoreThresholds(const std::vector<double>& scores,
                                              const std::vector<Polarity>& gold,
                                              double* best_f1) {
  std::pair<double, double> best{-0.05, 0.05};
  *best_f1 = -1;
  std::vector<Polarity> predicted(scores.size());
  for (int n = -60; n <= 30; n += 2) {
    for (int p = n; p <= 60; p += 2) {
      for (std::size_t i = 0; i < scores.size(); ++i) {
        predicted[i] = scores[i] <= n / 100.0   ? Polarity::kNegative
                       : scores[i] >= p / 100.0 ? Polarity::kPositive
                                                : Polarity::kNeutral;
      }
      double f1 = PolarityMacroF1(gold, predicted);
      if (f1 > *best_f1 + 1e-12) {
        *best_f1 = f1;
        best = {n / 100.0, p / 100.0};
      }
    }
  }
  return best;
}

Status WriteSentimentHead(const SentimentHead& head, const std::string& path) {
  nlohmann::json json = ToJson(head);
  json["checksum"] = Hex(Fnv(json.dump()));
  return WriteFileAtomically(path, json.dump(1) + "\n");
}

Result<SentimentHead> ReadSentimentHead(const std::string& path) {
  auto read =
      ReadWholeFile(path, "no sentiment head (train one with sift train)");
  if (!read.ok()) return read.status();
  nlohmann::json json = nlohmann::json::parse(read.value(), nullptr, false);
  auto bad = [&](const std::string& why) {
    return Status::Corruption(path + ": " + why);
  };
  if (json.is_discarded() || !json.is_object()) return bad("not JSON");
  if (json.value("format", "") != kFormat) return bad("not a sentiment head");
  if (json.value("version", 0) != kVersion) {
    return bad("format version " +
               json.value("version", nlohmann::json()).dump() +
               ", this sift reads " + std::to_string(kVersion) +
               " (retrain with sift train)");
  }
  std::string checksum = json.value("checksum", "");
  json.erase("checksum");
  if (checksum != Hex(Fnv(json.dump())))
    return bad("checksum mismatch (damaged)");
  SentimentHead head;
  try {
    FromJson(json, &head);
  } catch (const nlohmann::json::exception& e) {
    return bad(std::string("missing or wrong field: ") + e.what());
  }
  if (std::string why = Inconsistency(head); !why.empty()) return bad(why);
  return head;
}

}  // namespace sift::nlp
