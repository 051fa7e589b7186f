#include "sift/nlp/sentiment_lexicon.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "byte_io.h"
#include "sentiment_table.h"
#include "sift/core/file.h"

namespace sift::nlp {
namespace {

using sentiment_internal::Lower;

std::uint64_t Fnv(std::string_view s,
                  std::uint64_t h = byte_io::kModelFnvBasis) {
  return byte_io::Fnv1a64(s, h);
}

}  // namespace

SentimentLexicon::SentimentLexicon() : table_(std::make_unique<Table>()) {}
SentimentLexicon::~SentimentLexicon() = default;
SentimentLexicon::SentimentLexicon(SentimentLexicon&&) noexcept = default;
SentimentLexicon& SentimentLexicon::operator=(SentimentLexicon&&) noexcept =
    default;

Result<SentimentLexicon> SentimentLexicon::LoadVader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(
        path +
        ": cannot open the sentiment lexicon (run scripts/fetch-lexicon.sh)");
  }
  SentimentLexicon lexicon;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::size_t tab = line.find('\t');
    std::size_t tab2 =
        tab == std::string::npos ? tab : line.find('\t', tab + 1);
    char* end = nullptr;
    std::string field = tab == std::string::npos
                            ? std::string()
                            : line.substr(tab + 1, tab2 - tab - 1);
    double valence = std::strtod(field.c_str(), &end);
    if (tab == 0 || field.empty() || end != field.c_str() + field.size() ||
        std::fabs(valence) > 4.0) {
      return Status::Corruption(std::string(path).append(":").append(
          std::to_string(number) +
          ": expected 'token<TAB>valence (-4..4)<TAB>...', got '" +
          line.substr(0, 60) + "'"));
    }
    lexicon.table_->words[Lower(line.substr(0, tab))] = valence;
  }
  if (lexicon.table_->words.empty()) {
    return Status::Corruption(path + ": the sentiment lexicon is empty");
  }
  return lexicon;
}

Status SentimentLexicon::AddPhraseFile(const std::string& path) {
  auto read = ReadWholeFile(path, "cannot open the phrase table");
  if (!read.ok()) return read.status();
  return AddPhrases(read.value(), path);
}

Status SentimentLexicon::AddPhrases(std::string_view table,
                                    const std::string& source) {
  std::istringstream in{std::string(table)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::size_t tab = line.find('\t');
    auto error = [&](const std::string& why) {
      return Status::InvalidArgument(std::string(source).append(":").append(
          std::to_string(number) + ": " + why));
    };
    if (tab == std::string::npos || tab == 0) {
      return error("expected 'phrase<TAB>valence'");
    }
    std::string value = line.substr(tab + 1);
    char* end = nullptr;
    double valence = std::strtod(value.c_str(), &end);
    while (end && (*end == ' ' || *end == '\t')) ++end;
    if (value.empty() || *end != '\0' || std::fabs(valence) > 4.0) {
      return error("valence must be a number from -4 to 4, got '" + value +
                   "'");
    }
    std::vector<std::string> words;
    std::istringstream phrase(Lower(line.substr(0, tab)));
    for (std::string w; phrase >> w;) words.push_back(w);
    if (words.empty()) return error("empty phrase");
    if (words.size() == 1) {
      table_->words[words[0]] = valence;
      continue;
    }
    auto& list = table_->phrases[words[0]];
    std::vector<std::string> rest(words.begin() + 1, words.end());
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const auto& p) { return p.first == rest; });
    if (same != list.end()) {
      same->second = valence;
    } else {
      list.emplace_back(std::move(rest), valence);
      ++table_->phrase_count;
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) {
                       return a.first.size() > b.first.size();
                     });
  }
  return Status::Ok();
}

double SentimentLexicon::Valence(std::string_view lower_word) const {
  auto it = table_->words.find(lower_word);
  return it == table_->words.end() ? 0.0 : it->second;
}

std::size_t SentimentLexicon::size() const {
  return table_->words.size() + table_->phrase_count;
}

std::uint64_t SentimentLexicon::fingerprint() const {
  std::uint64_t sum = 0;
  auto mix = [&](std::string_view key, double valence) {
    std::uint64_t h = Fnv(key);
    h = Fnv(std::to_string(std::lround(valence * 1000)), h);
    sum += h * 0x9E3779B97F4A7C15ull + (h >> 29);
  };
  for (const auto& [word, valence] : table_->words) mix(word, valence);
  for (const auto& [first, list] : table_->phrases) {
    for (const auto& [rest, valence] : list) {
      std::string key = first;
      for (const auto& w : rest) key.append(" ").append(w);
      mix(key, valence);
    }
  }
  return sum;
}

}  // namespace sift::nlp
