// PersonalAdditions(): a campaign member's sentences that its template lacks.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "campaign_text.h"
#include "sift/ingest/campaigns.h"

namespace sift::ingest {
namespace {

constexpr std::string_view kSpace = " \t\r\n\f\v";

std::string_view Trim(std::string_view s) {
  const std::size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Drops a leading list marker: "-", "*", "+", "•", "·", "‣", "–", "—".
std::string_view StripBullet(std::string_view line) {
  for (std::string_view bullet :
       {"-", "*", "+", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\xA3",
        "\xE2\x80\x93", "\xE2\x80\x94"}) {
    if (line.size() > bullet.size() &&
        line.substr(0, bullet.size()) == bullet &&
        kSpace.find(line[bullet.size()]) != std::string_view::npos) {
      return Trim(line.substr(bullet.size()));
    }
  }
  return line;
}

// Appends the ICU sentences of one line (or the line whole if ICU fails).
void SplitLine(std::string_view line, icu::BreakIterator* breaker,
               std::vector<std::string_view>* out) {
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, line.data(),
                               static_cast<std::int64_t>(line.size()), &status);
  if (breaker != nullptr && U_SUCCESS(status)) breaker->setText(text, status);
  if (breaker == nullptr || U_FAILURE(status)) {
    out->push_back(line);
  } else {
    std::int32_t begin = breaker->first();
    for (std::int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
         begin = end, end = breaker->next()) {
      std::string_view sentence =
          Trim(line.substr(static_cast<std::size_t>(begin),
                           static_cast<std::size_t>(end - begin)));
      if (!sentence.empty()) out->push_back(sentence);
    }
  }
  utext_close(text);
}

// The sentences of `text`, trimmed, as views into it.
std::vector<std::string_view> Sentences(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      // English rules with abbreviation suppression: "Mr." and "e.g." do
      // not end a sentence. Other scripts' terminators still do.
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"),
                                                 status));
  if (U_FAILURE(status)) breaker.reset();
  std::vector<std::string_view> sentences;
  while (!text.empty()) {
    const std::size_t newline = text.find_first_of("\r\n");
    std::string_view line = StripBullet(Trim(text.substr(0, newline)));
    if (!line.empty()) SplitLine(line, breaker.get(), &sentences);
    text = newline == std::string_view::npos ? std::string_view()
                                             : text.substr(newline + 1);
  }
  return sentences;
}

using Words = std::vector<std::uint64_t>;

std::size_t EditDistance(const Words& a, const Words& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// True when `sentence` equals, nearly equals or runs inside `known`.
bool Matches(const Words& sentence, const Words& known) {
  const std::size_t longer = std::max(sentence.size(), known.size());
  const std::size_t shorter = std::min(sentence.size(), known.size());
  if (longer - shorter <= longer / 5 &&
      EditDistance(sentence, known) <= longer / 5) {
    return true;
  }
  return sentence.size() <= known.size() &&
         std::search(known.begin(), known.end(), sentence.begin(),
                     sentence.end()) != known.end();
}

}  // namespace

std::vector<std::string> PersonalAdditions(std::string_view template_text,
                                           std::string_view member_text) {
  std::vector<Words> known;
  std::unordered_set<std::uint64_t> exact;
  for (std::string_view sentence : Sentences(template_text)) {
    Words words;
    campaign_internal::WordHashes(sentence, &words);
    if (words.empty()) continue;
    exact.insert(campaign_internal::SequenceKey(words));
    known.push_back(std::move(words));
  }
  std::vector<std::string> additions;
  Words words;
  for (std::string_view sentence : Sentences(member_text)) {
    campaign_internal::WordHashes(sentence, &words);
    if (words.empty() || exact.count(campaign_internal::SequenceKey(words))) {
      continue;
    }
    const bool in_template =
        std::any_of(known.begin(), known.end(),
                    [&words](const Words& k) { return Matches(words, k); });
    if (!in_template) additions.emplace_back(sentence);
  }
  return additions;
}

}  // namespace sift::ingest
