// Data for the classifier benchmark (bench/classify_bench.sh), read through
// sift's own ingest library (redaction on), so fastText sees the texts sift
// sees: the analysis form (response.text).
//
//   sift_fasttext_data labelled IN.jsonl OUT.txt
//   sift_fasttext_data corpus TRAIN.jsonl N OUT.jsonl OUT.txt
//
// `labelled` writes a labelled file (corpora/labelled/) in fastText's
// format: `__label__<id>` for each label (`__label__none` when there is
// none), then the text, lower-cased, on one line, with punctuation split off
// as in fastText's own tutorial (fastText splits words on spaces only).
// `corpus` writes N responses whose texts are new combinations of the
// labelled texts' sentences, with their number of sentences drawn from the
// same texts (deterministic, seed 2019), as JSONL ({"id", "text"}) for
// `sift classify` and as the same lines for `fasttext predict-prob`.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sift/ingest/response.h"

namespace {

struct Text {
  std::string text;
  std::vector<std::string> labels;
};

bool ReadTexts(const std::string& path, std::vector<Text>* out) {
  sift::ingest::ResponseReaderOptions options;  // redaction on
  auto reader = sift::ingest::ResponseReader::Open(path, options);
  if (!reader.ok()) {
    std::cerr << reader.status().message() << "\n";
    return false;
  }
  sift::ingest::ResponseItem item;
  while (true) {
    sift::Status s = reader->Next(&item);
    if (!s.ok()) {
      std::cerr << s.message() << "\n";
      return false;
    }
    if (item.kind == sift::ingest::ResponseItem::Kind::kEnd) break;
    if (item.kind == sift::ingest::ResponseItem::Kind::kRejected) {
      std::cerr << path << ":" << item.rejection.line << ": "
                << item.rejection.reason << "\n";
      return false;
    }
    Text t{item.response.text, {}};
    for (const auto& [key, value] : item.response.metadata) {
      if (key != "labels") continue;
      auto j = nlohmann::json::parse(value, nullptr, false);
      if (!j.is_array()) continue;
      for (const auto& l : j) {
        if (l.is_string()) t.labels.push_back(l.get<std::string>());
      }
    }
    out->push_back(std::move(t));
  }
  return !out->empty();
}

// Lower-cased (ASCII; other bytes kept), one line, punctuation split off.
std::string FastTextLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool punct = std::string_view(".!?,'/()\":;").find(c) != std::string::npos;
    if (punct && !out.empty() && out.back() != ' ') out += ' ';
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    if (punct) out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> SplitSentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current.push_back(text[i]);
    bool end = (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
               (i + 1 == text.size() || text[i + 1] == ' ');
    if (end || i + 1 == text.size()) {
      std::size_t b = current.find_first_not_of(' ');
      if (b != std::string::npos) out.push_back(current.substr(b));
      current.clear();
    }
  }
  return out;
}

int Labelled(const std::string& in, const std::string& out_path) {
  std::vector<Text> texts;
  if (!ReadTexts(in, &texts)) return 1;
  std::ofstream out(out_path, std::ios::binary);
  for (const Text& t : texts) {
    if (t.labels.empty()) out << "__label__none ";
    for (const std::string& l : t.labels) out << "__label__" << l << ' ';
    out << FastTextLine(t.text) << "\n";
  }
  return out ? 0 : 1;
}

int Corpus(const std::string& in, long n, const std::string& jsonl_path,
           const std::string& txt_path) {
  std::vector<Text> texts;
  if (!ReadTexts(in, &texts)) return 1;
  std::vector<std::string> sentences;
  std::vector<std::size_t> lengths;
  for (const Text& t : texts) {
    std::vector<std::string> s = SplitSentences(t.text);
    lengths.push_back(s.size());
    for (std::string& x : s) sentences.push_back(std::move(x));
  }
  std::ofstream jsonl(jsonl_path, std::ios::binary);
  std::ofstream txt(txt_path, std::ios::binary);
  std::mt19937_64 rng(2019);
  std::uniform_int_distribution<std::size_t> pick_sentence(
      0, sentences.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_length(0, lengths.size() - 1);
  for (long i = 0; i < n; ++i) {
    std::string text;
    for (std::size_t k = lengths[pick_length(rng)]; k > 0; --k) {
      if (!text.empty()) text += ' ';
      text += sentences[pick_sentence(rng)];
    }
    nlohmann::ordered_json j = {
        {"id", std::string("C").append(std::to_string(i + 1))}, {"text", text}};
    jsonl << j.dump() << "\n";
    txt << FastTextLine(text) << "\n";
  }
  return jsonl && txt ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "labelled") {
    return Labelled(args[1], args[2]);
  }
  if (args.size() == 5 && args[0] == "corpus") {
    return Corpus(args[1], std::stol(args[2]), args[3], args[4]);
  }
  std::cerr << "usage: sift_fasttext_data labelled IN.jsonl OUT.txt\n"
               "       sift_fasttext_data corpus TRAIN.jsonl N OUT.jsonl "
               "OUT.txt\n";
  return 1;
}
