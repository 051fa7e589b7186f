// Internal: the sentiment lexicon's storage and the text helpers the
// lexicon and its scorer share.
#ifndef SIFT_NLP_SRC_SENTIMENT_TABLE_H_
#define SIFT_NLP_SRC_SENTIMENT_TABLE_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sift/nlp/sentiment_lexicon.h"

namespace sift::nlp {

// Hashes std::string and std::string_view alike, so look-ups by view
// allocate nothing.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};

struct SentimentLexicon::Table {
  std::unordered_map<std::string, double, WordHash, std::equal_to<>> words;
  // First word -> the phrases starting with it, longest first.
  std::unordered_map<std::string,
                     std::vector<std::pair<std::vector<std::string>, double>>>
      phrases;
  std::size_t phrase_count = 0;
};

namespace sentiment_internal {

inline bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// Python's str.isupper() for ASCII: some letter, no lower-case letter.
inline bool IsUpper(std::string_view word) {
  bool letter = false;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Curly apostrophes and quotes become ASCII so "don’t" is a negator.
inline std::string AsciiQuotes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80' &&
        (text[i + 2] == '\x98' || text[i + 2] == '\x99')) {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace sentiment_internal
}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_SENTIMENT_TABLE_H_
