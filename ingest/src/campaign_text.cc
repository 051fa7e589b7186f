// Words and shingles as campaign detection sees them.
#include "campaign_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sift/ingest/campaigns.h"

namespace sift::ingest {
namespace campaign_internal {
namespace {

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  if (u_isalnum(c)) return true;
  const std::int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

// Calls `emit(word)` with each case-folded word of `text`, in order.
template <typename Emit>
void ScanWords(std::string_view text, Emit emit) {
  std::string word;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::int32_t n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;  // an ill-formed byte separates words
    if (IsWordChar(c)) {
      const bool ideograph =
          c >= 0x2E80 && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
      if (ideograph && !word.empty()) emit(word), word.clear();
      UChar32 folded = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c)
                                : u_foldCase(c, U_FOLD_CASE_DEFAULT);
      if (folded < 0x80) {
        word.push_back(static_cast<char>(folded));
      } else {
        char buf[U8_MAX_LENGTH];
        std::int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, folded);
        word.append(buf, static_cast<std::size_t>(len));
      }
      if (ideograph) emit(word), word.clear();
      continue;
    }
    if (IsApostrophe(c) && !word.empty() && i < n) {
      std::int32_t next = i;
      UChar32 after;
      U8_NEXT(s, next, n, after);
      if (after >= 0 && IsWordChar(after)) continue;  // "don't" -> "dont"
    }
    if (!word.empty()) emit(word), word.clear();
  }
  if (!word.empty()) emit(word);
}

std::uint64_t HashWord(std::string_view word) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (unsigned char c : word) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

}  // namespace

void WordHashes(std::string_view text, std::vector<std::uint64_t>* out) {
  out->clear();
  ScanWords(text, [out](const std::string& w) { out->push_back(HashWord(w)); });
}

std::uint64_t SequenceKey(const std::vector<std::uint64_t>& words) {
  std::uint64_t h = 0x243f6a8885a308d3ULL ^ words.size();
  for (std::uint64_t w : words) h = Mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
  return Mix64(h);
}

std::string GroupId(char prefix, std::uint64_t key) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%010llx", prefix,
                static_cast<unsigned long long>(key >> 24));
  return buf;
}

}  // namespace campaign_internal

std::vector<std::string> CampaignWords(std::string_view text) {
  std::vector<std::string> words;
  campaign_internal::ScanWords(
      text, [&words](const std::string& w) { words.push_back(w); });
  return words;
}

namespace {

std::unordered_set<std::uint64_t> ShingleSet(std::string_view text, int k) {
  std::vector<std::uint64_t> words;
  campaign_internal::WordHashes(text, &words);
  std::unordered_set<std::uint64_t> shingles;
  const std::size_t width = static_cast<std::size_t>(std::max(k, 1));
  if (words.size() < width) {
    if (!words.empty()) shingles.insert(campaign_internal::SequenceKey(words));
    return shingles;
  }
  for (std::size_t i = 0; i + width <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t j = 0; j < width; ++j) {
      h = campaign_internal::Mix64(h ^ words[i + j]);
    }
    shingles.insert(h);
  }
  return shingles;
}

}  // namespace

double ShingleJaccard(std::string_view a, std::string_view b,
                      int shingle_words) {
  const auto sa = ShingleSet(a, shingle_words);
  const auto sb = ShingleSet(b, shingle_words);
  if (sa.empty() && sb.empty()) return 1.0;
  std::size_t common = 0;
  for (std::uint64_t s : sa) common += sb.count(s);
  return static_cast<double>(common) /
         static_cast<double>(sa.size() + sb.size() - common);
}

}  // namespace sift::ingest
