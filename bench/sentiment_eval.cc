// Scores a sentiment ground-truth file with sift's sentiment model and, when
// given, a reference's scores for the same items (VADER's, from
// vader_reference.py), and prints one JSON line of metrics per system.
//
//   sift_sentiment_eval --format vader|nhs|jsonl --file F --model DIR
//       --lexicon L --vectors V [--dump-texts OUT] [--reference SCORES]
//
// Formats: vader = VADER's *_GroundTruth.txt (id TAB mean rating -4..4 TAB
// text); nhs = pxtextmining's v6framework CSV ("FFT answer", "Comment
// sentiment" 1 very positive .. 5 very negative; unlabelled rows skipped);
// jsonl = sift's labelled corpus (text, sentiment, sentiment_score).
// Gold classes: nhs 1-2 positive, 3 neutral, 4-5 negative; vader ratings
// above 0.5 positive, below -0.5 negative, else neutral (VADER's paper
// reports correlation only; the classes are our addition).
#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sift/ingest/response.h"
#include "sift/nlp/sentiment.h"

namespace {

using sift::nlp::Polarity;

struct Item {
  std::string text;
  double gold = 0;
  Polarity gold_class = Polarity::kNeutral;
};

Polarity FromScore(double v, double band) {
  return v > band    ? Polarity::kPositive
         : v < -band ? Polarity::kNegative
                     : Polarity::kNeutral;
}

std::vector<Item> ReadVader(const std::string& path) {
  std::vector<Item> items;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::size_t a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    double gold = std::stod(line.substr(a + 1, b - a - 1));
    items.push_back({line.substr(b + 1), gold / 4.0, FromScore(gold, 0.5)});
  }
  return items;
}

std::vector<Item> ReadJsonl(const std::string& path) {
  std::vector<Item> items;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    items.push_back(
        {j["text"], j["sentiment_score"],
         *sift::nlp::ParsePolarity(j["sentiment"].get<std::string>())});
  }
  return items;
}

std::vector<Item> ReadNhs(const std::string& path) {
  sift::ingest::ResponseReaderOptions options;
  options.mapping.explicit_columns = {{"text", "FFT answer"},
                                      {"id", "Comment ID"}};
  std::vector<Item> items;
  auto reader = sift::ingest::ResponseReader::Open(path, options);
  if (!reader.ok()) {
    std::cerr << reader.status().message() << "\n";
    return items;
  }
  sift::ingest::ResponseItem item;
  while (reader->Next(&item).ok() &&
         item.kind != sift::ingest::ResponseItem::Kind::kEnd) {
    if (item.kind != sift::ingest::ResponseItem::Kind::kResponse) continue;
    for (const auto& [k, v] : item.response.metadata) {
      if (k != "Comment sentiment" || v.size() != 1 || v[0] < '1' || v[0] > '5')
        continue;
      int rating = v[0] - '0';
      items.push_back({item.response.display_text, (3 - rating) / 2.0,
                       rating <= 2   ? Polarity::kPositive
                       : rating == 3 ? Polarity::kNeutral
                                     : Polarity::kNegative});
    }
  }
  return items;
}

void Report(const std::string& system, const std::vector<Item>& items,
            const std::vector<double>& scores,
            const std::vector<Polarity>& classes) {
  std::vector<double> gold;
  std::vector<Polarity> gold_classes;
  for (const Item& i : items) {
    gold.push_back(i.gold);
    gold_classes.push_back(i.gold_class);
  }
  fmt::print(
      "{{\"system\": \"{}\", \"n\": {}, \"pearson\": {:.4f}, "
      "\"macro_f1\": {:.4f}}}\n",
      system, items.size(), sift::nlp::PearsonR(scores, gold),
      sift::nlp::PolarityMacroF1(gold_classes, classes));
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  const std::string format = args["--format"];
  std::vector<Item> items = format == "vader" ? ReadVader(args["--file"])
                            : format == "nhs" ? ReadNhs(args["--file"])
                                              : ReadJsonl(args["--file"]);
  if (items.empty()) {
    std::cerr << "no items read from " << args["--file"] << "\n";
    return 1;
  }
  if (args.count("--dump-texts")) {
    std::ofstream out(args["--dump-texts"]);
    for (Item& i : items) {
      for (char& c : i.text) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      out << i.text << "\n";
    }
  }
  auto model = sift::nlp::SentimentModel::Load(
      {args["--model"], args["--lexicon"], args["--vectors"]});
  if (!model.ok()) {
    std::cerr << model.status().message() << "\n";
    return 1;
  }
  std::vector<std::string_view> texts;
  for (const Item& i : items) texts.push_back(i.text);
  std::vector<sift::nlp::SentimentResult> results;
  if (auto s = model->AnalyzeBatch(texts, &results); !s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  std::vector<double> scores, lexicon_scores;
  std::vector<Polarity> classes, lexicon_classes;
  for (const auto& r : results) {
    scores.push_back(r.score);
    classes.push_back(r.polarity);
    lexicon_scores.push_back(r.lexicon_score);
    lexicon_classes.push_back(FromScore(r.lexicon_score, 0.049));
  }
  Report("sift", items, scores, classes);
  if (args.count("--dump-scores")) {
    std::ofstream out(args["--dump-scores"]);
    for (std::size_t i = 0; i < items.size(); ++i) {
      out << items[i].gold << "\t" << static_cast<int>(items[i].gold_class)
          << "\t" << scores[i] << "\t" << lexicon_scores[i] << "\n";
    }
  }
  Report("sift-rules-only", items, lexicon_scores, lexicon_classes);
  if (args.count("--reference")) {
    std::ifstream in(args["--reference"]);
    std::vector<double> ref;
    std::vector<Polarity> ref_classes;
    for (double v; in >> v;) {
      ref.push_back(v);
      ref_classes.push_back(FromScore(v, 0.049));
    }
    if (ref.size() != items.size()) {
      std::cerr << "reference has " << ref.size() << " scores for "
                << items.size() << " items\n";
      return 1;
    }
    Report(args.count("--reference-name") ? args["--reference-name"] : "vader",
           items, ref, ref_classes);
  }
  return 0;
}
