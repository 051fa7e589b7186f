// Theme sentiment against gold: does sift tell the theme a response praises
// from the theme it attacks?
//
//   sift_theme_sentiment_eval --model DIR --vectors V --lexicon L FILE.jsonl...
//   (e.g. corpora/theme_sentiment/test.jsonl)
//
// FILE records: {"id", "text", "labels", "theme_sentiment": {label:
// "positive|negative|neutral"}, "sentiment", ...}. Every (response, gold
// theme) pair is scored where sift assigned that theme ("covered"); the
// others count only in the coverage. A theme's class is the one sift gives
// it (sift/nlp/analyzer.h). Printed, for the covered pairs:
//   - sift's theme sentiment: accuracy and 3-class macro-F1;
//   - the baseline a tool without theme sentiment gives, the response's own
//     sentiment for each of its themes, on the same pairs;
//   - contrasts: responses with a positive and a negative theme, both
//     covered: how often sift scores every positive one above every negative
//     one (the baseline scores every theme alike, so never), and how often
//     it puts all of them in their classes.
// Exit status: 0, or 1 when the model or a file cannot be read.
#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sift/ingest/normalizer.h"
#include "sift/nlp/analyzer.h"
#include "sift/nlp/sentiment.h"

namespace {

using sift::nlp::Polarity;

struct Record {
  std::string id, display, analysis;
  std::map<std::string, Polarity> gold;  // theme id -> stance
};

Polarity ParsePolarity(const std::string& value) {
  return value == "positive"   ? Polarity::kPositive
         : value == "negative" ? Polarity::kNegative
                               : Polarity::kNeutral;
}

bool ReadRecords(const std::string& path,
                 const sift::ingest::TextNormalizer& normalizer,
                 std::vector<Record>* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return false;
  }
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("theme_sentiment")) {
      std::cerr << path << ":" << line_number
                << ": not a theme-sentiment record\n";
      return false;
    }
    Record r;
    r.id = j.value("id", "");
    r.display = normalizer.ForDisplay(j["text"].get<std::string>());
    r.analysis = normalizer.ForAnalysis(r.display);
    for (const auto& [theme, stance] : j["theme_sentiment"].items()) {
      r.gold[theme] = ParsePolarity(stance.get<std::string>());
    }
    out->push_back(std::move(r));
  }
  return true;
}

struct Scores {
  std::vector<Polarity> gold, sift, baseline;
  int pairs = 0, contrasts = 0, ordered = 0, both_right = 0;
};

// Adds one response's covered pairs and its contrast, if any, to *s.
void Score(const Record& r, const sift::nlp::Analysis& a,
           const std::vector<std::string>& label_ids, Scores* s) {
  std::map<std::string, sift::nlp::ThemeSentiment> by_theme;
  for (const sift::nlp::ThemeSentiment& t : a.theme_sentiment) {
    by_theme[label_ids[t.label]] = t;
  }
  const Polarity response = a.sentiment.polarity;
  // The contrast holds only if every positive theme scores above every
  // negative one; "all in class" only if every one of them is classed right.
  double lowest_positive = 2, highest_negative = -2;
  bool all_in_class = true;
  for (const auto& [theme, stance] : r.gold) {
    ++s->pairs;
    auto it = by_theme.find(theme);
    if (it == by_theme.end()) continue;
    const sift::nlp::ThemeSentiment& t = it->second;
    s->gold.push_back(stance);
    s->sift.push_back(t.polarity);
    s->baseline.push_back(response);
    if (stance == Polarity::kPositive) {
      lowest_positive = std::min(lowest_positive, t.score);
    }
    if (stance == Polarity::kNegative) {
      highest_negative = std::max(highest_negative, t.score);
    }
    if (stance != Polarity::kNeutral) all_in_class &= t.polarity == stance;
  }
  if (lowest_positive > 1 || highest_negative < -1) return;  // no contrast
  ++s->contrasts;
  s->ordered += lowest_positive > highest_negative;
  s->both_right += all_in_class;
}

double Accuracy(const std::vector<Polarity>& gold,
                const std::vector<Polarity>& predicted) {
  int right = 0;
  for (std::size_t i = 0; i < gold.size(); ++i)
    right += gold[i] == predicted[i];
  return gold.empty() ? 0 : static_cast<double>(right) / gold.size();
}

std::map<std::string, std::string> ParseFlags(int argc, char** argv,
                                              std::vector<std::string>* files) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0 && i + 1 < argc) {
      flags[arg] = argv[++i];
    } else {
      files->push_back(arg);
    }
  }
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  auto flags = ParseFlags(argc, argv, &files);
  auto normalizer = sift::ingest::TextNormalizer::Create();
  if (!normalizer.ok() || files.empty()) {
    std::cerr << "usage: sift_theme_sentiment_eval --model DIR --vectors V "
                 "--lexicon L FILE.jsonl...\n";
    return 1;
  }
  std::vector<Record> records;
  for (const std::string& f : files) {
    if (!ReadRecords(f, *normalizer, &records)) return 1;
  }
  auto analyzer = sift::nlp::ResponseAnalyzer::Load(
      {flags["--model"], flags["--vectors"], flags["--lexicon"], true});
  if (!analyzer.ok()) {
    std::cerr << analyzer.status().message() << "\n";
    return 1;
  }
  if (!analyzer->has_sentiment()) {
    std::cerr << flags["--model"] << ": the model has no sentiment head\n";
    return 1;
  }
  std::vector<sift::nlp::AnalyzerInput> inputs;
  for (const Record& r : records) inputs.push_back({r.analysis, r.display});
  std::vector<sift::nlp::Analysis> analyses;
  if (auto s = analyzer->Analyze(inputs, &analyses); !s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  std::vector<std::string> label_ids;
  for (const auto& label : analyzer->classifier().taxonomy().labels()) {
    label_ids.push_back(label.id);
  }
  Scores s;
  for (std::size_t i = 0; i < records.size(); ++i) {
    Score(records[i], analyses[i], label_ids, &s);
  }
  fmt::print(
      "{} responses, {} (response, theme) pairs; sift assigned {} ({:.1f}%)\n",
      records.size(), s.pairs, s.gold.size(),
      s.pairs ? 100.0 * s.gold.size() / s.pairs : 0.0);
  fmt::print("on those pairs       accuracy  macro-F1\n");
  fmt::print("sift theme sentiment    {:.3f}     {:.3f}\n",
             Accuracy(s.gold, s.sift),
             sift::nlp::PolarityMacroF1(s.gold, s.sift));
  fmt::print(
      "response sentiment      {:.3f}     {:.3f}  (baseline: one class per "
      "response)\n",
      Accuracy(s.gold, s.baseline),
      sift::nlp::PolarityMacroF1(s.gold, s.baseline));
  const double n = s.contrasts ? s.contrasts : 1;
  fmt::print(
      "contrasts (a positive and a negative theme, both assigned): {}\n"
      "  positive themes scored above negative ones: {:.1f}% (baseline 0%)\n"
      "  every one of them in its class: {:.1f}%\n",
      s.contrasts, 100 * s.ordered / n, 100 * s.both_right / n);
  return 0;
}
