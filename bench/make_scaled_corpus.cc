// Scales the demo consultation up to N responses for the ingest benchmark.
//
//   sift_bench_corpus DEMO.csv N OUT.csv OUT.scriptindex
//
// Reads the demo's answers through sift's own ingest library (redaction off,
// so the benchmark input keeps the personal data sift must find), then writes
// N long-format responses whose texts are new combinations of the demo's
// sentences (deterministic, seed 2019), with the demo's respondent fields.
// The same responses go to OUT.csv (for `sift ingest`) and to OUT.scriptindex
// (field=value records for Xapian's scriptindex, the anchor).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "sift/ingest/response.h"

namespace {

struct Source {
  std::vector<std::string> sentences;
  std::vector<sift::ingest::Response> rows;
};

std::vector<std::string> SplitSentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current.push_back(text[i]);
    bool end =
        (text[i] == '.' || text[i] == '!' || text[i] == '?' ||
         text[i] == '\n') &&
        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    if (end) {
      if (current.find_first_not_of(" \n") != std::string::npos)
        out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n") != std::string::npos)
    out.push_back(current);
  return out;
}

bool LoadDemo(const std::string& path, Source* source) {
  sift::ingest::ResponseReaderOptions options;
  options.redact = false;
  options.mapping.text_columns = {"Q*"};
  auto reader = sift::ingest::ResponseReader::Open(path, options);
  if (!reader.ok()) {
    std::cerr << reader.status().message() << "\n";
    return false;
  }
  sift::ingest::ResponseItem item;
  while (reader->Next(&item).ok() &&
         item.kind != sift::ingest::ResponseItem::Kind::kEnd) {
    if (item.kind != sift::ingest::ResponseItem::Kind::kResponse) continue;
    for (std::string& s : SplitSentences(item.response.display_text)) {
      source->sentences.push_back(std::move(s));
    }
    source->rows.push_back(std::move(item.response));
  }
  return !source->sentences.empty();
}

std::string CsvQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

// scriptindex input: "name=value"; a value's further lines start with '='.
std::string ScriptField(const std::string& name, const std::string& value) {
  std::string out = name + "=";
  for (char c : value) {
    out.push_back(c);
    if (c == '\n') out.push_back('=');
  }
  return out + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr
        << "usage: sift_bench_corpus DEMO.csv N OUT.csv OUT.scriptindex\n";
    return 1;
  }
  Source source;
  if (!LoadDemo(argv[1], &source)) return 1;
  long n = std::stol(argv[2]);
  std::ofstream csv(argv[3], std::ios::binary);
  std::ofstream script(argv[4], std::ios::binary);
  csv << "id,text,respondent_type,sector,district,date\r\n";
  std::mt19937_64 rng(2019);
  std::uniform_int_distribution<std::size_t> pick_sentence(
      0, source.sentences.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_row(0,
                                                      source.rows.size() - 1);
  std::geometric_distribution<int> length(0.3);
  for (long i = 0; i < n; ++i) {
    const sift::ingest::Response& row = source.rows[pick_row(rng)];
    std::string text;
    int sentences = 1 + std::min(length(rng), 12);
    for (int s = 0; s < sentences; ++s) {
      if (!text.empty() && text.back() != '\n') text += ' ';
      text += source.sentences[pick_sentence(rng)];
    }
    std::string id = std::string("R").append(std::to_string(i + 1));
    csv << id << ',' << CsvQuote(text) << ',' << CsvQuote(row.respondent_type)
        << ',' << CsvQuote(row.sector) << ',' << CsvQuote(row.district) << ','
        << row.date << "\r\n";
    script << ScriptField("id", id) << ScriptField("text", text)
           << ScriptField("type", row.respondent_type)
           << ScriptField("sector", row.sector)
           << ScriptField("district", row.district)
           << ScriptField("date", row.date) << "\n";
  }
  return csv && script ? 0 : 1;
}
