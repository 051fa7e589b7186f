// Accuracy of the sector rule table against the labelled corpus.
//
//   sift_sector_eval TABLE FILE.jsonl...
//   (e.g. sift_sector_eval models/sectors.tsv
//   corpora/labelled/{train,dev,test}.jsonl)
//
// Maps every record's sector_raw, organisation, respondent_type and text
// with SectorMapper and compares the result with the gold `sector`. Prints
// accuracy per file and overall, how often each source decided, every error
// (grouped: raw value, organisation -> predicted vs gold, the rule that
// fired) and the typed values that no rule mapped with confidence.
// Exit status: 0, or 1 when the table or a file cannot be read.
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "sift/ingest/sectors.h"

namespace {

using sift::ingest::SectorMatch;

struct Tally {
  std::int64_t total = 0;
  std::int64_t correct = 0;
};

struct Error {
  std::string raw, organisation, respondent_type, predicted, gold, rule;
  bool operator<(const Error& o) const {
    return std::tie(gold, predicted, raw, organisation) <
           std::tie(o.gold, o.predicted, o.raw, o.organisation);
  }
};

std::string Field(const nlohmann::json& record, const char* name) {
  auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : "";
}

double Percent(const Tally& t) {
  return t.total == 0 ? 0.0 : 100.0 * t.correct / t.total;
}

// Maps every record of `path`; false when the file cannot be read.
bool EvaluateFile(const sift::ingest::SectorMapper& mapper,
                  const std::string& path, Tally* tally,
                  std::map<std::string, std::int64_t>* sources,
                  std::map<Error, std::int64_t>* errors,
                  sift::ingest::UnmappedSectors* unmapped) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (!record.is_object()) {
      std::cerr << path << ":" << n << ": not a JSON object\n";
      return false;
    }
    Error e{Field(record, "sector_raw"),      Field(record, "organisation"),
            Field(record, "respondent_type"), "",
            Field(record, "sector"),          ""};
    std::string text = Field(record, "text");
    SectorMatch m =
        mapper.Map({e.raw, e.organisation, e.respondent_type, text});
    ++tally->total;
    ++(*sources)[sift::ingest::SectorSourceName(m.source)];
    unmapped->Observe(e.raw, m);
    if (m.sector == e.gold) {
      ++tally->correct;
      continue;
    }
    e.predicted = m.sector;
    e.rule = m.rule.empty() ? "-" : m.rule;
    ++(*errors)[e];
  }
  std::cout << std::left << std::setw(40) << path << std::right << std::setw(6)
            << tally->correct << " / " << std::setw(5) << tally->total << "  "
            << std::fixed << std::setprecision(1) << Percent(*tally) << "%\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: sift_sector_eval TABLE FILE.jsonl...\n";
    return 1;
  }
  auto mapper = sift::ingest::SectorMapper::Load(argv[1]);
  if (!mapper.ok()) {
    std::cerr << mapper.status().message() << "\n";
    return 1;
  }
  Tally overall;
  std::map<std::string, std::int64_t> sources;
  std::map<Error, std::int64_t> errors;
  sift::ingest::UnmappedSectors unmapped;
  std::cout << "accuracy (" << mapper->rule_count() << " rules)\n";
  for (int i = 2; i < argc; ++i) {
    Tally tally;
    if (!EvaluateFile(*mapper, argv[i], &tally, &sources, &errors, &unmapped)) {
      return 1;
    }
    overall.total += tally.total;
    overall.correct += tally.correct;
  }
  std::cout << std::left << std::setw(40) << "overall" << std::right
            << std::setw(6) << overall.correct << " / " << std::setw(5)
            << overall.total << "  " << Percent(overall) << "%\n\ndecided by:";
  for (const auto& [source, n] : sources)
    std::cout << " " << source << " " << n;
  std::cout << "\n\nerrors (gold <- predicted: typed | organisation | "
               "respondent type | rule) x count\n";
  for (const auto& [e, n] : errors) {
    std::cout << "  " << e.gold << " <- " << e.predicted << ": \"" << e.raw
              << "\" | " << e.organisation << " | " << e.respondent_type
              << " | " << e.rule
              << (n > 1 ? std::string(" x").append(std::to_string(n)) : "")
              << "\n";
  }
  std::cout << "\nunmapped typed values (default sector or text only)\n";
  for (const auto& [value, n] : unmapped.Sorted()) {
    std::cout << "  " << std::setw(5) << n << "  \"" << value << "\"\n";
  }
  return 0;
}
