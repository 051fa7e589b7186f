// Scores fastText's predictions for the classifier benchmark
// (bench/classify_bench.sh) the way sift's model is scored.
//
//   sift_score_fasttext TAXONOMY.json DEV.jsonl DEV.probs TEST.jsonl TEST.probs
//
// *.probs are `fasttext predict-prob MODEL FILE -1 0.0` outputs, one line
// per record of the matching JSONL ("__label__people 0.93 __label__none
// 0.02 ..."; a label left out scores 0). Gold labels are read with
// sift::nlp::ReadLabelled, as `sift eval` reads them. One threshold per label
// is tuned for F1 on dev (the sweep sift's trainer runs, kept within
// [0.05, 0.95]) and applied to test. Prints one JSON object: the thresholds,
// and for dev and test, per-label precision, recall, F1 and support with
// micro and macro F1 (sift::nlp::Evaluate), shaped as `sift eval --json`.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "sift/nlp/calibration.h"
#include "sift/nlp/labelled_data.h"
#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

namespace {

using Scores = std::vector<std::vector<float>>;  // [text][label]

bool ReadProbs(const std::string& path, const sift::nlp::Taxonomy& taxonomy,
               Scores* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    return false;
  }
  std::string line, label;
  float p = 0;
  while (std::getline(in, line)) {
    std::vector<float> s(taxonomy.size(), 0.0f);
    std::istringstream fields(line);
    while (fields >> label >> p) {
      int l = label.rfind("__label__", 0) == 0
                  ? taxonomy.IndexOf(label.substr(9))
                  : -1;
      if (l >= 0) s[l] = p;
    }
    out->push_back(std::move(s));
  }
  return true;
}

std::vector<std::vector<int>> Assign(const Scores& scores,
                                     const std::vector<float>& thresholds) {
  std::vector<std::vector<int>> out;
  for (const auto& s : scores) {
    out.emplace_back();
    for (std::size_t l = 0; l < s.size(); ++l) {
      if (s[l] >= thresholds[l]) out.back().push_back(static_cast<int>(l));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: sift_score_fasttext TAXONOMY.json DEV.jsonl "
                 "DEV.probs TEST.jsonl TEST.probs\n";
    return 1;
  }
  auto taxonomy = sift::nlp::Taxonomy::Load(argv[1]);
  if (!taxonomy.ok()) {
    std::cerr << taxonomy.status().message() << "\n";
    return 1;
  }
  const int labels = static_cast<int>(taxonomy->size());
  std::vector<std::vector<std::vector<int>>> gold;
  std::vector<Scores> scores;
  for (int split = 0; split < 2; ++split) {
    auto set = sift::nlp::ReadLabelled({argv[2 + 2 * split]}, taxonomy.value(),
                                       sift::ingest::ResponseReaderOptions());
    if (!set.ok()) {
      std::cerr << set.status().message() << "\n";
      return 1;
    }
    gold.emplace_back();
    for (const auto& item : set->items) gold.back().push_back(item.labels);
    scores.emplace_back();
    if (!ReadProbs(argv[3 + 2 * split], taxonomy.value(), &scores.back())) {
      return 1;
    }
    if (scores.back().size() != gold.back().size()) {
      std::cerr << argv[3 + 2 * split] << ": " << scores.back().size()
                << " lines for " << gold.back().size() << " records\n";
      return 1;
    }
  }
  std::vector<float> thresholds(labels);
  nlohmann::ordered_json j;
  j["thresholds"] = nlohmann::ordered_json::object();
  for (int l = 0; l < labels; ++l) {
    std::vector<float> s;
    std::vector<bool> g;
    for (std::size_t i = 0; i < gold[0].size(); ++i) {
      s.push_back(scores[0][i][l]);
      g.push_back(std::count(gold[0][i].begin(), gold[0][i].end(), l) > 0);
    }
    thresholds[l] = sift::nlp::BestF1Threshold(s, g);
    j["thresholds"][taxonomy->labels()[l].id] = thresholds[l];
  }
  for (int split = 0; split < 2; ++split) {
    sift::nlp::EvalReport report = sift::nlp::Evaluate(
        gold[split], Assign(scores[split], thresholds), labels);
    j[split == 0 ? "dev" : "test"] = nlohmann::ordered_json::parse(
        sift::nlp::EvalReportJson(report, taxonomy.value()));
  }
  std::cout << j.dump(2) << "\n";
  return 0;
}
