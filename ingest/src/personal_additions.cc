// PersonalAdditions(): a campaign member's sentences that its template lacks.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "campaign_text.h"
#include "sift/ingest/campaigns.h"
#include "sift/ingest/sentences.h"

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

// The sentences of `text` (SentenceSplitter), list markers dropped, as
// views into it.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  auto splitter = SentenceSplitter::Create();
  if (!splitter.ok()) {
    if (!Trim(text).empty()) sentences.push_back(Trim(text));
    return sentences;
  }
  std::vector<TextSpan> spans;
  splitter->Split(text, &spans);
  for (const TextSpan& span : spans) {
    std::string_view sentence = StripBullet(span.Of(text));
    if (!sentence.empty()) sentences.push_back(sentence);
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
